/**
 * Issue: the narrowest permissions. PressPilot is installed with no host at all; a blogger allows
 * one WordPress site, and only then, and only there, do its editor scripts run, from the next page
 * load on (the bridge handshake needs document_start). Removing the site turns it off again.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, type ExtensionBrowser } from '../support/extension';
import type { OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { allowSiteInOptions, startEditorSuite, stopEditorSuite, waitForBlockEditor } from '../support/e2e-flow';

/** Inside the service worker, where these callbacks run. */
declare const chrome: any;

const source = resolveSourceFromEnv();
const siteHost = source === '7.1.0' ? 'localhost' : '127.0.0.1';
const otherHost = siteHost === 'localhost' ? '127.0.0.1' : 'localhost';
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;
let elsewhere: Server;
let elsewhereUrl: string;

const grantedOrigins = async () => (await browser.serviceWorker()).evaluate(async () => (await chrome.permissions.getAll()).origins as string[]);
const popupText = async () => {
  const popup = await browser.openPopup(editor);
  const text = popup.page.locator('main');
  await expect.poll(() => text.innerText()).not.toContain('Loading');
  return { popup, text: await text.innerText() };
};

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { allowSite: false }));
  // Another site's editor path, on a host never allowed.
  elsewhere = createServer((_request, response) => response.end('<!doctype html><title>Another site</title><p>Another site</p>'));
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://${otherHost}:${(elsewhere.address() as { port: number }).port}`;
});

afterAll(async () => {
  elsewhere?.close();
  await stopEditorSuite({ site, server, browser });
});

describe(`site access on WordPress ${source}`, () => {
  it('asks for no host at install: no content script in the manifest, nothing granted', async () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.permissions.sort()).toEqual(['activeTab', 'scripting', 'storage']);
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_scripts).toBeUndefined();
    expect(await grantedOrigins()).toEqual([]);

    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    expect(await browser.reachesTab(editor)).toBe(false);
    const { popup, text } = await popupText();
    expect(text).toContain('Allow your site in Options');
    await popup.close();
  });

  it('runs on the allowed site after one reload, from the popup, and nowhere else', async () => {
    await allowSiteInOptions(browser, site.url);
    expect(await grantedOrigins()).toEqual([`http://${siteHost}/*`]);

    // This page loaded before the grant: the popup offers the reload that starts PressPilot.
    await editor.bringToFront();
    const { popup, text } = await popupText();
    expect(text).toContain('Reload this page to start it here');
    const reloaded = editor.waitForEvent('load');
    await popup.page.getByRole('button', { name: 'Reload page' }).click();
    await reloaded;
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    expect(await browser.reachesTab(editor)).toBe(true);
    const detected = await popupText();
    expect(detected.text).toContain('WordPress block editor detected');
    await detected.popup.close();

    const other = await browser.context.newPage();
    await other.goto(`${elsewhereUrl}/wp-admin/post-new.php`);
    await other.getByText('Another site').waitFor();
    expect(await browser.reachesTab(other)).toBe(false);
    await other.close();
  });

  it('stops on the site once it is removed in Options', async () => {
    const options = await browser.openOptions();
    await options.getByRole('button', { name: `Remove ${site.url.replace(/:\d+$/, '')}` }).click();
    await options.getByText('No site allowed yet.').waitFor();
    await options.close();
    expect(await grantedOrigins()).toEqual([]);

    await editor.reload();
    await waitForBlockEditor(editor);
    expect(await browser.reachesTab(editor)).toBe(false);
  });
});
