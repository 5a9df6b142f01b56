/**
 * Issue: a rewrite never loses what the blogger had. A post with an embed, a gallery, a button and
 * a preformatted block is rewritten through the popup: the model gets placeholders for them, and
 * they come back exactly, in place, after Apply and after save; a placeholder the model dropped is
 * put back after the text it followed, and the review says so; one undo restores the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { useClassicEditor } from '../support/wordpress/login';
import { lastPrompt, readSavedPost, rewriteFromPopup, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;

const blockPost = [
  '<!-- wp:paragraph -->\n<p>Our first look at the new studio.</p>\n<!-- /wp:paragraph -->',
  '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube","responsive":true} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=aqz-KE-bpKQ\n</div></figure>\n<!-- /wp:embed -->',
  '<!-- wp:heading -->\n<h2 class="wp-block-heading">The rooms</h2>\n<!-- /wp:heading -->',
  '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://example.com/room-a.jpg" alt="Room A"/></figure>\n<!-- /wp:image -->\n\n<!-- wp:image {"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://example.com/room-b.jpg" alt="Room B"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->',
  '<!-- wp:paragraph -->\n<p>Book a session while the opening offer lasts.</p>\n<!-- /wp:paragraph -->',
  '<!-- wp:buttons -->\n<div class="wp-block-buttons"><!-- wp:button -->\n<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://example.com/book">Book a session</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->',
  '<!-- wp:preformatted -->\n<pre class="wp-block-preformatted">Opening hours\nMonday to Friday, <a href="https://example.com/hours">see the calendar</a>\nWeekends by <em>appointment</em></pre>\n<!-- /wp:preformatted -->',
].join('\n\n');

/** The model's rewrite: new text around the placeholders, all of them or all but `drop`. */
function rewriteKeeping(drop?: string) {
  const keep = (id: string) => (id === drop ? [] : [`[[keep:${id}]]`]);
  return {
    ...makePost({ words: 300, title: 'Inside the New Studio' }),
    body: [
      'A first look at our new studio, room by room.', ...keep('1'),
      '## The rooms', ...keep('2'),
      'Sessions are open: book one while the opening offer lasts.', ...keep('3'), ...keep('4'),
      makePost({ words: 200 }).body,
    ].join('\n\n'),
  };
}

