/**
 * Issue: a rewrite never loses what the blogger had. A post with an embed, a gallery, a button and
 * a preformatted block is rewritten through the popup, in the block editor, the classic editor and
 * Elementor: the model gets placeholders for them, and they come back exactly, in place, after
 * Apply and after save; a placeholder the model dropped is put back after the text it followed,
 * and the review says so; the review's mix of accepted and kept sections is what is written; one
 * undo restores the post. In Elementor the page's design stays: only the text widgets' text changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { elementorFor, resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { useClassicEditor } from '../support/wordpress/login';
import { lastPrompt, readSavedPost, rewriteFromPopup, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor, waitForElementor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const { dir: elementorDir, skipNote } = elementorFor(source);
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

/** The post above, saved, open in the block editor with PressPilot ready on it. */
async function openBlockPost(): Promise<number> {
  await useClassicEditor(browser.context, site, false);
  const postId = await site.createPost({ title: 'The new studio', content: blockPost });
  await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
  await waitForBlockEditor(editor);
  await expect.poll(() => browser.badgeText(editor)).toBe('•');
  return postId;
}

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { elementorDir }));
  // Leaving Elementor with changes asks first; the tests answer yes (the dialog may be gone already).
  editor.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`a rewrite keeps what Markdown cannot carry, on WordPress ${source}`, () => {
  it('block editor: embed, gallery, button and preformatted come back exactly, in place; saved; one undo restores', async () => {
    const postId = await openBlockPost();
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
    const postId = await openBlockPost();
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
    await saveBlockEditorDraft(editor);
    const saved = await readSavedPost(site, postId);
    for (const block of keptBefore) expect(saved.content).toContain(block.html);
  });

  it('block editor: the review takes the rewrite of one section and keeps another as it was, exactly that mix, one undo away', async () => {
    const postId = await openBlockPost();
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

  it('classic editor: embed, shortcode gallery, button link and preformatted lines survive a rewrite, a dropped placeholder, a mix of sections, undo and save', async () => {
    await useClassicEditor(browser.context, site, true);
    const content = [
      'Our first look at the new studio.',
      '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" width="560" height="315"></iframe>',
      '<h2>The rooms</h2>',
      '[gallery ids="11,12" columns="2"]',
      'Book a session while the opening offer lasts.',
      '<form action="https://example.com/book"><button type="submit">Book a session</button></form>',
      '<pre>Opening hours\nMonday to Friday, <a href="https://example.com/hours">see the calendar</a></pre>',
    ].join('\n\n');
    const postId = await site.createPost({ title: 'The new studio', content });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForClassicEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const body = () => editor.evaluate(() => (window as any).tinymce.get('content').getContent() as string);
    const original = await body();
    const expectKept = (html: string) => {
      expect(html).toContain('https://www.youtube.com/embed/aqz-KE-bpKQ');
      expect(html).toContain('[gallery ids="11,12" columns="2"]');
      expect(html).toMatch(/<form action="https:\/\/example.com\/book"><button type="submit">Book a session<\/button><\/form>/);
      expect(html).toMatch(/Opening hours(<br ?\/?>|\r?\n)Monday to Friday, <a href="https:\/\/example.com\/hours">see the calendar<\/a>/);
    };
    const rewrite = async (post: ReturnType<typeof rewriteKeeping>) => {
      server.enqueue({ kind: 'post', post, chunkChars: 200 });
      const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
      await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
      expect(lastPrompt(server)).not.toMatch(/youtube\.com|\[gallery|<form|Opening hours/);
      return popup;
    };

    // Every placeholder kept: all of it is there; the popup's Undo brings the post back exactly.
    let popup = await rewrite(rewriteKeeping());
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    expectKept(await body());
    expect(await body()).toContain('room by room');
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(body).toBe(original);
    await popup.page.getByRole('button', { name: 'Discard' }).click();

    // The embed left out, and "The rooms" kept as it was: the embed comes back, the mix is exact.
    popup = await rewrite(rewriteKeeping('1'));
    expect(await popup.page.locator('section').innerText()).toMatch(/left out 1 block/);
    await popup.page.locator('fieldset.section-choice', { hasText: 'book one while the opening offer lasts' }).getByLabel('Keep original').check();
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    await popup.close();
    const mixed = await body();
    expectKept(mixed);
    expect(mixed).toContain('room by room');
    expect(mixed).toContain('Book a session while the opening offer lasts.');
    expect(mixed).not.toContain('book one while the opening offer lasts');

    await editor.locator('#save-post').click();
    await waitForClassicEditor(editor);
    const saved = await readSavedPost(site, postId);
    expectKept(saved.content);
    expect(saved.content).toContain('room by room');
  });

  it.skipIf(!elementorDir)(`Elementor: the rewrite writes the text widgets' text only; the design, the image and the button stay; one history entry${skipNote}`, async () => {
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'The new studio', content: '' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=elementor`);
    await waitForElementor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    // The blogger's design: a coloured section, a red heading, large text, an image and a button.
    const page = () => editor.evaluate(() => JSON.parse(JSON.stringify((window as any).elementor.elements.toJSON())) as any[]);
    const history = () => editor.evaluate(() => (window as any).elementor.documents.getCurrent().history.getItems().filter((item: any) => item.get('title') !== 'Editing Started').length as number);
    await editor.evaluate(() => {
      const { $e, elementor } = window as any;
      const container = elementor.documents.getCurrent().container;
      const section = (elements: unknown[], settings = {}) => ({ id: Math.random().toString(16).slice(2, 9), elType: 'container', settings, elements });
      const widget = (widgetType: string, settings: Record<string, unknown>) => ({ id: Math.random().toString(16).slice(2, 9), elType: 'widget', widgetType, settings, elements: [] });
      for (const model of [
        section([
          widget('heading', { title: 'Inside the studio', header_size: 'h2', title_color: '#AA2200' }),
          widget('text-editor', { editor: '<p>Our first look at the new studio.</p>', text_color: '#333333' }),
          widget('image', { image: { url: 'https://example.com/room-a.jpg', id: '' } }),
          widget('video', { youtube_url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ' }),
          widget('image-gallery', { wp_gallery: [{ id: '', url: 'https://example.com/room-b.jpg' }] }),
          widget('button', { text: 'Book a session', link: { url: 'https://example.com/book', is_external: '', nofollow: '' } }),
          widget('text-editor', { editor: '<pre>Opening hours\nWeekends by <em>appointment</em></pre>' }),
        ], { background_color: '#F4EEE0' }),
        section([widget('heading', { title: 'Opening hours', header_size: 'h2' }), widget('text-editor', { editor: '<p>Monday to Friday.</p>' })]),
      ]) $e.run('document/elements/create', { container, model, options: { edit: false } });
    });
    // Every widget is shown in the preview (Elementor leaves out one created before its controls).
    await expect.poll(() => editor.evaluate(() => (window as any).elementor.$preview[0].contentDocument.body.innerText as string)).toMatch(/Our first look[\s\S]*Monday to Friday/);
    const before = await page();
    const entriesBefore = await history();

    // The rest of the answer starts a section of its own.
    const more = makePost({ words: 200 }).body.replace(/^[^\n]*\n\n/, '');
    const body = ['## Inside the studio', 'A warm first look at our new studio, room by room.', '[[keep:1]]', '## Opening hours', 'Monday to Friday.', more].join('\n\n');
    server.enqueue({ kind: 'post', post: { ...makePost({ words: 200 }), body }, chunkChars: 200 });
    const popup = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await popup.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    expect(lastPrompt(server)).toContain('[[keep:1]]');
    expect(lastPrompt(server)).not.toContain('room-a.jpg');
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    await popup.close();

    const after = await page();
    expect(after[0].id).toBe(before[0].id);
    expect(after[0].settings).toEqual(before[0].settings);
    const [heading, text, ...rest] = after[0].elements;
    expect(heading.settings).toEqual({ ...before[0].elements[0].settings });
    expect(text.id).toBe(before[0].elements[1].id);
    expect(text.settings.text_color).toBe('#333333');
    expect(text.settings.editor).toContain('room by room');
    // The image, the video, the gallery, the button and the preformatted text are untouched.
    expect(rest).toEqual(before[0].elements.slice(2));
    expect(after[1].elements.slice(0, 2)).toEqual(before[1].elements);
    expect(JSON.stringify(after)).toContain('Why speed matters');
    expect(await history()).toBe(entriesBefore + 1);

    await editor.evaluate(() => (window as any).$e.run('document/history/undo'));
    await expect.poll(page).toEqual(before);

    // The model leaves the image's placeholder out, and the blogger keeps the first section as it
    // was: the page keeps the image all the same, the first text stays, the new sections come; it saves.
    server.enqueue({ kind: 'post', post: { ...makePost({ words: 200 }), body: body.replace('[[keep:1]]\n\n', '') }, chunkChars: 200 });
    const done = await browser.openPopup(editor);
    await done.page.getByRole('button', { name: 'New post' }).click();
    await done.close();
    const again = await rewriteFromPopup(browser, editor, { instructions: 'Make it warmer', presets: [] });
    await again.page.getByText('Review the new version').waitFor({ timeout: 60_000 });
    await again.page.locator('fieldset.section-choice', { hasText: 'room by room' }).getByLabel('Keep original').check();
    await again.page.getByRole('button', { name: 'Apply' }).click();
    await again.page.getByText('Written into the editor').waitFor({ timeout: 30_000 });
    await again.close();
    const mixed = await page();
    expect(mixed[0]).toEqual(before[0]);
    expect(JSON.stringify(mixed)).toContain('Why speed matters');
    await editor.evaluate(() => (window as any).$e.run('document/save/update'));
    await editor.waitForFunction(() => !(window as any).elementor.saver.isSaving && !(window as any).elementor.saver.isEditorChanged(), undefined, { timeout: 30_000 });
    const saved = await readSavedPost(site, postId);
    for (const kept of ['room-a.jpg', 'Book a session', 'https://example.com/book', 'Weekends by <em>appointment</em>', 'Our first look at the new studio.', 'Why speed matters']) expect(saved.content).toContain(kept);
  });
});
