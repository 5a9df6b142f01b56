/**
 * Issue: a service worker stopped mid-generation (through the DevTools protocol, as Chrome stops
 * idle or misbehaving workers). The popup says so and offers Retry, the partial text stays, and
 * nothing half-written reaches the editor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { blockEditorState, generateFromPopup, startEditorSuite, stopEditorSuite, waitForBlockEditor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source));
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`a stopped service worker on WordPress ${source}`, () => {
  it('is reported in the popup with the partial text kept, nothing applied, and Retry finishes', async () => {
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const post = makePost({ words: 900, title: 'Workers Come and Go: A Guide' });
    server.enqueue({ kind: 'post', post, chunkChars: 30, delayMs: 80 });

    const popup = await generateFromPopup(browser, editor, 'Service workers and long jobs');
    await expect.poll(async () => Number((await popup.page.getByRole('status').first().innerText()).match(/Writing… ([\d,]+) words/)?.[1]?.replace(',', '') ?? 0)).toBeGreaterThan(20);
    await browser.stopServiceWorker();

    // The blogger is told within 15 s, with the popup open all along.
    const alert = popup.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toContain('stopped PressPilot’s background worker');
    expect(await popup.page.locator('body').innerText()).toContain('An introduction to');
    const untouched = await blockEditorState(editor);
    expect(untouched.title).toBe('');
    expect(untouched.content).toBe('');

    server.enqueue({ kind: 'post', post });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 60_000 });
    await popup.page.getByText('Written into the editor').waitFor();
    await popup.close();
  });

  it('a worker that hangs mid-job, answering nothing, is reported within 15 s with the text kept', async () => {
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    server.enqueue({ kind: 'post', post: makePost({ words: 900 }), chunkChars: 30, delayMs: 80 });

    const popup = await generateFromPopup(browser, editor, 'Workers that hang');
    await expect.poll(async () => Number((await popup.page.getByRole('status').first().innerText()).match(/Writing… ([\d,]+) words/)?.[1]?.replace(',', '') ?? 0)).toBeGreaterThan(20);
    // Busy for good: the worker's JavaScript never returns to answer a message.
    const worker = await browser.serviceWorker();
    void worker.evaluate(() => { for (;;) { /* hung */ } }).catch(() => undefined);

    const alert = popup.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toContain('stopped PressPilot’s background worker');
    expect(await popup.page.locator('body').innerText()).toContain('An introduction to');
    expect((await blockEditorState(editor)).title).toBe('');
    await popup.close();
  });
});
