/**
 * A real WordPress for the end-to-end tests, on Debian's packages: MariaDB, PHP's built-in server,
 * and either Debian's WordPress 6.1.9 or 7.1.0 from the test-site cache (./builds.ts), optionally
 * with plugins from the same cache. See ../shared/notes/wordpress-test-site.md for the recipe.
 *   tsx tests/support/wordpress/site.ts up [--source debian|7.1.0] [--host localhost] [--port N] [--elementor DIR]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreMissing, MATRIX, parseSource, resolveSourceFromEnv, type WordPressSource } from '../matrix';
import { buildDir } from './builds';

export interface WordPressSiteOptions {
  source: WordPressSource;
  host?: '127.0.0.1' | 'localhost';
  port?: number;
  elementorDir?: string;
  /** Flexbox containers (Elementor's default) or the older sections/columns. */
  elementorContainers?: boolean;
  /** Plugins from the test-site cache, activated with their onboarding skipped (seed.php). */
  plugins?: Array<{ dir: string; slug: string; mainFile: string }>;
  workDir?: string;
}

export interface WordPressSite {
  url: string;
  version: string;
  source: WordPressSource;
  admin: { user: string; password: string };
  elementor: boolean;
  /** An authenticated REST call (Application Password), e.g. rest('/wp/v2/posts/5?context=edit'). */
  rest<T = unknown>(restPath: string, init?: { method?: string; body?: unknown }): Promise<T>;
  createPost(fields: { title?: string; content?: string; excerpt?: string; status?: string; tags?: number[]; categories?: number[] }): Promise<number>;
  /** One SQL query on the site's database, its rows as tab-separated lines. */
  query(sql: string): string;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const DB_USER = 'presspilot';
const DB_PASSWORD = 'presspilot-e2e';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function mysql(sql: string): string {
  return execFileSync('mysql', ['-uroot', '-N', '-e', sql], { encoding: 'utf8' });
}

const mariaDbUp = () => { try { execFileSync('mysqladmin', ['-uroot', 'ping'], { stdio: 'ignore' }); return true; } catch { return false; } };
let startedMariaDb = false;

export async function ensureMariaDb(): Promise<void> {
  if (mariaDbUp()) return;
  execFileSync('service', ['mariadb', 'start'], { stdio: 'ignore' });
  startedMariaDb = true;
  await waitFor('MariaDB', mariaDbUp, 30_000);
}

/** Stops MariaDB if this process started it, so a demo leaves nothing running. */
export function stopMariaDbIfStarted(): void {
  if (startedMariaDb) execFileSync('service', ['mariadb', 'stop'], { stdio: 'ignore' });
  startedMariaDb = false;
}

function layOutCore(source: WordPressSource, siteDir: string): void {
  const core = MATRIX[source].core;
  if (core) {
    const missing = coreMissing(source);
    if (missing) throw new Error(missing);
    execFileSync('cp', ['-r', buildDir(core), siteDir]);
  } else {
    // Debian's tree has symlinks into /etc and /var/lib: copy what they point to.
    execFileSync('cp', ['-rL', '/usr/share/wordpress', siteDir]);
  }
  rmSync(path.join(siteDir, 'wp-config.php'), { force: true });
}

function wpConfig(database: string, url: string): string {
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
    .map((name) => `define('${name}', 'presspilot-e2e-${name.toLowerCase()}');`).join('\n');
  return `<?php
define('DB_NAME', '${database}');
define('DB_USER', '${DB_USER}');
define('DB_PASSWORD', '${DB_PASSWORD}');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('FS_METHOD', 'direct');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
${salts}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

/** SIGTERM to a process group, SIGKILL if it is still there after 10 s; resolves once it is gone. */
async function endProcessGroup(pgid: number): Promise<void> {
  const alive = () => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  await waitFor(`PHP (process group ${pgid}) to exit`, () => !alive(), 10_000).catch(() => {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone meanwhile */ }
  });
}

export async function startWordPress(options: WordPressSiteOptions): Promise<WordPressSite> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? await freePort();
  const url = `http://${host}:${port}`;
  const name = `pp_${port}_${Date.now().toString(36)}`;
  const workDir = options.workDir ?? path.join(repoRoot, '.e2e/sites');
  const siteDir = path.join(workDir, name);
  mkdirSync(workDir, { recursive: true });

  await ensureMariaDb();
  mysql(`CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}'; GRANT ALL ON \`pp\\_%\`.* TO '${DB_USER}'@'localhost'; CREATE DATABASE \`${name}\`;`);

  layOutCore(options.source, siteDir);
  writeFileSync(path.join(siteDir, 'wp-config.php'), wpConfig(name, url));
  cpSync(path.join(here, 'router.php'), path.join(siteDir, 'router.php'));
  mkdirSync(path.join(siteDir, 'wp-content/mu-plugins'), { recursive: true });
  for (const file of ['e2e-classic-editor.php', 'e2e-hostile-plugin.php', 'e2e-hostile-plugin.js']) {
    cpSync(path.join(here, 'mu-plugins', file), path.join(siteDir, 'wp-content/mu-plugins', file));
  }
  if (options.elementorDir) cpSync(options.elementorDir, path.join(siteDir, 'wp-content/plugins/elementor'), { recursive: true });
  for (const plugin of options.plugins ?? []) cpSync(plugin.dir, path.join(siteDir, 'wp-content/plugins', plugin.slug), { recursive: true });

  // setsid-like: its own process group, so stop() also ends the workers PHP forks.
  const php: ChildProcess = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', siteDir, path.join(siteDir, 'router.php')], {
    cwd: siteDir, detached: true, stdio: 'ignore', env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Every worker must be gone before the next site may be given this port.
    await endProcessGroup(php.pid!);
    try { mysql(`DROP DATABASE IF EXISTS \`${name}\`;`); } catch { /* MariaDB may be down */ }
    rmSync(siteDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`PHP at ${url}`, async () => (await fetch(`${url}/wp-login.php`, { redirect: 'manual' })).status > 0);
    const admin = { user: 'admin', password: 'presspilot-e2e-password' };
    const form = new URLSearchParams({
      weblog_title: 'PressPilot test site', user_name: admin.user, admin_password: admin.password, admin_password2: admin.password,
      pw_weak: '1', admin_email: 'admin@example.com', blog_public: '0', language: '',
    });
    const installed = await (await fetch(`${url}/wp-admin/install.php?step=2`, { method: 'POST', body: form })).text();
    if (!installed.includes('<h1>Success!</h1>')) throw new Error(`WordPress did not install: ${installed.slice(0, 500)}`);

    const seeded = execFileSync('php', [path.join(here, 'seed.php'), siteDir, JSON.stringify({
      url, user: admin.user, elementor: Boolean(options.elementorDir), elementorContainers: options.elementorContainers ?? true,
      plugins: (options.plugins ?? []).map((plugin) => `${plugin.slug}/${plugin.mainFile}`),
    })], { encoding: 'utf8' });
    const { appPassword, version } = JSON.parse(seeded.slice(seeded.indexOf('{'))) as { appPassword: string; version: string };
    const authorization = `Basic ${Buffer.from(`${admin.user}:${appPassword}`).toString('base64')}`;

    const rest = async <T>(restPath: string, init?: { method?: string; body?: unknown }): Promise<T> => {
      const response = await fetch(`${url}/wp-json${restPath}`, {
        method: init?.method ?? 'GET',
        headers: { authorization, ...(init?.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`REST ${init?.method ?? 'GET'} ${restPath}: ${response.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };
    return {
      url,
      version,
      source: options.source,
      admin,
      elementor: Boolean(options.elementorDir),
      rest,
      async createPost(fields) {
        const post = await rest<{ id: number }>('/wp/v2/posts', { method: 'POST', body: { status: 'draft', ...fields } });
        return post.id;
      },
      query: (sql) => mysql(`USE \`${name}\`; ${sql}`),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'up') {
  const flag = (name: string) => { const index = process.argv.indexOf(`--${name}`); return index > 0 ? process.argv[index + 1] : undefined; };
  const site = await startWordPress({
    source: flag('source') ? parseSource(flag('source')) : resolveSourceFromEnv(),
    host: (flag('host') as '127.0.0.1' | 'localhost' | undefined) ?? '127.0.0.1',
    port: flag('port') ? Number(flag('port')) : undefined,
    elementorDir: flag('elementor'),
  });
  console.log(JSON.stringify({ url: site.url, admin: site.admin, version: site.version, elementor: site.elementor }, null, 2));
  const shutdown = () => void site.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
