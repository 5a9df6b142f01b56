/**
 * Issue: the post is written into the editor while the model writes it. The test server holds the
 * stream open after a few sections; the editor must already show the title, the excerpt and the
 * finished blocks, with autosave held off. A cut stream puts the post back exactly as it was,
 * "Keep what was written" puts the partial post in as one undo step, and a finished generation
 * is one undo step too, equal to the same post written at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser, Popup } from '../support/extension';
import { makePost, type OpenAITestServer, postAsJson } from '../support/openai-test-server';
import { elementorFor, resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { useClassicEditor } from '../support/wordpress/login';
import { blockEditorState, generateFromPopup, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor, waitForElementor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const { dir: elementorDir, skipNote } = elementorFor(source);
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;

const post = { ...makePost({ words: 900, title: 'Streams Into the Editor as It Is Written' }), tags: ['Caching', 'Streaming', 'Speed'], categories: ['Performance'] };
/** Where the stream stalls: past the third H2, well before the end. */
const stallAt = postAsJson(post).indexOf('## Comparing the options') + 40;
const old = { title: 'My old title', excerpt: 'My old excerpt', content: '<!-- wp:paragraph -->\n<p>My old <strong>paragraph</strong>.</p>\n<!-- /wp:paragraph -->' };

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { categories: ['Performance'], tags: ['Caching'], elementorDir }));
  editor.on('dialog', (dialog) => void dialog.accept());
});

afterAll(() => stopEditorSuite({ site, server, browser }));

async function stalledGeneration(topic: string): Promise<Popup> {
  server.enqueue({ kind: 'post', post, chunkChars: 60, stallAfterChars: stallAt });
  const popup = await generateFromPopup(browser, editor, topic);
  await server.waitForRequest((request) => JSON.stringify(request.body?.messages ?? '').includes(topic));
  return popup;
}

const blockEditorPost = () => editor.evaluate(() => {
  const select = (window as any).wp.data.select('core/editor');
  return { title: select.getEditedPostAttribute('title'), excerpt: select.getEditedPostAttribute('excerpt'), content: select.getEditedPostContent() as string };
});

/** The saved markup without the clientId-free differences two renders of the same blocks may have. */
const normalized = (content: string) => content.replace(/\s+/g, ' ').trim();

