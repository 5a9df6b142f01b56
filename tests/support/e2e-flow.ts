/** Steps every end-to-end suite takes the way a user does: options page, popup, editor, REST. */
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser, type Popup } from './extension';
import { startOpenAITestServer, type OpenAITestServer } from './openai-test-server';
import { loginToWordPress } from './wordpress/login';
import type { WordPressSource } from './matrix';
import { startWordPress, type WordPressSite, type WordPressSiteOptions } from './wordpress/site';

export interface EditorSuite { site: WordPressSite; server: OpenAITestServer; browser: ExtensionBrowser; editor: Page }

/**
 * What every editor suite starts from: a fresh WordPress with the given terms, the test model
 * server, the extension set up in its options page with the site allowed, and a logged-in tab.
 * 7.1 is opened as localhost, where it sends its Document-Isolation-Policy header.
 */
export async function startEditorSuite(source: WordPressSource, terms: { categories?: string[]; tags?: string[]; elementorDir?: string; plugins?: WordPressSiteOptions['plugins']; allowSite?: boolean } = {}): Promise<EditorSuite> {
  const site = await startWordPress({ source, elementorDir: terms.elementorDir, plugins: terms.plugins, host: source === '7.1.0' ? 'localhost' : '127.0.0.1' });
  for (const name of terms.categories ?? []) await site.rest('/wp/v2/categories', { method: 'POST', body: { name } });
  for (const name of terms.tags ?? []) await site.rest('/wp/v2/tags', { method: 'POST', body: { name } });
  const server = await startOpenAITestServer({ apiKey: 'sk-test-key' });
  const browser = await launchExtension();
  await configureEndpoint(browser, { baseURL: server.url, apiKey: 'sk-test-key', model: 'test-model' });
  if (terms.allowSite !== false) await allowSiteInOptions(browser, site.url);
  const editor = await browser.context.newPage();
  await loginToWordPress(editor, site);
  return { site, server, browser, editor };
}

export async function stopEditorSuite(suite: Partial<EditorSuite>): Promise<void> {
  await suite.browser?.close();
  await suite.server?.close();
  await suite.site?.stop();
}

export interface Endpoint { baseURL: string; apiKey: string; model: string }

/** Fills the options page as a user would and checks "Test connection" says it works. */
export async function configureEndpoint(browser: ExtensionBrowser, endpoint: Endpoint): Promise<void> {
  const options = await browser.openOptions();
  await options.getByLabel('Base URL').fill(endpoint.baseURL);
  await options.getByLabel('API key', { exact: true }).fill(endpoint.apiKey);
  await options.getByLabel('Model', { exact: true }).fill(endpoint.model);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await options.getByRole('button', { name: 'Test connection' }).click();
  const verdict = options.getByRole('status').filter({ hasText: /Connected|rejected|Could not|no model|refused/ });
  await verdict.waitFor({ timeout: 60_000 });
  const text = await verdict.innerText();
  if (!text.startsWith('Connected')) throw new Error(`Test connection failed: ${text}`);
  await options.close();
}

/** Allows the WordPress site in the options page, as a blogger does once per site. */
export async function allowSiteInOptions(browser: ExtensionBrowser, siteUrl: string): Promise<void> {
  const options = await browser.openOptions();
  await options.getByLabel('Site address').fill(siteUrl);
  await options.getByRole('button', { name: 'Allow site' }).click();
  await options.getByRole('status').filter({ hasText: 'Allowed on' }).waitFor();
  await options.close();
}

/** Opens the real toolbar popup over the editor tab and starts a generation. */
export async function generateFromPopup(browser: ExtensionBrowser, editor: Page, topic: string, choices: { featuredImage?: boolean } = {}): Promise<Popup> {
  const popup = await browser.openPopup(editor);
  await popup.page.getByLabel('Topic').fill(topic);
  if (choices.featuredImage !== undefined) await popup.page.getByLabel(/^Featured image/).setChecked(choices.featuredImage);
  await popup.page.getByRole('button', { name: 'Generate' }).click();
  return popup;
}