/** The post's top-level blocks as the editor holds them: name and exact markup. */
const topBlocks = (): Promise<Array<{ name: string; html: string }>> => editor.evaluate(() => {
  const { blocks, data } = (window as any).wp;
  return data.select('core/block-editor').getBlocks().map((block: any) => ({ name: block.name as string, html: blocks.serialize([block]) as string }));
});
const KEPT = ['core/embed', 'core/gallery', 'core/buttons', 'core/preformatted'];

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source));
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`a rewrite keeps what Markdown cannot carry, on WordPress ${source}`, () => {
  it('block editor: embed, gallery, button and preformatted come back exactly, in place; saved; one undo restores', async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'The new studio', content: blockPost });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor), { timeout: 15_000 }).toBe('•');
    const before = await topBlocks();
    const keptBefore = before.filter((block) => KEPT.includes(block.name));
    expect(keptBefore.map((block) => block.name)).toEqual(KEPT);

    server.enqueue({ kind: 'post', post: rewriteKeeping(), chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    const prompt = lastPrompt(server);
    for (const id of ['1', '2', '3', '4']) expect(prompt).toContain(`[[keep:${id}]]`);
    expect(prompt).not.toMatch(/youtube\.com|room-a\.jpg|wp-block-button|Opening hours/);
    await expect.poll(() => popup.page.locator('.diff', { hasText: 'A block kept as it was' }).count()).toBeGreaterThan(0);

    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    const after = await topBlocks();
    // Each kept block is byte for byte what it was, and where it was: after the text it followed.
    expect(after.filter((block) => KEPT.includes(block.name))).toEqual(keptBefore);
    const names = after.map((block) => block.name);
    expect(names.slice(0, 4)).toEqual(['core/paragraph', 'core/embed', 'core/heading', 'core/gallery']);
    expect(names.slice(4, 7)).toEqual(['core/paragraph', 'core/buttons', 'core/preformatted']);
    expect(after[0]!.html).toContain('room by room');

    await saveBlockEditorDraft(editor);
    const saved = await readSavedPost(site, postId);
    for (const block of keptBefore) expect(saved.content).toContain(block.html);

    const reopened = await browser.openPopup(editor);
    await reopened.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(topBlocks).toEqual(before);
    await reopened.close();
  });

  it('block editor: a block the model left out is put back after the text it followed, and the review says so', async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'The new studio', content: blockPost });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor), { timeout: 15_000 }).toBe('•');
    const keptBefore = (await topBlocks()).filter((block) => KEPT.includes(block.name));

    server.enqueue({ kind: 'post', post: rewriteKeeping('3'), chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    expect(await popup.page.locator('section').innerText()).toMatch(/left out 1 block/);
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    const after = await topBlocks();
    expect(after.filter((block) => KEPT.includes(block.name))).toEqual(keptBefore);
    const buttons = after.findIndex((block) => block.name === 'core/buttons');
    expect(after[buttons - 1]!.html).toContain('book one while the opening offer lasts');
    await popup.close();
  });

  it('block editor: the review takes the rewrite of one section and keeps another as it was, exactly that mix, one undo away', async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'The new studio', content: blockPost });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor), { timeout: 15_000 }).toBe('•');
    const before = await topBlocks();

    server.enqueue({ kind: 'post', post: rewriteKeeping(), chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    // The introduction is rewritten, "The rooms" too; the rewrite's further sections are new.
    const rooms = popup.page.locator('fieldset.section-choice', { hasText: 'book one while the opening offer lasts' });
    await expect.poll(() => rooms.locator('del').allInnerTexts()).toContain('Book a session while the opening offer lasts.');
    await rooms.getByLabel('Keep original').check();
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });

    const after = await topBlocks();
    const text = after.map((block) => block.html).join('\n');
    expect(after[0]!.html).toContain('room by room');
    expect(text).toContain('Book a session while the opening offer lasts.');
    expect(text).not.toContain('book one while the opening offer lasts');
    expect(text).toContain('Why speed matters');
    expect(after.filter((block) => KEPT.includes(block.name))).toEqual(before.filter((block) => KEPT.includes(block.name)));

    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(topBlocks).toEqual(before);
    await popup.close();
  });

  it('classic editor: an embed, a shortcode gallery and preformatted lines survive the rewrite and the save', async () => {
    await useClassicEditor(browser.context, site, true);
    const content = [
      'Our first look at the new studio.',
      '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" width="560" height="315"></iframe>',
      '<h2>The rooms</h2>',
      '[gallery ids="11,12" columns="2"]',
      'Book a session while the opening offer lasts.',
      '<pre>Opening hours\nMonday to Friday, <a href="https://example.com/hours">see the calendar</a></pre>',
    ].join('\n\n');
    const postId = await site.createPost({ title: 'The new studio', content });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForClassicEditor(editor);
    await expect.poll(() => browser.badgeText(editor), { timeout: 15_000 }).toBe('•');

    const answer = rewriteKeeping();
    server.enqueue({ kind: 'post', post: { ...answer, body: answer.body.replace('\n\n[[keep:4]]', '') }, chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    expect(lastPrompt(server)).not.toMatch(/youtube\.com|\[gallery/);
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    await popup.close();
    const body = await editor.evaluate(() => (window as any).tinymce.get('content').getContent() as string);
    expect(body).toContain('https://www.youtube.com/embed/aqz-KE-bpKQ');
    expect(body).toContain('[gallery ids="11,12" columns="2"]');
    expect(body).toMatch(/Opening hours(<br ?\/?>|\n)Monday to Friday, <a href="https:\/\/example.com\/hours">see the calendar<\/a>/);
    expect(body).toContain('room by room');
  });
});
