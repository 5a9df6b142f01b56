/**
 * Issue 13: post types and the site's house style. The blogger adds a post type of their own and
 * the site's guidelines in the options page, picks the type in the popup, and the request the
 * model gets carries both; a rewrite on that site follows the guidelines too. Both are kept in the
 * options page's history, which finds them by their words and copies one as Markdown. Before
 * Generate, the popup estimates tokens and money from the options' price table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePost } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import { lastPrompt, rewriteFromPopup, startEditorSuite, stopEditorSuite, waitForBlockEditor, type EditorSuite } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const GUIDELINES = 'Write for home bakers in plain words. Never say "delve". Link to /sourdough-basics/ where it helps.';

describe(`post types and house style on WordPress ${source}`, () => {
  let suite: EditorSuite;
  beforeAll(async () => { suite = await startEditorSuite(source); });
  afterAll(() => stopEditorSuite(suite ?? {}));

  it('a post type and the site’s guidelines set in the options reach the model; a rewrite follows the guidelines', async () => {
    const { site, server, browser, editor } = suite;
    const options = await browser.openOptions();
    await options.getByLabel('New post type').fill('Recipe');
    await options.getByLabel('Its instructions').fill('Ingredients as a list, then numbered steps, then storage tips.');
    await options.getByRole('button', { name: 'Add post type' }).click();
    // A site is allowed by scheme and host, whatever its port.
    const { protocol, hostname } = new URL(site.url);
    await options.getByLabel(`House style for ${protocol}//${hostname}`).fill(GUIDELINES);
    // The price table gets the test model, for the popup's estimate.
    const prices = options.getByLabel('Prices');
    await prices.fill(`${await prices.inputValue()}\ntest-model, 1, 2`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await options.close();

    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await waitForBlockEditor(editor);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    server.enqueue({ kind: 'post', post: makePost({ words: 300, topic: 'Sourdough bread', title: 'Sourdough Bread for Beginners' }) });
    const popup = await browser.openPopup(editor);
    await popup.page.getByLabel('Topic').fill('Sourdough bread for beginners');
    await popup.page.getByLabel('Post type').selectOption({ label: 'Recipe' });
    expect(await popup.page.locator('#cost-estimate').innerText()).toMatch(/^Estimate for test-model: ~[\d,]+ tokens in, ~[\d,]+ out, about \$0\.01$/);
    await popup.page.getByRole('button', { name: 'Generate' }).click();
    await popup.page.getByText('Written into the editor').waitFor();
    const prompt = lastPrompt(server);
    expect(prompt).toContain('Post type: Recipe. Ingredients as a list, then numbered steps, then storage tips.');
    expect(prompt).toContain(`House style for this site: ${GUIDELINES}`);
    await popup.page.getByRole('button', { name: 'New post' }).click();
    await popup.close();

    server.enqueue({ kind: 'post', post: makePost({ words: 300, topic: 'Sourdough bread' }) });
    const rewrite = await rewriteFromPopup(browser, editor, { presets: ['Improve clarity'] });
    await rewrite.page.getByRole('button', { name: 'Apply' }).waitFor();
    expect(lastPrompt(server)).toContain(`House style for this site: ${GUIDELINES}`);
    await rewrite.close();

    const history = await browser.openOptions();
    const past = history.getByRole('list', { name: 'Past posts' }).getByRole('listitem');
    await expect.poll(() => past.count()).toBe(2);
    await history.getByLabel('Search the history').fill('sourdough beginners');
    await expect.poll(() => past.allInnerTexts()).toEqual([expect.stringMatching(/^Sourdough Bread for Beginners · written .* on http.* with test-model/)]);
    await history.getByRole('button', { name: 'Copy Sourdough Bread for Beginners' }).click();
    await history.getByRole('status').filter({ hasText: 'Copied “Sourdough Bread for Beginners” as Markdown.' }).waitFor();
    await history.getByLabel('Search the history').fill('no such words anywhere');
    await history.getByText('Nothing matches.').waitFor();
    await history.close();
  });
});
