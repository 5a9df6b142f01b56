/**
 * The first step of `npm test` (tests/support/install-system-deps.sh): missing Debian packages
 * are installed when it may, saying which; otherwise it stops at once with the one command to run.
 * Run against stand-ins for dpkg-query, id, sudo and apt-get, so nothing is installed here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures';

let bin: string;

function stub(name: string, script: string): void {
  writeFileSync(path.join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(path.join(bin, name), 0o755);
}

function run(): { status: number | null; stdout: string; stderr: string; apt: string } {
  const result = spawnSync('bash', [path.join(repoRoot, 'tests/support/install-system-deps.sh')], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin },
  });
  let apt = '';
  try { apt = readFileSync(path.join(bin, 'apt.log'), 'utf8'); } catch { /* apt never ran */ }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, apt };
}

beforeEach(() => {
  bin = mkdtempSync(path.join(os.tmpdir(), 'presspilot-deps-'));
  // Every package is installed but MariaDB's server and Chromium.
  stub('dpkg-query', `case "$3" in mariadb-server|chromium) exit 1;; *) echo 'install ok installed';; esac`);
  stub('apt-get', `echo "$@" >> "${bin}/apt.log"`);
});

afterEach(() => rmSync(bin, { recursive: true, force: true }));

describe('npm test’s system packages step', () => {
  it('says nothing needs installing when everything is there', () => {
    stub('dpkg-query', `echo 'install ok installed'`);
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('system packages: all present');
    expect(result.apt).toBe('');
  });

  it('installs what is missing as root, naming it first', () => {
    stub('id', 'echo 0');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('system packages: installing mariadb-server chromium');
    expect(result.apt).toMatch(/^update/);
    expect(result.apt).toMatch(/install .*mariadb-server.*chromium/);
  });

  it('uses password-less sudo when it is not root', () => {
    stub('id', 'echo 1000');
    stub('sudo', `[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; exec "$@"`);
    const result = run();
    expect(result.status).toBe(0);
    expect(result.apt).toMatch(/install .*chromium/);
  });

  it('stops at once with the one command to run when it may not install', () => {
    stub('id', 'echo 1000');
    stub('sudo', 'exit 1');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.apt).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'The end-to-end tests need Debian packages that are missing (mariadb-server chromium): run "sudo bash tests/support/install-system-deps.sh" once, then npm test again.',
    ]);
  });
});
