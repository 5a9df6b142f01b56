/**
 * Third-party builds the end-to-end suites run against (WordPress 7.1.0, Elementor, the SEO
 * plugins). None of their code is ever committed: they live in a cache folder on the machine, one
 * folder per build, filled from the official wordpress.org archive when the machine is online
 * (core's published SHA-1 checked) or else exported with `git archive` from the public mirror that
 * the fetch tool brings. A build that can be had neither way is reported missing, with how to get it.
 *
 *   npm run builds                 fills every missing build and prints where each one is
 *   PRESSPILOT_CACHE=DIR           the cache folder (default ~/.cache/presspilot)
 *   PRESSPILOT_MIRRORS=DIR[:DIR]   where mirrors are looked for, as owner+name/repo (default /work/.mirror)
 *   PRESSPILOT_OFFLINE=1           never try the official download
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Build {
  /** The cache folder's name. */
  id: string;
  name: string;
  /** A file of the build that names its version, and what it must say. */
  versionFile: string;
  versionPattern: RegExp;
  official: { url: string; sha1Url?: string; topFolder: string };
  /** The public mirror: a tag, or the commit whose subject is this, and the build's folder in it. */
  mirror: { repo: string; tag?: string; subject?: string; folder?: string; exclude?: string[] };
}

const plugin = (slug: string, version: string, mainFile: string, name: string, mirror?: Build['mirror']): Build => ({
  id: `${slug}-${version}`,
  name: `${name} ${version}`,
  versionFile: mainFile,
  versionPattern: new RegExp(`^[ \\t*]*Version:\\s*${version.replace(/\./g, '\\.')}\\s*$`, 'm'),
  official: { url: `https://downloads.wordpress.org/plugin/${slug}.${version}.zip`, topFolder: slug },
  mirror: mirror ?? { repo: `WordpressPluginDirectory/${slug}`, subject: version, folder: slug },
});

export const BUILDS = {
  wordpress71: {
    id: 'wordpress-7.1.0',
    name: 'WordPress 7.1.0',
    versionFile: 'wp-includes/version.php',
    versionPattern: /^\$wp_version = '7\.1(\.0)?';$/m,
    official: { url: 'https://wordpress.org/wordpress-7.1.zip', sha1Url: 'https://wordpress.org/wordpress-7.1.zip.sha1', topFolder: 'wordpress' },
    // The mirror's snapshot lacks this blob (client-side image processing, never requested by the editors).
    mirror: { repo: 'johnpbloch/wordpress-core', tag: '7.1.0', exclude: ['wp-includes/js/dist/script-modules/vips/worker.min.js'] },
  },
  // The mirror lacks this blob, the unminified copy of ui.min.js that only SCRIPT_DEBUG loads.
  elementor4: plugin('elementor', '4.2.2', 'elementor.php', 'Elementor', {
    repo: 'WordpressPluginDirectory/elementor', subject: '4.2.2', folder: 'elementor', exclude: ['elementor/assets/js/packages/ui/ui.js'],
  }),
  elementor3: plugin('elementor', '3.21.2', 'elementor.php', 'Elementor', { repo: 'kitfunnel/elementor', subject: 'Elementor 3.21.2' }),
  yoast: plugin('wordpress-seo', '28.3', 'wp-seo.php', 'Yoast SEO'),
  rankMath: plugin('seo-by-rank-math', '1.0.276', 'rank-math.php', 'Rank Math'),
  aioseo: plugin('all-in-one-seo-pack', '4.9.7.1', 'all_in_one_seo_pack.php', 'All in One SEO'),
  seopress: plugin('wp-seopress', '10.0', 'seopress.php', 'SEOPress'),
} satisfies Record<string, Build>;

export function cacheDir(): string {
  return process.env.PRESSPILOT_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'presspilot');
}

function mirrorRoots(): string[] {
  return (process.env.PRESSPILOT_MIRRORS ?? '/work/.mirror').split(':').filter(Boolean);
}

export function buildDir(build: Build): string {
  return path.join(cacheDir(), build.id);
}

function isComplete(dir: string, build: Build): boolean {
  const file = path.join(dir, build.versionFile);
  return existsSync(file) && build.versionPattern.test(readFileSync(file, 'utf8'));
}

/** How to get a build that is not in the cache, in one sentence. */
export function howToProvide(build: Build): string {
  const at = build.mirror.tag ? `tag ${build.mirror.tag}` : `commit "${build.mirror.subject}"`;
  return `${build.name} is not in the cache (${buildDir(build)}): run "npm run builds" on a machine that reaches wordpress.org, `
    + `or offline bring the public mirror ${build.mirror.repo} (${at}) with the fetch tool into ${mirrorRoots()[0]} (or PRESSPILOT_MIRRORS) and run "npm run builds".`;
}

