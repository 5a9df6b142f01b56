/**
 * Issue: rewrite an existing post. A saved post built from the Elementor page of the fixture
 * tests/fixtures/elementor-home-network.json (shaped like seed 001) is rewritten through the popup
 * in the block editor and in the classic editor: the model is sent Markdown, the review shows what
 * changes, Apply writes it, and Undo brings back every field exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { useClassicEditor } from '../support/wordpress/login';
import { blockEditorState, lastPrompt, readSavedPost, rewriteFromPopup, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor } from '../support/e2e-flow';
import { FIXTURES, fixturePostHtml } from '../support/fixtures';

const source = resolveSourceFromEnv();
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;
const pageHtml = fixturePostHtml(FIXTURES.elementorPost);

const rewritten = {
  ...makePost({ words: 500, title: 'Home Wi-Fi That Just Works: A Clear Guide' }),
  metaDescription: 'Plan, cable and secure a home network, with a comparison of Wi-Fi standards and a router settings table.',
  tags: ['networking', 'Routers', 'Mesh Wi-Fi'],
  categories: ['Home Networking'],
};

/** A post like the fixture's, saved before the editor opens it. */
async function createPagePost(): Promise<number> {
  const [tag] = await site.rest<Array<{ id: number }>>('/wp/v2/tags?search=Networking');
  const [category] = await site.rest<Array<{ id: number }>>('/wp/v2/categories?search=Guides');
  return site.createPost({
    title: 'Setting Up a Reliable Home Network: A Practical Guide',
    excerpt: 'Plan, cable and secure your home network.',
    content: pageHtml,
    tags: [tag!.id],
    categories: [category!.id],
  });
}

/** What the model was sent is the post as Markdown, not its HTML. */
function expectMarkdownPrompt(prompt: string) {
  expect(prompt).toContain('## Why Your Home Network Deserves a Plan');
  expect(prompt).toContain('#### Guest Access in Practice');
  expect(prompt).toContain('| Standard | Marketing name | Bands | Best for |');
  expect(prompt).toContain('| Setting | Where to find it | Recommended value |');
  expect(prompt).toContain('[**router placement guide**](https://example.net/guides/router-placement/)');
  expect(prompt).toContain('Make the examples friendlier');
  expect(prompt).not.toMatch(/<div|<h2|<h3|<span|<td|<table|elementor-|data-id|data-ccp-props|&#8217;/);
}

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { categories: ['Guides', 'Home Networking'], tags: ['Networking'] }));
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`rewriting on WordPress ${source}`, () => {
  it('block editor: sends Markdown, shows the changes, applies, saves, and undo restores every field', async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await createPagePost();
    const original = await readSavedPost(site, postId);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const before = await blockEditorState(editor);

    server.enqueue({ kind: 'post', post: rewritten, chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make the examples friendlier', presets: ['Improve clarity'], everything: true });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    expectMarkdownPrompt(lastPrompt(server));
    // Nothing is written before Apply; the review shows old and new title and the changed body.
    expect((await blockEditorState(editor)).title).toBe(before.title);
    await expect.poll(() => popup.page.locator('dl.review').innerText()).toContain(`Old title\n${original.title}`);
    expect(await popup.page.locator('dl.review').innerText()).toContain(rewritten.title);
    expect(await popup.page.locator('.diff ins').count()).toBeGreaterThan(5);
    expect(await popup.page.locator('.diff del').count()).toBeGreaterThan(5);

    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, rewritten.title, { timeout: 30_000 });
    await popup.page.getByText('Written into the editor').waitFor();
    const applied = await blockEditorState(editor);
    expect(applied.blocks).toContain('core/heading');
    expect(applied.blocks).toContain('core/table');
    expect(applied.blocks).not.toContain('core/freeform');

    await saveBlockEditorDraft(editor);
    const saved = await readSavedPost(site, postId);
    expect(saved.title).toBe(rewritten.title);
    expect(saved.excerpt).toBe(rewritten.metaDescription);
    expect(saved.tags).toEqual(['Mesh Wi-Fi', 'Networking', 'Routers']);
    expect(saved.categories).toEqual(['Home Networking']);
    expect(saved.content).toMatch(/<!-- wp:heading -->\n<h2( class="wp-block-heading")?>Why speed matters<\/h2>/);
    expect(saved.content).not.toContain('elementor-');

    // Clicking Save in the page closed the popup, as it does for a user: open it again to undo.
    const reopened = await browser.openPopup(editor);
    await reopened.page.getByRole('button', { name: 'Undo' }).click();
    await editor.waitForFunction((title) => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title') === title, before.title);
    const undone = await blockEditorState(editor);
    expect(undone.title).toBe(before.title);
    expect(undone.excerpt).toBe(before.excerpt);
    expect(undone.tags).toEqual(before.tags);
    expect(undone.categories).toEqual(before.categories);
    expect(undone.content).toBe(before.content);
    await reopened.close();

    await saveBlockEditorDraft(editor);
    // What the editor held before is what is saved again (6.1.9 itself re-serializes a classic
    // block on any save, so its HTML is compared with the editor's, the rest with the REST post).
    const restored = await readSavedPost(site, postId);
    expect(restored).toEqual({ ...original, content: before.content });
  });

  it('classic editor: the same rewrite, and undo restores title, excerpt, tags, categories and body exactly', async () => {
    await useClassicEditor(browser.context, site, true);
    const postId = await createPagePost();
    const original = await readSavedPost(site, postId);
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForClassicEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const classicState = () => editor.evaluate(() => ({
      title: (document.querySelector('#title') as HTMLInputElement).value,
      excerpt: (document.querySelector('#excerpt') as HTMLTextAreaElement).value,
      tags: (document.querySelector('#tax-input-post_tag') as HTMLTextAreaElement).value,
      categories: Array.from(document.querySelectorAll<HTMLInputElement>('#categorychecklist input:checked')).map((box) => box.value).sort(),
      body: (window as any).tinymce.get('content').getContent() as string,
    }));
    const before = await classicState();

    server.enqueue({ kind: 'post', post: rewritten, chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make the examples friendlier', presets: ['Make it SEO-friendly'], everything: true });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    expectMarkdownPrompt(lastPrompt(server));

    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, rewritten.title, { timeout: 30_000 });
    const applied = await classicState();
    expect(applied.excerpt).toBe(rewritten.metaDescription);
    expect(applied.body).toContain('<h2>Why speed matters</h2>');
    expect(applied.body).not.toContain('elementor-');

    // Undo lives until the user saves (saving reloads the classic editor), so it is checked first.
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, before.title);
    const undone = await classicState();
    expect(undone.title).toBe(before.title);
    expect(undone.excerpt).toBe(before.excerpt);
    expect(undone.tags).toBe(before.tags);
    expect(undone.categories).toEqual(before.categories);
    expect(undone.body).toBe(before.body);

    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, rewritten.title);
    await popup.close();
    await editor.waitForSelector('#save-post:not(.disabled)');
    await Promise.all([editor.waitForURL(/message=/, { timeout: 30_000 }), editor.click('#save-post')]);
    const saved = await readSavedPost(site, postId);
    expect(saved.title).toBe(rewritten.title);
    expect(saved.excerpt).toBe(rewritten.metaDescription);
    expect(saved.tags).toEqual(['Mesh Wi-Fi', 'Networking', 'Routers']);
    expect(saved.categories).toEqual(['Home Networking']);
    expect(saved.content).toContain('<h2>Why speed matters</h2>');
    expect(saved.content).not.toContain(original.content.slice(0, 200));
  });
});
