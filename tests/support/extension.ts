/**
 * The built extension in Debian's Chromium, driven as a user drives it: the real toolbar popup
 * opened over the editor tab (chrome.action.openPopup from the service worker), reached over CDP
 * because Playwright does not attach to extension popups by itself.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { repoRoot } from './fixtures';
import { freePort } from './wordpress/site';

/** Inside the service worker, where these callbacks run. */
declare const chrome: any;

export const EXTENSION_DIR = path.join(repoRoot, '.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Chromium's DevTools port, for connecting from outside (the popup, `npm start`'s test). */
  debugPort: number;
  serviceWorker(): Promise<Worker>;
  /** Opens the toolbar popup over this tab, as a click on the toolbar button does. */
  openPopup(tab: Page): Promise<Popup>;
  /** The tab's id as the extension sees it. */
  tabId(tab: Page): Promise<number>;
  badgeText(tab: Page): Promise<string>;
  /** Whether PressPilot's editor script is in the tab: Chrome says at once if nothing receives. */
  reachesTab(tab: Page): Promise<boolean>;
  openOptions(): Promise<Page>;
  /** Stops the extension's service worker, as Chrome does to an idle or misbehaving one. */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface Popup {
  page: Page;
  /** Closes the popup window, like a click outside it. */
  close(): Promise<void>;
  /** Drops the CDP connection without closing the popup. */
  disconnect(): Promise<void>;
}

/**
 * The hosts the suites serve WordPress and test pages on. Playwright cannot answer Chrome's
 * permission prompt, so the user's answer is put on record beforehand the way chrome://extensions
 * does ("Site access: on specific sites"). That alone grants nothing: the site is still off until
 * PressPilot's own chrome.permissions.request asks for it, which Chrome then grants without a prompt.
 */
const TEST_HOSTS = ['*://127.0.0.1/*', '*://localhost/*'];

async function recordSiteConsent(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${extensionId}`);
  await page.evaluate(`(async () => {
    await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: ${JSON.stringify(extensionId)}, hostAccess: 'ON_SPECIFIC_SITES' });
    for (const host of ${JSON.stringify(TEST_HOSTS)}) await chrome.developerPrivate.addHostPermission(${JSON.stringify(extensionId)}, host);
  })()`);
  await page.close();
}

/** Chromium's id for an unpacked extension: the SHA-256 of its folder's path, in letters a to p. */
function unpackedExtensionId(dir: string): string {
  return [...createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** A fresh profile with PressPilot pinned to the toolbar and no offer to save the test password. */
function freshProfile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'presspilot-chromium-'));
  mkdirSync(path.join(dir, 'Default'));
  writeFileSync(path.join(dir, 'Default/Preferences'), JSON.stringify({
    credentials_enable_service: false,
    profile: { password_manager_enabled: false },
    extensions: { pinned_extensions: [unpackedExtensionId(EXTENSION_DIR)] },
  }));
  return dir;
}

/**
 * Headless for the suites; `npm start` opens a window where there is a display, and handles
 * Ctrl+C itself (Playwright's own handler would close Chromium and exit before the rest stops).
 */
// Waits end on state; this ceiling only bounds a wait on a slow, busy machine.
const ACTION_TIMEOUT_MS = 60_000;

export async function launchExtension(options: { headless?: boolean; closeOnSignals?: boolean } = {}): Promise<ExtensionBrowser> {
  const debugPort = await freePort();
  const closeOnSignals = options.closeOnSignals ?? true;
  const profile = freshProfile();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    handleSIGINT: closeOnSignals,
    handleSIGTERM: closeOnSignals,
    handleSIGHUP: closeOnSignals,
    // A window a person uses keeps its own size.
    viewport: options.headless === false ? null : { width: 1400, height: 1000 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
      `--remote-debugging-port=${debugPort}`,
      ...(options.headless === false ? ['--window-size=1400,1000'] : []),
    ],
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const extensionBrowser = await attachExtension(context, debugPort);
  await recordSiteConsent(context, extensionBrowser.extensionId);
  return {
    ...extensionBrowser,
    async close() {
      await extensionBrowser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Drives a Chromium that runs the extension, launched here or by `npm start` (over CDP). */
export async function attachExtension(context: BrowserContext, debugPort: number): Promise<ExtensionBrowser> {
  const serviceWorker = async () => {
    const existing = context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 30_000 });
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  // WordPress rewrites the editor's URL as it goes, so find the tab by focus, not by URL.
  const tabId = async (tab: Page) => {
    await tab.bringToFront();
    return (await serviceWorker()).evaluate(async () => {
      const [found] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!found?.id) throw new Error('no active tab');
      return found.id as number;
    });
  };

  return {
    context,
    extensionId,
    debugPort,
    serviceWorker,
    tabId,
    async badgeText(tab) {
      const id = await tabId(tab);
      return (await serviceWorker()).evaluate((tabId) => chrome.action.getBadgeText({ tabId }), id);
    },
    async reachesTab(tab) {
      const id = await tabId(tab);
      return (await serviceWorker()).evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'editor/status' }).then(() => true, () => false), id);
    },
    async openPopup(tab) {
      await tab.bringToFront();
      await (await serviceWorker()).evaluate(() => chrome.action.openPopup());
      // Connect after the popup exists: a connection open while it starts keeps it from showing up.
      const deadline = Date.now() + ACTION_TIMEOUT_MS;
      while (Date.now() < deadline) {
        const browser: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
        const page = browser.contexts().flatMap((ctx) => ctx.pages()).find((candidate) => candidate.url().includes(`${extensionId}/popup.html`));
        if (page) {
          page.setDefaultTimeout(ACTION_TIMEOUT_MS);
          await page.waitForLoadState('domcontentloaded');
          return {
            page,
            async close() {
              await page.close().catch(() => undefined);
              await browser.close().catch(() => undefined);
            },
            async disconnect() {
              await browser.close().catch(() => undefined);
            },
          };
        }
        await browser.close();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('The toolbar popup did not open.');
    },
    async stopServiceWorker() {
      const browser: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
      try {
        const session = await browser.newBrowserCDPSession();
        const { targetInfos } = await session.send('Target.getTargets');
        const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`));
        if (!worker) throw new Error('The extension has no service worker running.');
        await session.send('Target.closeTarget', { targetId: worker.targetId });
      } finally {
        await browser.close();
      }
    },
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    async close() {
      await context.close();
    },
  };
}
