import type { BrowserContext, Page } from 'playwright-core';
import type { WordPressSite } from './site';

/**
 * Logs in through wp-login.php like a user. Once in a while (twice in some hundred suite starts,
 * on either WordPress) the form's navigation never commits; the user would submit again, and so
 * does this, up to three times, saying where the page was if it still fails.
 */
export async function loginToWordPress(page: Page, site: WordPressSite): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${site.url}/wp-login.php`);
    await page.fill('#user_login', site.admin.user);
    await page.fill('#user_pass', site.admin.password);
    try {
      // The login cookie is set once wp-admin is reached; its dashboard need not finish loading.
      await Promise.all([page.waitForURL(/\/wp-admin\//, { timeout: 30_000, waitUntil: 'commit' }), page.click('#wp-submit')]);
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`Could not log in to ${site.url} (the page is at ${page.url()})`, { cause: error });
    }
  }
}

/** The test site's must-use plugin swaps in the classic editor while this cookie is set. */
export async function useClassicEditor(context: BrowserContext, site: WordPressSite, on: boolean): Promise<void> {
  if (on) await context.addCookies([{ name: 'e2e_editor', value: 'classic', url: site.url }]);
  else await context.clearCookies({ name: 'e2e_editor' });
}
