/**
 * Issue: the post arrives SEO-complete, featured image included. With the popup's box ticked (its
 * default set in the options), one image is drawn through the test server's images API (a real
 * PNG), uploaded to the site's media library with alt text and a file name from the keyphrase, and
 * set as the featured image in the block editor, the classic editor's box and Elementor's page
 * settings, in the fill's undo step; the editor's own save keeps it, and the popup's Undo deletes
 * the media item again. An endpoint without images leaves the rest of the post filled and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makePost } from '../support/openai-test-server';
import { elementorFor, resolveSourceFromEnv } from '../support/matrix';
import { useClassicEditor } from '../support/wordpress/login';
import { generateFromPopup, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor, waitForClassicEditor, waitForElementor, type EditorSuite } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const elementor = elementorFor(source);
const post = makePost({ words: 300, topic: 'Fast WordPress Hosting', title: 'Fast WordPress Hosting, Explained' });
const fileName = 'fast-wordpress-hosting.png';
const alt = 'Fast wordpress hosting';

interface Media { id: number; alt_text: string; source_url: string; mime_type: string; media_details: { width: number } }

describe(`featured image on WordPress ${source}`, () => {
  let suite: EditorSuite;
  beforeAll(async () => {
    suite = await startEditorSuite(source, { elementorDir: elementor.dir });
    suite.editor.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
  });
  afterAll(() => stopEditorSuite(suite ?? {}));

  const media = (id: number) => suite.site.rest<Media>(`/wp/v2/media/${id}?context=edit`);
  const mediaCount = async () => (await suite.site.rest<unknown[]>('/wp/v2/media?per_page=100&context=edit')).length;
  const gone = (id: number) => media(id).then(() => false, (error: Error) => /404/.test(error.message));
  const featuredOfPost = async (id: number) => (await suite.site.rest<{ featured_media: number }>(`/wp/v2/posts/${id}?context=edit`)).featured_media;

  /** Generates with the box as the options page left it, and reads back the media item the report names. */
  async function generateWithImage(editor: Page, choices: { featuredImage?: boolean } = {}) {
    suite.server.enqueue({ kind: 'post', post, chunkChars: 400 });
    const popup = await generateFromPopup(suite.browser, editor, 'Fast WordPress hosting', choices);
    await popup.page.getByText('Written into the editor').waitFor();
    const report = await popup.page.locator('body').innerText();
    expect(report).toContain(`Featured image: ${fileName} (alt text “${alt}”).`);
    return popup;
  }

  it('the options page sets the popup box; the block editor gets the image as its featured image, one undo step, saved, and Undo deletes it', async () => {
    const { site, server, browser, editor } = suite;
    // Off at install: images cost money.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const box = options.getByLabel(/^Draw a featured image/);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await options.close();

    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'Draft', content: '' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const before = server.requests.length;
    const popup = await generateWithImage(editor, { featuredImage: true });

    // The model wrote the picture's prompt; the images API drew it.
    const images = server.requests.slice(before).filter((request) => request.path.endsWith('/images/generations'));
    expect(images).toHaveLength(1);
    expect(images[0]!.body.prompt).toMatch(/no text/i);
    const featured = await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('featured_media') as number);
    expect(featured).toBeGreaterThan(0);
    const item = await media(featured);
    expect(item).toMatchObject({ alt_text: alt, mime_type: 'image/png' });
    expect(item.source_url).toMatch(/\/fast-wordpress-hosting(-\d+)?\.png$/);

    await popup.close();
    await saveBlockEditorDraft(editor);
    expect(await featuredOfPost(postId)).toBe(featured);

    // One Ctrl+Z takes the image with the rest of the post; redo brings it back.
    const edited = (name: string) => editor.evaluate((name) => (window as any).wp.data.select('core/editor').getEditedPostAttribute(name), name);
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').undo());
    expect(await edited('featured_media')).toBe(0);
    expect(await edited('title')).toBe('Draft');
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').redo());
    expect(await edited('featured_media')).toBe(featured);

    const again = await browser.openPopup(editor);
    await again.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => gone(featured)).toBe(true);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('featured_media'))).toBe(0);
    await again.page.getByRole('button', { name: 'Discard' }).click();
    await again.close();
  });

  it('block editor: an image undone with the editor’s own Undo (its toolbar button, as Ctrl+Z) leaves the media library at the next save or when the page goes; one brought back by a redo stays', async () => {
    const { site, browser, editor } = suite;
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'Draft', content: '' });
    const open = async () => {
      await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
      await waitForBlockEditor(editor);
      await expect.poll(() => browser.badgeText(editor)).toBe('•');
    };
    const featured = () => editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('featured_media') as number);
    const generateThenUndo = async () => {
      const popup = await generateWithImage(editor, { featuredImage: true });
      const id = await featured();
      // The blogger leaves the popup for the editor's own keys.
      await popup.page.getByRole('button', { name: 'New post' }).click();
      await popup.close();
      await editor.bringToFront();
      await editor.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(featured).toBe(0);
      return id;
    };

    // Undone, then the blogger goes on writing and saves.
    await open();
    const saved = await generateThenUndo();
    // Not yet: a redo could still want it.
    expect(await gone(saved)).toBe(false);
    await editor.evaluate(() => (window as any).wp.data.dispatch('core/editor').editPost({ title: 'Draft, edited' }));
    await saveBlockEditorDraft(editor);
    await expect.poll(() => gone(saved)).toBe(true);
    expect(await featuredOfPost(postId)).toBe(0);

    // Undone, then the blogger leaves the page.
    const left = await generateThenUndo();
    await editor.goto(`${site.url}/wp-admin/`);
    await expect.poll(() => gone(left)).toBe(true);

    // Undone, redone, saved: it stays.
    await open();
    const redone = await generateThenUndo();
    await editor.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(featured).toBe(redone);
    await saveBlockEditorDraft(editor);
    expect(await featuredOfPost(postId)).toBe(redone);
    expect((await media(redone)).alt_text).toBe(alt);
  });

  it('block editor: a rewrite of the title too draws a new featured image, set on Apply, deleted by Undo', async () => {
    const { site, server, browser, editor } = suite;
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'Slow hosting notes', content: '<!-- wp:paragraph --><p>Old text about hosting.</p><!-- /wp:paragraph -->' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const featured = () => editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('featured_media') as number);
    server.enqueue({ kind: 'post', post, chunkChars: 400 });
    const popup = await browser.openPopup(editor);
    await popup.page.getByRole('tab', { name: 'Rewrite this post' }).click();
    // The box is offered only with the title: a body-only rewrite keeps the post's image.
    await expect.poll(() => popup.page.getByLabel(/^New featured image/).count()).toBe(0);
    await popup.page.getByLabel('Title, excerpt, tags and categories too').check();
    await popup.page.getByLabel(/^New featured image/).check();
    await popup.page.getByRole('button', { name: 'Rewrite', exact: true }).click();
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await popup.page.getByText(`Featured image: ${fileName} (alt text “${alt}”).`).waitFor();
    const id = await featured();
    expect(id).toBeGreaterThan(0);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title'))).toBe(post.title);
    await popup.close();
    await saveBlockEditorDraft(editor);
    expect(await featuredOfPost(postId)).toBe(id);
    const again = await browser.openPopup(editor);
    await again.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => gone(id)).toBe(true);
    expect(await featured()).toBe(0);
    await again.page.getByRole('button', { name: 'Discard' }).click();
    await again.close();
  });

  it('classic editor: the image goes into its Featured image box, Undo empties the box and deletes it, Save Draft keeps it', async () => {
    const { site, browser, editor } = suite;
    await useClassicEditor(browser.context, site, true);
    const postId = await site.createPost({ title: 'Draft', content: '' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
    await waitForClassicEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const thumbnail = () => editor.locator('#_thumbnail_id').inputValue();

    let popup = await generateWithImage(editor, { featuredImage: true });
    await expect.poll(thumbnail).not.toBe('-1');
    const first = Number(await thumbnail());
    await editor.locator('#postimagediv img').waitFor();
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(thumbnail).toBe('-1');
    await expect.poll(() => gone(first)).toBe(true);
    await popup.page.getByRole('button', { name: 'Discard' }).click();
    await popup.close();

    popup = await generateWithImage(editor, { featuredImage: true });
    await expect.poll(thumbnail).not.toBe('-1');
    const kept = Number(await thumbnail());
    await popup.close();
    await editor.locator('#save-post').click();
    await waitForClassicEditor(editor);
    expect(await featuredOfPost(postId)).toBe(kept);
    expect((await media(kept)).alt_text).toBe(alt);
  });

  it.skipIf(!elementor.dir)(`Elementor: the image is the page settings' featured image, saved by Elementor, deleted by Undo${elementor.skipNote}`, async () => {
    const { site, browser, editor } = suite;
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'Draft', content: '<p>Old text.</p>' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=elementor`);
    await waitForElementor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const featured = () => editor.evaluate(() => (window as any).elementor.documents.getCurrent().container.settings.get('post_featured_image')?.id);

    const popup = await generateWithImage(editor, { featuredImage: true });
    const id = Number(await featured());
    expect(id).toBeGreaterThan(0);
    expect((await media(id)).alt_text).toBe(alt);
    await popup.close();
    await editor.evaluate(() => (window as any).$e.run('document/save/update'));
    await expect.poll(() => featuredOfPost(postId)).toBe(id);

    const again = await browser.openPopup(editor);
    await again.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => gone(id)).toBe(true);
    expect(await featured()).toBeFalsy();
    await again.page.getByRole('button', { name: 'Discard' }).click();
    await again.close();
  });

  it.skipIf(!elementor.dir)(`Elementor: an image undone with its own history (Ctrl+Z) leaves the media library at the next save; one brought back by a redo stays${elementor.skipNote}`, async () => {
    const { site, browser, editor } = suite;
    await useClassicEditor(browser.context, site, false);
    const postId = await site.createPost({ title: 'Draft', content: '<p>Old text.</p>' });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=elementor`);
    await waitForElementor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const featured = () => editor.evaluate(() => Number((window as any).elementor.documents.getCurrent().container.settings.get('post_featured_image')?.id ?? 0));
    const history = (command: 'undo' | 'redo') => editor.evaluate((command) => (window as any).$e.run(`document/history/${command}`), command);
    const save = async () => {
      await editor.evaluate(() => (window as any).$e.run('document/save/update'));
      await editor.waitForFunction(() => !(window as any).elementor.documents.getCurrent().editor.isSaving);
    };
    const generateThenUndo = async () => {
      const popup = await generateWithImage(editor, { featuredImage: true });
      const id = await featured();
      await popup.page.getByRole('button', { name: 'New post' }).click();
      await popup.close();
      await history('undo');
      await expect.poll(featured).toBe(0);
      return id;
    };

    const undone = await generateThenUndo();
    expect(await gone(undone)).toBe(false);
    await editor.evaluate(() => (window as any).$e.run('document/elements/settings', { container: (window as any).elementor.documents.getCurrent().container, settings: { post_title: 'Draft, edited' } }));
    await save();
    await expect.poll(() => gone(undone)).toBe(true);

    const redone = await generateThenUndo();
    await history('redo');
    await expect.poll(featured).toBe(redone);
    await save();
    await expect.poll(() => featuredOfPost(postId)).toBe(redone);
    expect(await gone(redone)).toBe(false);
  });

  it('an endpoint without an images API leaves the rest of the post filled and says so in one sentence', async () => {
    const { site, server, browser, editor } = suite;
    await useClassicEditor(browser.context, site, false);
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const mediaBefore = await mediaCount();
    server.enqueue({ kind: 'post', post, chunkChars: 400 });
    server.enqueueImage({ kind: 'error', status: 404, message: 'Not found' });
    const popup = await generateFromPopup(browser, editor, 'Fast WordPress hosting', { featuredImage: true });
    await popup.page.getByText('Written into the editor').waitFor();
    expect(await popup.page.locator('body').innerText()).toMatch(/images API/i);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('title'))).toBe(post.title);
    expect(await editor.evaluate(() => (window as any).wp.data.select('core/editor').getEditedPostAttribute('featured_media'))).toBe(0);
    expect(await mediaCount()).toBe(mediaBefore);
    await popup.close();
  });
});