describe(`streaming into the editor on WordPress ${source}`, () => {
  it('block editor: fields and finished blocks appear while the model still writes; a cut puts the old post back; Keep puts the partial post in as one undo step', async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost(old);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const before = await blockEditorPost();
    // Where the blogger is: the selection and how far the editor is scrolled.
    const view = () => editor.evaluate(() => {
      const select = (window as any).wp.data.select('core/block-editor');
      const scroller = document.querySelector('.interface-interface-skeleton__content');
      return { selection: JSON.stringify(select.getSelectionStart()), selected: select.getSelectedBlockClientId(), scrollTop: scroller?.scrollTop ?? window.scrollY };
    });
    const viewBefore = await view();

    const popup = await stalledGeneration('Streaming into the block editor');
    // The server is holding the rest of the answer: what shows now was streamed in.
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 30_000 });
    await expect.poll(async () => (await blockEditorState(editor)).blocks.filter((name) => name === 'core/heading').length).toBeGreaterThanOrEqual(3);
    const streaming = await blockEditorState(editor);
    expect(streaming.excerpt).toBe(post.metaDescription);
    // The tags come in too, while the model writes: the site's "Caching", and the two it lacked.
    await expect.poll(async () => (await blockEditorState(editor)).tags).toHaveLength(3);
    expect(await site.rest<unknown[]>('/wp/v2/tags?search=Streaming')).toHaveLength(1);
    expect(streaming.content).toContain('Why speed matters');
    expect(streaming.content).not.toContain('Going further'); // not written yet
    expect(streaming.content).not.toContain('My old');
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').isPostAutosavingLocked())).toBe(true);
    expect(await view()).toEqual(viewBefore);

    expect(server.cutStalled()).toBe(1);
    await expect.poll(() => popup.page.getByRole('alert').innerText()).toContain('broke off');
    expect(await blockEditorPost()).toEqual(before);
    expect((await blockEditorState(editor)).tags).toEqual([]);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').isPostAutosavingLocked())).toBe(false);
    // The tags made for the post that was not kept are gone from the site again.
    await expect.poll(() => site.rest<unknown[]>('/wp/v2/tags?search=Streaming')).toHaveLength(0);
    expect(await popup.page.locator('.partial').innerText()).toContain('Why speed matters');

    await popup.page.getByRole('button', { name: 'Keep what was written' }).click();
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, post.title, { timeout: 30_000 });
    const kept = await blockEditorPost();
    expect(kept.content).toContain('Why speed matters');
    expect(kept.excerpt).toBe(post.metaDescription);
    await popup.close();
    await editor.getByRole('button', { name: 'Undo', exact: true }).first().click();
    await expect.poll(blockEditorPost).toEqual(before);
  });

  it('block editor: a finished stream is the same post as one written at once, and one undo step brings the old post back', async () => {
    const postId = await site.createPost(old);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const before = await blockEditorPost();

    // At once: the whole answer in one piece.
    server.enqueue({ kind: 'post', post, chunkChars: 1_000_000 });
    let popup = await generateFromPopup(browser, editor, 'Written at once');
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 60_000 });
    const atOnce = await blockEditorPost();
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(blockEditorPost).toEqual(before);
    await popup.page.getByRole('button', { name: 'Discard' }).click();
    await popup.close();

    // Streamed: small pieces, a block at a time.
    server.enqueue({ kind: 'post', post, chunkChars: 40, delayMs: 5 });
    popup = await generateFromPopup(browser, editor, 'Written as it streams');
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 60_000 });
    const streamed = await blockEditorPost();
    expect(normalized(streamed.content)).toBe(normalized(atOnce.content));
    expect(streamed.title).toBe(atOnce.title);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').isPostAutosavingLocked())).toBe(false);
    await popup.close();

    await editor.getByRole('button', { name: 'Undo', exact: true }).first().click();
    await expect.poll(blockEditorPost).toEqual(before);
    const tags = await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('tags'));
    expect(tags).toEqual([]);
  });

  it('classic editor: the body grows while the model writes, Cancel puts the post back, and a finished post is one TinyMCE undo level', async () => {
    await useClassicEditor(browser.context, site, true);
    const postId = await site.createPost(old);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForClassicEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const body = () => editor.evaluate(() => (window as any).tinymce.get('content').getContent() as string);
    const title = () => editor.evaluate(() => (document.querySelector('#title') as HTMLInputElement).value);
    const oldBody = await body();

    const popup = await stalledGeneration('Streaming into the classic editor');
    await expect.poll(body).toContain('<h2>Setting up a cache</h2>');
    expect(await title()).toBe(post.title);
    expect(await body()).not.toContain('Going further');
    await popup.page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(body).toBe(oldBody);
    expect(await title()).toBe(old.title);
    server.cutStalled();

    server.enqueue({ kind: 'post', post, chunkChars: 60, delayMs: 5 });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 60_000 });
    expect(await body()).toContain('Going further');
    await popup.close();
    await editor.evaluate(() => (window as any).tinymce.get('content').undoManager.undo());
    expect(await body()).toBe(oldBody);
  });

  it.skipIf(!elementorDir)(`Elementor: sections appear as widgets while the model writes, a cut puts the page back, and a finished post is one history entry${skipNote}`, async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost(old);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=elementor`);
    await waitForElementor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const page = () => editor.evaluate(() => {
      const elementor = (window as any).elementor;
      const current = elementor.documents.getCurrent();
      // Elementor puts its own "Editing Started" entry under the first change it records.
      const entries = current.history.getItems().filter((item: any) => item.get('title') !== 'Editing Started');
      return { title: current.container.settings.get('post_title') as string, tree: JSON.stringify(elementor.elements.toJSON()), history: entries.length as number };
    });
    const before = await page();

    const popup = await stalledGeneration('Streaming into Elementor');
    await expect.poll(async () => (await page()).tree).toContain('Setting up a cache');
    const streaming = await page();
    expect(streaming.title).toBe(post.title);
    // Elementor autosaves only a changed page: the half-written one is not left marked changed
    // (each update ends with the mark taken off; the stream is stalled, so the last is in).
    await expect.poll(() => editor.evaluate(() => (window as any).elementor.documents.getCurrent().editor.isChanged)).toBe(false);
    expect(streaming.tree).not.toContain('Going further');
    expect(streaming.history).toBe(before.history);
    expect(server.cutStalled()).toBe(1);
    await expect.poll(() => popup.page.getByRole('alert').innerText()).toContain('broke off');
    const back = await page();
    expect(back.title).toBe(before.title);
    expect(back.history).toBe(before.history);

    server.enqueue({ kind: 'post', post, chunkChars: 60, delayMs: 5 });
    await popup.page.getByRole('button', { name: 'Retry' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 60_000 });
    const done = await page();
    expect(done.tree).toContain('Going further');
    expect(done.history).toBe(before.history + 1);
    await popup.close();
  });
});
