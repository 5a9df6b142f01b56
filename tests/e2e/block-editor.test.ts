/**
 * Issue: generate a complete post from a topic into the block editor, end to end, in real
 * Chromium with the built extension and a real WordPress (WP_SOURCE picks 6.1.9 or 7.1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { blockEditorState, generateFromPopup, readSavedPost, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;

const post = {
  ...makePost({ words: 700, title: 'Make WordPress Fly: A Practical Caching Guide' }),
  title: 'Make WordPress Fly: A Practical Caching Guide',
  metaDescription: 'Caching, image sizes and a lean theme: the steps that make a WordPress site load in under a second.',
  tags: ['caching', 'Page Speed', 'WordPress'],
  categories: ['Tutorials', 'Performance', 'Made Up Category'],
};

async function openNewPost(): Promise<Record<string, string>> {
  const response = await editor.goto(`${site.url}/wp-admin/post-new.php`);
  await waitForBlockEditor(editor);
  return response?.headers() ?? {};
}

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { categories: ['Tutorials', 'Performance'], tags: ['Caching'] }));
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`block editor on WordPress ${source}`, () => {
  it('says on a page without an editor that it needs one', async () => {
    await editor.goto(`${site.url}/wp-admin/index.php`);
    const popup = await browser.openPopup(editor);
    await expect.poll(() => popup.page.locator('body').innerText()).toContain('PressPilot works in the WordPress block editor');
    await popup.close();
  });

  it('writes a whole post into the editor as one undo step, and saving keeps it all', async () => {
    const headers = await openNewPost();
    // On 7.1 over localhost the editor runs under Document-Isolation-Policy, as on real sites.
    if (source === '7.1.0') expect(headers['document-isolation-policy']).toBeTruthy();
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    server.enqueue({ kind: 'post', post, chunkChars: 120, delayMs: 15 });

    const popup = await generateFromPopup(browser, editor, 'How to make a WordPress site fast with caching');
    await expect.poll(() => popup.page.getByRole('status').first().innerText()).toMatch(/Writing… [\d,]+ words/);
    await expect(popup.page.getByRole('button', { name: 'Cancel' }).isVisible()).resolves.toBe(true);
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 60_000 });
    await expect.poll(() => popup.page.locator('body').innerText()).toContain('Written into the editor');

    const request = server.requests.find((candidate) => JSON.stringify(candidate.body?.messages ?? '').includes('How to make a WordPress site fast'))!;
    expect(request.headers.authorization).toBe('Bearer sk-test-key');
    expect(request.body.model).toBe('test-model');
    expect(request.body.stream).toBe(true);
    expect(request.body.response_format.type).toBe('json_schema');
    const prompt = JSON.stringify(request.body.messages);
    expect(prompt).toContain('How to make a WordPress site fast with caching');
    expect(prompt).toContain('\\"Performance\\"'); // the site's own categories are offered
    expect(prompt).not.toContain('Server Virtualization'); // not the seed's default list

    const state = await blockEditorState(editor);
    expect(state.excerpt).toBe(post.metaDescription);
    expect(state.dirty).toBe(true);
    for (const name of ['core/heading', 'core/paragraph', 'core/list', 'core/code', 'core/table', 'core/quote']) expect(state.blocks).toContain(name);
    expect(state.blocks).not.toContain('core/html');
    expect(state.blocks).not.toContain('core/freeform');

    // One undo step takes the whole fill away, one redo brings it back.
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').undo());
    const undone = await blockEditorState(editor);
    expect(undone.title).toBe('');
    expect(undone.blocks.filter((name) => name !== 'core/paragraph' || undone.content.trim() !== '')).toEqual([]);
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').redo());
    expect((await blockEditorState(editor)).title).toBe(post.title);

    await saveBlockEditorDraft(editor);
    const saved = await readSavedPost(site, state.id);
    expect(saved.status).toBe('draft');
    expect(saved.title).toBe(post.title);
    expect(saved.excerpt).toBe(post.metaDescription);
    // "caching" reuses the site's "Caching"; missing tags are created.
    expect(saved.tags).toEqual(['Caching', 'Page Speed', 'WordPress']);
    expect((await site.rest<unknown[]>('/wp/v2/tags?search=caching')).length).toBe(1);
    // Categories come from the site's own; one it lacks is not created.
    expect(saved.categories).toEqual(['Performance', 'Tutorials']);
    expect((await site.rest<unknown[]>('/wp/v2/categories?search=Made%20Up')).length).toBe(0);
    expect(saved.content).toMatch(/<!-- wp:heading -->\s*<h2[^>]*>/);
    expect(saved.content).toMatch(/<!-- wp:code \{"className":"language-[a-z]+"\} -->\s*<pre class="wp-block-code language-[a-z]+"><code>/);
    expect(saved.content).toContain('<!-- wp:table');
    expect(saved.content).toContain('<!-- wp:list');
    expect(saved.content).toContain('<!-- wp:quote');
    expect(saved.content).not.toContain('wp:html');
    expect(saved.content).toContain('<strong>');
    expect(saved.content).toMatch(/<a href="https:\/\//);
    await popup.close();
  });

  it('keeps going when the popup is closed mid-generation', async () => {
    await openNewPost();
    const slow = { ...post, title: 'Written While the Popup Was Closed' };
    server.enqueue({ kind: 'post', post: slow, chunkChars: 80, delayMs: 20 });
    const popup = await generateFromPopup(browser, editor, 'A post written with the popup closed');
    await expect.poll(() => popup.page.getByRole('status').first().innerText()).toMatch(/Writing/);
    await popup.close();
    // Opened again, the popup shows the finished job with its undo, and the editor holds it all.
    const again = await browser.openPopup(editor);
    await expect.poll(() => again.page.locator('body').innerText()).toContain('Written into the editor');
    expect((await blockEditorState(editor)).title).toBe(slow.title);
    await again.page.getByRole('button', { name: 'Undo' }).click();
    await editor.waitForFunction(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === '', undefined, { timeout: 60_000 });
    // Undone, the post is still at hand to apply again, until the user discards it.
    await again.page.getByRole('button', { name: 'Apply' }).waitFor();
    await again.page.getByRole('button', { name: 'Discard' }).click();
    await again.page.getByLabel('Topic').waitFor();
    await again.close();
  });

  it('ends a rate limit with a clear message and leaves the post untouched', async () => {
    await openNewPost();
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').editPost({ title: 'My own draft title' }));
    const before = server.requests.length;
    // The SDK retries twice after Retry-After; the third 429 is the user's answer.
    server.enqueue(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 429, message: 'Rate limit reached', headers: { 'retry-after': '0' } })));
    const popup = await generateFromPopup(browser, editor, 'Anything at all about WordPress');
    await expect.poll(() => popup.page.getByRole('alert').innerText()).toContain('rate-limiting');
    expect(server.requests.slice(before).filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(3);
    const state = await blockEditorState(editor);
    expect(state.title).toBe('My own draft title');
    expect(state.content.trim()).toBe('');
    await popup.close();
  });

  it('keeps the partial text of a cut stream and Retry finishes the post', async () => {
    await openNewPost();
    const firstHeading = /^## (.+)$/m.exec(post.body)![1]!;
    server.enqueue({ kind: 'post', post, stallAfterChars: 1500 });
    const popup = await generateFromPopup(browser, editor, 'A post whose stream breaks off');
    // The connection drops once the popup shows text the extension has received.
    await expect.poll(() => popup.page.locator('body').innerText()).toContain(firstHeading);
    expect(server.cutStalled()).toBe(1);
    await expect.poll(() => popup.page.getByRole('alert').innerText()).toContain('broke off');
    expect(await popup.page.locator('body').innerText()).toContain(firstHeading);
    expect((await blockEditorState(editor)).title).toBe('');
    server.enqueue({ kind: 'post', post });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 60_000 });
    await popup.close();
  });
});