/** The build's folder when it is in the cache, else why not. */
export function cachedBuild(build: Build): { dir: string } | { missing: string } {
  const dir = buildDir(build);
  return isComplete(dir, build) ? { dir } : { missing: howToProvide(build) };
}

function findMirror(repo: string): string | undefined {
  for (const root of mirrorRoots()) {
    const base = path.join(root, repo.replace('/', '+'), 'repo');
    for (const gitDir of [path.join(base, '.git'), base]) if (existsSync(path.join(gitDir, 'HEAD'))) return gitDir;
  }
  return undefined;
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function exportFromMirror(build: Build, into: string): string {
  const gitDir = findMirror(build.mirror.repo);
  if (!gitDir) throw new Error(`no mirror of ${build.mirror.repo} under ${mirrorRoots().join(', ')}`);
  const { tag, subject, folder, exclude = [] } = build.mirror;
  const rev = tag ? `refs/tags/${tag}` : git(gitDir, ['log', '--all', '--format=%H%x09%s']).split('\n')
    .map((line) => line.split('\t')).find(([, message]) => message === subject)?.[0];
  if (!rev) throw new Error(`${build.mirror.repo} has no commit "${subject}"`);
  const paths = [folder ?? '.', ...exclude.map((file) => `:(exclude)${file}`)];
  // git names the excluded missing blob on stderr even though the export succeeds: keep it for failures only.
  execFileSync('bash', ['-o', 'pipefail', '-c', 'git --git-dir="$1" archive --format=tar "$2" -- "${@:4}" | tar -x -C "$3"', 'export', gitDir, rev, into, ...paths], { stdio: ['ignore', 'ignore', 'pipe'] });
  return folder ? path.join(into, folder) : into;
}

async function download(url: string, file: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10 * 60_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
}

async function fetchOfficial(build: Build, into: string): Promise<string> {
  const zip = path.join(into, 'build.zip');
  await download(build.official.url, zip);
  if (build.official.sha1Url) {
    const expected = (await (await fetch(build.official.sha1Url, { signal: AbortSignal.timeout(60_000) })).text()).trim().split(/\s+/)[0];
    const actual = createHash('sha1').update(readFileSync(zip)).digest('hex');
    if (actual !== expected) throw new Error(`${build.official.url}: SHA-1 ${actual}, published ${expected}`);
  }
  execFileSync('unzip', ['-q', zip, '-d', into]);
  rmSync(zip);
  return path.join(into, build.official.topFolder);
}

/** Whether a download host answers at all; asked once per host, so an offline machine fails fast. */
const reachable = new Map<string, Promise<boolean>>();
function isReachable(url: string): Promise<boolean> {
  if (process.env.PRESSPILOT_OFFLINE) return Promise.resolve(false);
  const { origin } = new URL(url);
  if (!reachable.has(origin)) reachable.set(origin, fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(15_000) }).then(() => true, () => false));
  return reachable.get(origin)!;
}

/**
 * Puts a missing build into the cache, official archive first, mirror second. It is built in a
 * scratch folder and renamed into place, so a cut-off fill never looks like a build.
 */
export async function fillBuild(build: Build): Promise<{ dir: string; from: string } | { missing: string }> {
  const cached = cachedBuild(build);
  if ('dir' in cached) return { dir: cached.dir, from: 'cache' };
  const dir = buildDir(build);
  const failures: string[] = [];
  const attempts: Array<[string, (into: string) => Promise<string> | string]> = [];
  if (await isReachable(build.official.url)) attempts.push([build.official.url, (into) => fetchOfficial(build, into)]);
  attempts.push([`mirror ${build.mirror.repo}`, (into) => exportFromMirror(build, into)]);
  for (const [from, fill] of attempts) {
    const scratch = `${dir}.partial-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    try {
      const tree = await fill(scratch);
      if (!isComplete(tree, build)) throw new Error(`${build.versionFile} does not name ${build.name}`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tree, dir);
      return { dir, from };
    } catch (error) {
      failures.push(`${from}: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { missing: `${howToProvide(build)} (tried ${failures.join('; ')})` };
}

// CLI: npm run builds
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(cacheDir(), { recursive: true });
  let missing = 0;
  for (const build of Object.values(BUILDS)) {
    const result = await fillBuild(build);
    if ('dir' in result) console.log(`${build.name.padEnd(24)} ${result.dir} (${result.from})`);
    else { missing += 1; console.log(`${build.name.padEnd(24)} missing: ${result.missing}`); }
  }
  process.exit(missing ? 1 : 0);
}
