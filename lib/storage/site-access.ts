/**
 * Where PressPilot runs: the post editor pages (Elementor's editor is one) of the sites the
 * blogger allowed, one site at a time. The manifest asks for no host up front; Chrome grants each
 * site when the blogger allows it, and the editor scripts, registered once for every host, run
 * only where such a grant exists.
 */

/** WordPress's post editors, on any host: Chrome narrows them to the hosts granted. */
export const EDITOR_PAGE_MATCHES = ['*://*/*wp-admin/post.php*', '*://*/*wp-admin/post-new.php*'];

const EDITOR_PATH = /\/wp-admin\/post(-new)?\.php$/;

export interface EditorScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  world: 'ISOLATED' | 'MAIN';
}

/**
 * Both halves at document_start, so the bridge handshake ends before any page script exists
 * (see bridge-channel.ts). Injecting later, into a page already running, would lose that.
 */
export const EDITOR_SCRIPTS: EditorScript[] = [
  { id: 'editor', js: ['editor.js'], matches: EDITOR_PAGE_MATCHES, runAt: 'document_start', world: 'ISOLATED' },
  { id: 'editor-bridge', js: ['editor-bridge.js'], matches: EDITOR_PAGE_MATCHES, runAt: 'document_start', world: 'MAIN' },
];

export interface ScriptingApi {
  getRegisteredContentScripts(): Promise<Array<{ id: string }>>;
  registerContentScripts(scripts: EditorScript[]): Promise<unknown>;
  updateContentScripts(scripts: EditorScript[]): Promise<unknown>;
}

/** Registers the editor scripts, or brings them up to date after an update of the extension. */
export async function registerEditorScripts(scripting: ScriptingApi): Promise<void> {
  const registered = new Set((await scripting.getRegisteredContentScripts()).map((script) => script.id));
  const known = EDITOR_SCRIPTS.filter((script) => registered.has(script.id));
  const fresh = EDITOR_SCRIPTS.filter((script) => !registered.has(script.id));
  if (known.length) await scripting.updateContentScripts(known);
  if (fresh.length) await scripting.registerContentScripts(fresh);
}

/** The host permission for a site: its scheme and host name, any port, any path. */
export function sitePattern(address: string | undefined): string | null {
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address.includes('://') ? address : `https://${address}`);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** How a granted site is shown to the blogger: `https://example.com`. */
export function siteLabel(pattern: string): string {
  return pattern.replace(/\/\*$/, '');
}

export function isEditorPage(address: string | undefined): boolean {
  if (!address) return false;
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && EDITOR_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  getAll(): Promise<{ origins?: string[] }>;
}

export async function hasSiteAccess(permissions: PermissionsApi, address: string | undefined): Promise<boolean> {
  const pattern = sitePattern(address);
  return pattern ? permissions.contains({ origins: [pattern] }) : false;
}

/**
 * Asks Chrome for one site. Chrome only asks the blogger during a click, so the request is made
 * at once, before anything is awaited.
 */
export function requestSiteAccess(permissions: PermissionsApi, address: string): Promise<boolean> {
  const pattern = sitePattern(address);
  return pattern ? permissions.request({ origins: [pattern] }) : Promise.resolve(false);
}

export function removeSiteAccess(permissions: PermissionsApi, pattern: string): Promise<boolean> {
  return permissions.remove({ origins: [pattern] });
}

/** The sites granted so far, as patterns, sorted. */
export async function allowedSites(permissions: PermissionsApi): Promise<string[]> {
  const { origins = [] } = await permissions.getAll();
  return origins.filter((origin) => /^https?:\/\/[^/*]+\/\*$/.test(origin)).sort();
}
