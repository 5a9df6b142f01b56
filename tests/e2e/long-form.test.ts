/**
 * Issue 13: a long post from an outline the blogger shapes. The popup plans first, the blogger
 * renames, reorders, deletes and adds sections, then Write sends one streamed request per section
 * into the block editor; a section whose stream is cut is asked for again alone. A finished post
 * from the history goes back into a new post as one undo step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isSectionRequest, sectionHeading } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import { blockEditorState, readSavedPost, saveBlockEditorDraft, startEditorSuite, stopEditorSuite, waitForBlockEditor, type EditorSuite } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const ADDED = 'Troubleshooting a flat loaf';

/** The headings of the post in the block editor, in order. */
const editorHeadings = (editor: Page) => editor.evaluate(() => {
  const blocks = (window as any).wp.data.select('core/block-editor').getBlocks() as Array<{ name: string; attributes: { content?: unknown } }>;
  return blocks.filter((block) => block.name === 'core/heading').map((block) => String(block.attributes.content).replace(/<[^>]+>/g, ''));
});

describe(`long posts from an outline on WordPress ${source}`, () => {
  let suite: EditorSuite;
  beforeAll(async () => { suite = await startEditorSuite(source); });
  afterAll(() => stopEditorSuite(suite ?? {}));

  it('the outline is shaped in the popup and written section by section into the editor, a cut section retried alone', async () => {
    const { site, server, browser, editor } = suite;
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    const planning = await browser.openPopup(editor);
    const planner = planning.page;
    await planner.getByLabel('Topic').fill('Baking sourdough bread at home');
    await planner.getByLabel('Length').selectOption('long');
    await planner.getByLabel('Post type').selectOption({ label: 'How-to guide' });
    // Long starts from an outline unless the blogger says otherwise.
    expect(await planner.getByLabel(/^Outline first/).isChecked()).toBe(true);
    await planner.getByRole('button', { name: 'Plan the outline' }).click();
    await planner.getByText('The outline is ready. Shape it, then Write.').waitFor();

    const sections = planner.getByRole('list', { name: 'Sections' }).getByRole('listitem');
    await expect.poll(() => sections.count()).toBe(5);
    await planner.getByLabel('Heading 1').fill('Why bake sourdough at home');
    const fourth = await planner.getByLabel('Heading 4').inputValue();
    await planner.getByRole('button', { name: `Move “${fourth}” up` }).click();
    const last = await planner.getByLabel('Heading 5').inputValue();
    await planner.getByRole('button', { name: `Delete “${last}”` }).click();
    await planner.getByRole('button', { name: 'Add section' }).click();
    await planner.getByLabel('Heading 5').fill(ADDED);
    const planned = await Promise.all([1, 2, 3, 4, 5].map((at) => planner.getByLabel(`Heading ${at}`).inputValue()));
    expect(planned[2]).toBe(fourth);
    expect(planned).not.toContain(last);

    // The popup closes at any click outside it: the edits are kept with the job, and it opens on them again.
    const tabId = await browser.tabId(editor);
    const options = await browser.openOptions();
    await expect.poll(() => options.evaluate(async (key) => {
      const job = (await (globalThis as any).chrome.storage.session.get(key))[key] as { outline?: { sections: Array<{ heading: string }> } } | undefined;
      return job?.outline?.sections.map((section) => section.heading);
    }, `job:${tabId}`)).toEqual(planned);
    await options.close();
    await planning.close();
    const reopened = await browser.openPopup(editor);
    const { page } = reopened;
    expect(await Promise.all([1, 2, 3, 4, 5].map((at) => page.getByLabel(`Heading ${at}`).inputValue()))).toEqual(planned);

    // The third section stalls once, so the test sees what is in the editor mid-way, then is cut.
    let stalled = 0;
    server.respondWith((request) => (isSectionRequest(request) && sectionHeading(request)?.heading === planned[2] && stalled++ === 0
      ? { kind: 'text', text: `## ${planned[2]}\n\nThe first paragraph of this section, finished.\n\nA second one that never`, stallAfterChars: 80 } : undefined));
    await page.getByRole('button', { name: 'Write', exact: true }).click();
    await expect.poll(() => stalled).toBe(1);
    // The sections written so far are already blocks in the editor while the model is still busy.
    await expect.poll(() => editorHeadings(editor)).toEqual(expect.arrayContaining([planned[0], planned[1]]));
    expect(await page.getByRole('status').first().innerText()).toMatch(/^Writing section 3 of 5…/);
    expect(server.cutStalled()).toBe(1);
    await page.getByText('Written into the editor').waitFor();

    const asked = server.requests.filter(isSectionRequest).map((request) => sectionHeading(request)?.heading);
    expect(asked).toEqual([planned[0], planned[1], planned[2], planned[2], planned[3], planned[4]]);
    // The post type reaches every section request.
    expect(server.requests.filter(isSectionRequest).every((request) => JSON.stringify(request.body.messages).includes('Post type: How-to guide.'))).toBe(true);
    expect(await editorHeadings(editor)).toEqual(planned);
    expect(await page.getByText(/^Used [\d,]+ tokens in, [\d,]+ out/).count()).toBe(1);

    await saveBlockEditorDraft(editor);
    const saved = await readSavedPost(site, (await blockEditorState(editor)).id);
    expect([...saved.content.matchAll(/<h[23][^>]*>(.*?)<\/h[23]>/g)].map((match) => match[1])).toEqual(planned);
    // The save took the focus, which closes the toolbar popup.
    await reopened.close();
  });

  it('a post from the history goes into a new post as one undo step', async () => {
    const { site, server, browser, editor } = suite;
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    const requestsBefore = server.requests.length;
    const popup = await browser.openPopup(editor);
    const { page } = popup;
    await page.getByText('Put a past post in the editor').click();
    await page.getByLabel('Search past posts').fill('sourdough');
    const entry = page.getByRole('list', { name: 'Past posts' }).getByRole('button').first();
    const title = (await entry.getAttribute('aria-label'))!.replace(/^Put “(.*)” in the editor$/, '$1');
    await entry.click();
    await page.getByText('Written into the editor').waitFor();
    const state = await blockEditorState(editor);
    expect(state.title).toBe(title);
    expect(await editorHeadings(editor)).toContain(ADDED);
    expect(server.requests.length).toBe(requestsBefore);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await blockEditorState(editor)).title).toBe('');
    await popup.close();
  });
});
