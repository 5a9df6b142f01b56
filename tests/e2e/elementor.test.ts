/**
 * Issue: the same generation fills Elementor natively: page settings for title and excerpt,
 * containers with Heading and Text Editor widgets for the body, tags and categories over REST.
 * Runs against the real Elementor build that goes with the run's WordPress (3.21.2 on 6.1.9,
 * 4.2.2 on 7.1.0), from the test-site cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { elementorFor, resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { generateFromPopup, readSavedPost, startEditorSuite, stopEditorSuite, waitForElementor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
const { dir: elementorDir, name: elementorName, skipNote } = elementorFor(source);
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;

const post = {
  ...makePost({ words: 400, title: 'Elementor Pages That Load Fast' }),
  metaDescription: 'Build fast Elementor pages: caching, lean widgets and small images.',
  tags: ['caching', 'Elementor', 'Page Speed'],
  categories: ['Performance', 'Missing Category'],
};

interface TreeNode { elType: string; widgetType?: string; settings: Record<string, any>; elements: TreeNode[] }

async function elementorState() {
  return editor.evaluate(() => {
    const elementor = (window as any).elementor;
    const container = elementor.documents.getCurrent().container;
    return {
      title: container.settings.get('post_title') as string,
      excerpt: container.settings.get('post_excerpt') as string,
      tree: JSON.parse(JSON.stringify(elementor.elements.toJSON())) as TreeNode[],
    };
  });
}

async function openElementor(postId: number): Promise<void> {
  await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=elementor`);
  await waitForElementor(editor);
}

describe.skipIf(!elementorDir)(`${elementorName} on WordPress ${source}${skipNote}`, () => {
  beforeAll(async () => {
    ({ site, server, browser, editor } = await startEditorSuite(source, { elementorDir, categories: ['Performance'], tags: ['Caching'] }));
    // Leaving Elementor with unsaved changes asks first; the tests answer yes.
    editor.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(() => stopEditorSuite({ site, server, browser }));

  it('replaces the body with native widgets in one history step, undoes exactly, and saves', async () => {
    const postId = await site.createPost({ title: 'Old Elementor title', excerpt: 'Old excerpt', content: '<h2>Old heading</h2><p>Old <strong>text</strong>.</p>' });
    await openElementor(postId);
    const before = await elementorState();

    server.enqueue({ kind: 'post', post, chunkChars: 200 });
    const popup = await generateFromPopup(browser, editor, 'Fast Elementor pages');
    await editor.waitForFunction((title) => (window as any).elementor.documents.getCurrent().container.settings.get('post_title') === title, post.title, { timeout: 60_000 });
    await popup.page.getByText('Written into the editor').waitFor();

    const filled = await elementorState();
    expect(filled.excerpt).toBe(post.metaDescription);
    const h2Sections = post.body.split('\n').filter((line) => line.startsWith('## ')).length;
    // One container for the whole body: a container per section is a stutter per section.
    expect(filled.tree.map((node) => node.elType)).toEqual(['container']);
    const widgets = filled.tree.flatMap((node) => node.elements);
    const headings = widgets.filter((node) => node.widgetType === 'heading');
    expect(headings.filter((node) => node.settings.header_size === 'h2')).toHaveLength(h2Sections);
    expect(headings[0]!.settings.title).toBe('Why speed matters');
    expect(headings.find((node) => node.settings.title === 'Page caching')?.settings.header_size).toBe('h3');
    const prose = widgets.filter((node) => node.widgetType === 'text-editor').map((node) => node.settings.editor as string).join('\n');
    expect(prose).toMatch(/<table>/);
    expect(prose).toMatch(/<pre class="language-php"><code class="language-php">/);
    expect(prose).not.toContain('Old heading');

    // Elementor's own history: one undo takes the whole fill away, one redo brings it back.
    await editor.evaluate(() => (window as any).$e.run('document/history/undo'));
    expect((await elementorState()).title).toBe(before.title);
    expect(JSON.stringify((await elementorState()).tree)).toContain('Old heading');
    await editor.evaluate(() => (window as any).$e.run('document/history/redo'));
    expect((await elementorState()).title).toBe(post.title);

    // The popup's Undo restores the previous elements exactly.
    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await editor.waitForFunction((title) => (window as any).elementor.documents.getCurrent().container.settings.get('post_title') === title, before.title);
    expect(await elementorState()).toEqual(before);

    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await editor.waitForFunction((title) => (window as any).elementor.documents.getCurrent().container.settings.get('post_title') === title, post.title);
    await popup.page.getByText('Written into the editor').waitFor();
    await popup.close();

    // Elementor's own save, keeping the draft a draft.
    await editor.evaluate(() => (window as any).$e.run('document/save/update'));
    await editor.waitForFunction(() => !(window as any).elementor.saver.isSaving && !(window as any).elementor.saver.isEditorChanged(), undefined, { timeout: 30_000 });
    const saved = await readSavedPost(site, postId);
    expect(saved.status).toBe('draft');
    expect(saved.title).toBe(post.title);
    expect(saved.excerpt).toBe(post.metaDescription);
    expect(saved.tags).toEqual(['Caching', 'Elementor', 'Page Speed']);
    expect(saved.categories).toEqual(['Performance']);
    expect(saved.content).toContain('Why speed matters');
    expect(saved.content).toContain('<td>Page cache</td>');
    expect(saved.content).not.toContain('Old heading');
  });
});
