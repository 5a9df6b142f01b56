import { describe, expect, it } from 'vitest';
import {
  EDITOR_PAGE_MATCHES, EDITOR_SCRIPTS, allowedSites, hasSiteAccess, isEditorPage, registerEditorScripts, removeSiteAccess,
  requestSiteAccess, siteLabel, sitePattern, type EditorScript, type PermissionsApi, type ScriptingApi,
} from '../../lib/storage/site-access';

/** Chrome's scripting registry as far as PressPilot uses it: a second register of an id throws. */
function fakeScripting() {
  const scripts = new Map<string, EditorScript>();
  const calls: string[] = [];
  const api: ScriptingApi = {
    async getRegisteredContentScripts() { return [...scripts.values()]; },
    async registerContentScripts(list) {
      calls.push(`register ${list.map((script) => script.id).join(',')}`);
      for (const script of list) {
        if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.set(script.id, script);
      }
    },
    async updateContentScripts(list) {
      calls.push(`update ${list.map((script) => script.id).join(',')}`);
      for (const script of list) scripts.set(script.id, script);
    },
  };
  return { api, scripts, calls };
}

function fakePermissions(granted: string[] = [], answer = true) {
  const origins = new Set(granted);
  const requested: string[][] = [];
  const api: PermissionsApi = {
    async contains({ origins: wanted }) { return wanted.every((origin) => origins.has(origin)); },
    request({ origins: wanted }) {
      requested.push(wanted);
      if (answer) wanted.forEach((origin) => origins.add(origin));
      return Promise.resolve(answer);
    },
    async remove({ origins: gone }) { gone.forEach((origin) => origins.delete(origin)); return true; },
    async getAll() { return { origins: [...origins] }; },
  };
  return { api, origins, requested };
}

/** Chrome's match-pattern path glob, enough to hold EDITOR_PAGE_MATCHES to isEditorPage. */
function matchesPattern(pattern: string, address: string): boolean {
  const [, scheme, host, pathGlob] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const url = new URL(address);
  if (scheme === '*' ? !['http:', 'https:'].includes(url.protocol) : url.protocol !== `${scheme}:`) return false;
  if (host !== '*' && host !== url.hostname) return false;
  const path = new RegExp(`^${pathGlob!.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`);
  return path.test(url.pathname + url.search);
}

const EDITOR_URLS = [
  'https://example.com/wp-admin/post.php?post=12&action=edit',
  'https://example.com/wp-admin/post-new.php',
  'http://localhost:8080/wp-admin/post-new.php?post_type=page',
  'https://example.com/blog/wp-admin/post.php?post=7&action=elementor',
];
const OTHER_URLS = [
  'https://example.com/wp-admin/edit.php',
  'https://example.com/wp-admin/options-general.php',
  'https://example.com/2024/01/post.php',
  'https://example.com/',
];

describe('where the editor scripts run', () => {
  it('knows the editor pages, subdirectory installs and Elementor included', () => {
    for (const url of EDITOR_URLS) expect(isEditorPage(url), url).toBe(true);
    for (const url of [...OTHER_URLS, 'chrome://extensions', 'file:///wp-admin/post.php', 'not a url', undefined]) expect(isEditorPage(url), String(url)).toBe(false);
  });

  it('registers for exactly the pages it recognises', () => {
    const matched = (url: string) => EDITOR_PAGE_MATCHES.some((pattern) => matchesPattern(pattern, url));
    for (const url of EDITOR_URLS) expect(matched(url), url).toBe(true);
    for (const url of OTHER_URLS) expect(matched(url), url).toBe(false);
  });

  it('registers both halves at document_start, the bridge in the page world', async () => {
    const { api, scripts } = fakeScripting();
    await registerEditorScripts(api);
    expect([...scripts.values()].map((script) => [script.id, script.world, script.runAt])).toEqual([
      ['editor', 'ISOLATED', 'document_start'],
      ['editor-bridge', 'MAIN', 'document_start'],
    ]);
    expect(EDITOR_SCRIPTS.every((script) => script.matches === EDITOR_PAGE_MATCHES)).toBe(true);
  });

  it('updates instead of registering again when the worker starts once more', async () => {
    const { api, calls, scripts } = fakeScripting();
    await registerEditorScripts(api);
    await registerEditorScripts(api);
    expect(calls).toEqual(['register editor,editor-bridge', 'update editor,editor-bridge']);
    expect(scripts.size).toBe(2);
  });
});

describe('site access', () => {
  it('asks for one site: its scheme and host, any port', () => {
    expect(sitePattern('http://localhost:8080/wp-admin/post.php?post=1')).toBe('http://localhost/*');
    expect(sitePattern('https://blog.example.com/wp-admin/')).toBe('https://blog.example.com/*');
    expect(sitePattern('blog.example.com')).toBe('https://blog.example.com/*');
    expect(sitePattern('http://[::1]:8000/')).toBe('http://[::1]/*');
    for (const address of ['chrome://extensions', 'file:///tmp/x.html', 'javascript:alert(1)', 'http://', '', undefined]) expect(sitePattern(address), String(address)).toBeNull();
    expect(siteLabel('https://blog.example.com/*')).toBe('https://blog.example.com');
  });

  it('requests during the click itself, before anything is awaited', () => {
    const permissions = fakePermissions();
    void requestSiteAccess(permissions.api, 'https://example.com/wp-admin/post-new.php');
    expect(permissions.requested).toEqual([['https://example.com/*']]);
  });

  it('never asks for an address that is not a web site', async () => {
    const permissions = fakePermissions();
    await expect(requestSiteAccess(permissions.api, 'chrome://settings')).resolves.toBe(false);
    expect(permissions.requested).toEqual([]);
  });

  it('tells granted sites from the rest, and lists only whole sites', async () => {
    const permissions = fakePermissions(['https://b.example/*', 'http://localhost/*', '*://*/*', 'https://*.example.org/*']);
    expect(await hasSiteAccess(permissions.api, 'http://localhost:9000/wp-admin/post.php')).toBe(true);
    expect(await hasSiteAccess(permissions.api, 'https://localhost/wp-admin/post.php')).toBe(false);
    expect(await hasSiteAccess(permissions.api, undefined)).toBe(false);
    expect(await allowedSites(permissions.api)).toEqual(['http://localhost/*', 'https://b.example/*']);
    await removeSiteAccess(permissions.api, 'http://localhost/*');
    expect(await allowedSites(permissions.api)).toEqual(['https://b.example/*']);
  });

  it('reports a declined request as not granted', async () => {
    const permissions = fakePermissions([], false);
    await expect(requestSiteAccess(permissions.api, 'https://example.com')).resolves.toBe(false);
    expect(await allowedSites(permissions.api)).toEqual([]);
  });
});
