/**
 * Issue: hold up against a hostile page. A must-use plugin of the test site plays a malicious
 * plugin on the editor page: from the page world it tries the bridge's handshake both ways,
 * messages and events shaped like every message of ours, the extension's APIs, globals, DOM
 * attributes and storage. None of it reads the key, starts a generation, or writes into the
 * editor; a real generation from the popup still works beside it, and leaks nothing to it.
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

interface HostileLog { rounds: number; portsStolen: number; bridgeAnswers: unknown[]; runtimeReachable: boolean; globals: string[]; keySeen: boolean; keySeenIn: string; messagesSeen: string[] }
const hostileLog = () => editor.evaluate(() => (window as unknown as { __hostile: HostileLog }).__hostile);
const modelRequests = () => server.requests.filter((request) => /\/(chat\/completions|responses)$/.test(request.path));

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source));
  await browser.context.addCookies([{ name: 'e2e_hostile', value: '1', url: site.url }]);
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`a hostile plugin on WordPress ${source}`, () => {
  it('can neither read the key, nor start a generation, nor make the bridge write', async () => {
    const requestsBefore = server.requests.length;
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    // The extension is at work on this page: it found the editor.
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    // Let the plugin try, round after round, well after the editor is up.
    await expect.poll(async () => (await hostileLog()).rounds).toBeGreaterThan(12);

    const log = await hostileLog();
    expect(log.portsStolen).toBe(0);
    expect(log.bridgeAnswers).toEqual([]);
    expect(log.runtimeReachable).toBe(false);
    expect(log.globals).toEqual([]);
    expect(log.keySeen, log.keySeenIn).toBe(false);
    expect(server.requests.length).toBe(requestsBefore);
    const state = await blockEditorState(editor);
    expect(state.title).toBe('');
    expect(state.content).not.toContain('PWNED');
  });

  it('a real generation still works beside it and leaks nothing to it', async () => {
    const modelRequestsBefore = modelRequests().length;
    const post = makePost({ words: 300, title: 'Safe Among Plugins: A Guide' });
    server.enqueue({ kind: 'post', post, chunkChars: 100, delayMs: 5 });
    const popup = await generateFromPopup(browser, editor, 'Writing safely among plugins');
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 60_000 });
    await popup.page.getByText('Written into the editor').waitFor();
    await popup.close();
    const roundsAfterApply = (await hostileLog()).rounds;
    await expect.poll(async () => (await hostileLog()).rounds).toBeGreaterThan(roundsAfterApply + 4);

    const log = await hostileLog();
    expect(log.keySeen, log.keySeenIn).toBe(false);
    expect(log.portsStolen).toBe(0);
    expect(log.bridgeAnswers).toEqual([]);
    // The post crossed from the extension to the editor without a single window message.
    expect(log.messagesSeen.filter((message) => message.includes('Safe Among Plugins'))).toEqual([]);
    expect(modelRequests()).toHaveLength(modelRequestsBefore + 1);
    expect((await blockEditorState(editor)).content).not.toContain('PWNED');
  });
});