/** Opens the popup's "Rewrite this post" tab, sets it up as a user would, and starts it. */
export async function rewriteFromPopup(browser: ExtensionBrowser, editor: Page, choice: { instructions?: string; presets?: string[]; everything?: boolean }): Promise<Popup> {
  const popup = await browser.openPopup(editor);
  await popup.page.getByRole('tab', { name: 'Rewrite this post' }).click();
  if (choice.instructions) await popup.page.getByLabel('Instructions').fill(choice.instructions);
  for (const preset of choice.presets ?? []) await popup.page.getByLabel(preset).check();
  if (choice.everything) await popup.page.getByLabel('Title, excerpt, tags and categories too').check();
  await popup.page.getByRole('button', { name: 'Rewrite', exact: true }).click();
  return popup;
}

/** The user message of the last chat request the test server saw. */
export function lastPrompt(server: OpenAITestServer): string {
  const messages = server.requests.at(-1)?.body?.messages as Array<{ role: string; content: string }> | undefined;
  return messages?.filter((message) => message.role === 'user').map((message) => message.content).join('\n') ?? '';
}

/** Waits until the block editor's own store is usable. */
export async function waitForBlockEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const wp = (window as any).wp;
    return Boolean(wp?.data?.select('core/editor')?.getCurrentPostId() && wp.blocks.getBlockTypes().length > 0);
  }, undefined, { timeout: 60_000 });
}

/** Waits until the classic editor's TinyMCE is up. */
export async function waitForClassicEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as any).tinymce?.get('content')?.initialized), undefined, { timeout: 30_000 });
}

/**
 * Waits until Elementor has loaded the document, its preview, its panel and the widgets' full
 * controls (a widget a test creates before them renders nothing), as the extension's readiness does.
 */
export async function waitForElementor(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { elementor, $e } = window as any;
    return Boolean(elementor?.loaded && elementor.documents.getCurrent()?.container?.view?.$el?.length && elementor.getPanelView()?.getCurrentPageName() && $e?.components?.get('panel')?.stateReadyOnce);
  }, undefined, { timeout: 60_000 });
}

export async function blockEditorState(page: Page) {
  return page.evaluate(() => {
    const select = (window as any).wp.data.select('core/editor');
    return {
      id: select.getCurrentPostId() as number,
      title: select.getEditedPostAttribute('title') as string,
      excerpt: select.getEditedPostAttribute('excerpt') as string,
      tags: select.getEditedPostAttribute('tags') as number[],
      categories: select.getEditedPostAttribute('categories') as number[],
      blocks: ((window as any).wp.data.select('core/block-editor').getBlocks() as Array<{ name: string }>).map((block) => block.name),
      content: select.getEditedPostContent() as string,
      dirty: select.isEditedPostDirty() as boolean,
    };
  });
}

/** Clicks the editor's own "Save draft" and waits for the save to finish. */
export async function saveBlockEditorDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Save draft$/i }).first().click();
  await page.waitForFunction(() => {
    const select = (window as any).wp.data.select('core/editor');
    return !select.isSavingPost() && !select.isEditedPostDirty() && !select.isAutosavingPost();
  }, undefined, { timeout: 30_000 });
}

export interface SavedPost {
  title: string;
  excerpt: string;
  content: string;
  tags: string[];
  categories: string[];
  status: string;
}

/** The post as WordPress stored it, with term ids turned into names. */
export async function readSavedPost(site: WordPressSite, id: number): Promise<SavedPost> {
  const post = await site.rest<any>(`/wp/v2/posts/${id}?context=edit`);
  const names = async (taxonomy: string, ids: number[]) => ids.length === 0 ? [] :
    (await site.rest<Array<{ name: string }>>(`/wp/v2/${taxonomy}?include=${ids.join(',')}&per_page=100`)).map((term) => term.name.replace(/&amp;/g, '&'));
  return {
    title: post.title.raw,
    excerpt: post.excerpt.raw,
    content: post.content.raw,
    tags: (await names('tags', post.tags)).sort(),
    categories: (await names('categories', post.categories)).sort(),
    status: post.status,
  };
}
