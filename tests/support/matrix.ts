/**
 * The end-to-end matrix: WordPress 6.1.9 (Debian's package) with Elementor 3.21.2, for sites that
 * have not upgraded, and WordPress 7.1.0 with Elementor 4.2.2, the current release (it needs
 * WordPress 6.8 or later). The 7.1.0 and Elementor builds come from the test-site cache; a run
 * whose build is missing is skipped and says which build and how to provide it.
 */
import { BUILDS, cachedBuild, type Build } from './wordpress/builds';

export type WordPressSource = 'debian' | '7.1.0';
export const WORDPRESS_SOURCES: WordPressSource[] = ['debian', '7.1.0'];

export interface MatrixEntry {
  source: WordPressSource;
  label: string;
  /** The 7.1.0 core build; Debian's 6.1.9 is a system package. */
  core?: Build;
  elementor: Build;
}

export const MATRIX: Record<WordPressSource, MatrixEntry> = {
  debian: { source: 'debian', label: 'WordPress 6.1.9 (Debian)', elementor: BUILDS.elementor3 },
  '7.1.0': { source: '7.1.0', label: 'WordPress 7.1.0', core: BUILDS.wordpress71, elementor: BUILDS.elementor4 },
};

export function parseSource(value: string | undefined): WordPressSource {
  const source = value ?? 'debian';
  if (!WORDPRESS_SOURCES.includes(source as WordPressSource)) throw new Error(`WordPress source must be one of ${WORDPRESS_SOURCES.join(', ')}, not ${source}`);
  return source as WordPressSource;
}

/** The WordPress version this end-to-end run is on (set per run by tests/support/run-e2e.ts). */
export function resolveSourceFromEnv(): WordPressSource {
  return parseSource(process.env.WP_SOURCE);
}

/** Why the run's WordPress cannot start, or undefined when it can. */
export function coreMissing(source: WordPressSource): string | undefined {
  const core = MATRIX[source].core;
  if (!core) return undefined;
  const cached = cachedBuild(core);
  return 'missing' in cached ? cached.missing : undefined;
}

/**
 * The Elementor build that goes with this WordPress version: its folder when cached, and a note
 * for a suite's name, empty or saying why the suite is skipped and how to provide the build.
 */
export function elementorFor(source: WordPressSource): { dir?: string; name: string; skipNote: string } {
  const build = MATRIX[source].elementor;
  const cached = cachedBuild(build);
  return 'dir' in cached ? { dir: cached.dir, name: build.name, skipNote: '' } : { name: build.name, skipNote: ` (skipped: ${cached.missing})` };
}

export interface SeoPluginEntry { name: string; build: Build; slug: string; mainFile: string; /** the WordPress it needs, from its header */ requires: number }

/** The SEO plugins the SEO suite runs against, each on its own site. */
export const SEO_PLUGINS: SeoPluginEntry[] = [
  { name: 'Yoast SEO', build: BUILDS.yoast, slug: 'wordpress-seo', mainFile: 'wp-seo.php', requires: 6.9 },
  { name: 'Rank Math', build: BUILDS.rankMath, slug: 'seo-by-rank-math', mainFile: 'rank-math.php', requires: 6.7 },
  { name: 'All in One SEO', build: BUILDS.aioseo, slug: 'all-in-one-seo-pack', mainFile: 'all_in_one_seo_pack.php', requires: 5.7 },
  { name: 'SEOPress', build: BUILDS.seopress, slug: 'wp-seopress', mainFile: 'seopress.php', requires: 6.5 },
];

const CORE_VERSION: Record<WordPressSource, number> = { debian: 6.1, '7.1.0': 7.1 };

/** The plugin's folder when it is cached and runs on this WordPress, else a note saying why its suite is skipped. */
export function seoPluginFor(entry: SeoPluginEntry, source: WordPressSource): { plugin?: { dir: string; slug: string; mainFile: string }; skipNote: string } {
  if (CORE_VERSION[source] < entry.requires) return { skipNote: ` (skipped: ${entry.build.name} needs WordPress ${entry.requires} or later)` };
  const cached = cachedBuild(entry.build);
  return 'dir' in cached ? { plugin: { dir: cached.dir, slug: entry.slug, mainFile: entry.mainFile }, skipNote: '' } : { skipNote: ` (skipped: ${cached.missing})` };
}
