/**
 * Runs the end-to-end suites once per WordPress version of the matrix (./matrix.ts): Debian's
 * 6.1.9 with Elementor 3.21.2, and 7.1.0 with Elementor 4.2.2. Missing builds are first put into
 * the test-site cache where they can be had (./wordpress/builds.ts); a run or suite whose build is
 * still missing is reported as skipped with what it lacked, in the run and in the summary.
 *   E2E_SOURCES=debian,7.1.0 (default both)   E2E_FILES=tests/e2e/x.test.ts (default all)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './fixtures';
import { EXTENSION_DIR } from './extension';
import { MATRIX, parseSource, SEO_PLUGINS } from './matrix';
import { fillBuild } from './wordpress/builds';

const sources = (process.env.E2E_SOURCES ?? Object.keys(MATRIX).join(',')).split(',').map((value) => value.trim()).filter(Boolean).map(parseSource);
const files = (process.env.E2E_FILES ?? '').split(',').filter(Boolean);

if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  process.exit(1);
}

const summary: string[] = [];
let failed = false;
for (const source of sources) {
  const entry = MATRIX[source];
  const builds = [entry.core, entry.elementor, ...SEO_PLUGINS.map((plugin) => plugin.build)].filter((build) => build !== undefined);
  const missing = new Map<string, string>();
  for (const build of builds) {
    const filled = await fillBuild(build);
    if ('missing' in filled) missing.set(build.name, filled.missing);
    else console.log(`${build.name}: ${filled.dir} (${filled.from})`);
  }
  if (entry.core && missing.has(entry.core.name)) {
    const line = `${entry.label}: every end-to-end suite SKIPPED: ${missing.get(entry.core.name)}`;
    console.log(`\n=== ${line} ===\n`);
    summary.push(line);
    continue;
  }
  const elementorNote = missing.has(entry.elementor.name) ? `Elementor suites SKIPPED: ${missing.get(entry.elementor.name)}` : `with ${entry.elementor.name}`;
  console.log(`\n=== End-to-end suites on ${entry.label}, ${elementorNote} ===\n`);
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e', ...files], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, WP_SOURCE: source },
  });
  if (run.status !== 0) failed = true;
  summary.push(`${entry.label}: ${run.status === 0 ? 'passed' : 'FAILED'}, ${elementorNote}`);
}
console.log(`\nEnd-to-end summary:\n${summary.map((line) => `- ${line}`).join('\n')}`);
process.exit(failed ? 1 : 0);
