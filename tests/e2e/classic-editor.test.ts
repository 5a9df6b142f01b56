/**
 * Issue: the same generation fills the classic editor natively (title, excerpt, tag box, category
 * checklist, TinyMCE), sanitized, with an undo that restores the post exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/extension';
import { makePost, type OpenAITestServer } from '../support/openai-test-server';
import { resolveSourceFromEnv } from '../support/matrix';
import type { WordPressSite } from '../support/wordpress/site';
import { useClassicEditor } from '../support/wordpress/login';
import { generateFromPopup, readSavedPost, startEditorSuite, stopEditorSuite, waitForClassicEditor } from '../support/e2e-flow';

const source = resolveSourceFromEnv();
let site: WordPressSite;
let server: OpenAITestServer;
let browser: ExtensionBrowser;
let editor: Page;
const dialogs: string[] = [];

const base = makePost({ words: 300, title: 'Classic Speed: Caching Without Fuss' });
const hostile = {
  ...base,
  metaDescription: 'Make a classic WordPress site fast <img src=x onerror="alert(1)">with caching.',
  tags: ['caching', 'Classic Editor', 'Speed'],
  categories: ['Performance', 'Not On This Site'],
  body: `${base.body}\n\n<script>alert('script')</script>\n\nA picture <img src="x" onerror="alert('onerror')"> and [a link](javascript:alert('js')) and <a href="javascript:alert('a')">another</a>.`,
};

interface ClassicState { title: string; excerpt: string; tags: string; categories: string[]; body: string }

async function classicState(): Promise<ClassicState> {
  return editor.evaluate(() => ({
    title: (document.querySelector('#title') as HTMLInputElement).value,
    excerpt: (document.querySelector('#excerpt') as HTMLTextAreaElement).value,
    tags: (document.querySelector('#tax-input-post_tag') as HTMLTextAreaElement).value,
    categories: Array.from(document.querySelectorAll<HTMLInputElement>('#categorychecklist input:checked')).map((box) => box.closest('label')!.textContent!.trim()).sort(),
    body: (window as any).tinymce.get('content').getContent() as string,
  }));
}

async function openClassicEditor(postId: number): Promise<void> {
  await editor.goto(`${site.url}/wp-admin/post.php?post=${postId}&action=edit`);
  await waitForClassicEditor(editor);
}

beforeAll(async () => {
  ({ site, server, browser, editor } = await startEditorSuite(source, { categories: ['Performance'], tags: ['Caching'] }));
  editor.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  await useClassicEditor(browser.context, site, true);
});

afterAll(() => stopEditorSuite({ site, server, browser }));

describe(`classic editor on WordPress ${source}`, () => {
  it('fills every field natively, sanitized, and undo restores the post exactly', async () => {
    const tagId = (await site.rest<Array<{ id: number }>>('/wp/v2/tags?search=Caching'))[0]!.id;
    const postId = await site.createPost({ title: 'My original title', excerpt: 'My original excerpt', content: '<p>My <strong>original</strong> body.</p>', tags: [tagId] });
    await openClassicEditor(postId);
    await expect.poll(() => browser.badgeText(editor)).toBe('•');
    const before = await classicState();

    server.enqueue({ kind: 'post', post: hostile, chunkChars: 200 });
    const popup = await generateFromPopup(browser, editor, 'Caching in the classic editor');
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, hostile.title, { timeout: 60_000 });
    await popup.page.getByText('Written into the editor').waitFor();
    await expect.poll(() => popup.page.locator('body').innerText()).toContain('Skipped categories the site lacks: Not On This Site');

    const filled = await classicState();
    expect(filled.excerpt).toBe('Make a classic WordPress site fast with caching.');
    expect(filled.tags.split(',').map((tag) => tag.trim())).toEqual(['caching', 'Classic Editor', 'Speed']);
    expect(filled.categories).toEqual(['Performance']);
    expect(filled.body).toMatch(/<h2>Why speed matters<\/h2>/);
    expect(filled.body).toContain('<table');
    expect(filled.body).toMatch(/<pre class="language-php"><code class="language-php">/);
    expect(filled.body).not.toMatch(/<script|onerror|javascript:/i);
    expect(dialogs).toEqual([]);

    await popup.page.getByRole('button', { name: 'Undo' }).click();
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, before.title);
    expect(await classicState()).toEqual(before);

    // Applied again from the review and saved: WordPress keeps it all.
    await popup.page.getByRole('button', { name: 'Apply' }).click();
    await editor.waitForFunction((title) => (document.querySelector('#title') as HTMLInputElement).value === title, hostile.title);
    await popup.close();
    await editor.waitForSelector('#save-post:not(.disabled)');
    await Promise.all([editor.waitForURL(/message=/, { timeout: 30_000 }), editor.click('#save-post')]);
    const saved = await readSavedPost(site, postId);
    expect(saved.title).toBe(hostile.title);
    expect(saved.excerpt).toBe('Make a classic WordPress site fast with caching.');
    expect(saved.tags).toEqual(['Caching', 'Classic Editor', 'Speed']);
    expect(saved.categories).toEqual(['Performance']);
    expect(saved.content).toMatch(/<h2>Why speed matters<\/h2>/);
    expect(saved.content).toMatch(/<td>Page cache<\/td>/);
    expect(saved.content).not.toMatch(/<script|onerror|javascript:/i);
    expect((await site.rest<unknown[]>('/wp/v2/tags?search=caching')).length).toBe(1);
    expect(dialogs).toEqual([]);
  });
});
