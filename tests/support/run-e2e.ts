/**
 * Runs the end-to-end suites once per WordPress version (Debian's 6.1.9 and the vendored 7.1.0),
 * each with the vendored Elementor build extracted for the Elementor suite.
 *   E2E_SOURCES=debian,vendor-7.1 (default both)   E2E_FILES=tests/e2e/x.test.ts (default all)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './seeds';
import { EXTENSION_DIR } from './extension';
import { extractElementor } from './wordpress/site';

const sources = (process.env.E2E_SOURCES ?? 'debian,vendor-7.1').split(',').map((value) => value.trim()).filter(Boolean);
const files = (process.env.E2E_FILES ?? '').split(',').filter(Boolean);

if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  process.exit(1);
}

const workDir = path.join(repoRoot, '.e2e');
mkdirSync(workDir, { recursive: true });
const elementorDir = process.env.ELEMENTOR_PLUGIN_DIR ?? await extractElementor(undefined, path.join(workDir, 'elementor-plugin'));

let failed = false;
for (const source of sources) {
  console.log(`\n=== End-to-end suites on WordPress ${source} (Elementor from ${elementorDir}) ===\n`);
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e', ...files], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, WP_SOURCE: source, ELEMENTOR_PLUGIN_DIR: elementorDir },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
