/**
 * Issue 12: what PressPilot loads with every editor page (the isolated-world script and the
 * page-world bridge of the built extension) stays at or under 20 KiB gzip; the job tools come
 * only with a job. Read from the build `npm test` has just made; `npm run bench` prints the table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EDITOR_SCRIPTS } from '../../lib/storage/site-access';

const BUDGET_BYTES = 20 * 1024;
const built = (file: string) => readFileSync(resolve(import.meta.dirname, '../../.output/chrome-mv3', file));

describe('what every editor page loads', () => {
  it(`is at most ${BUDGET_BYTES / 1024} KiB gzip`, () => {
    const files = EDITOR_SCRIPTS.flatMap((script) => script.js);
    expect(files).toHaveLength(2);
    const gzip = files.reduce((sum, file) => sum + gzipSync(built(file), { level: 9 }).length, 0);
    expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
