/**
 * The test-site cache of third-party builds (tests/support/wordpress/builds.ts): filled from the
 * official archive (checksum checked) or from a public mirror at the named release, never left
 * half-filled, and a build that cannot be had says how to provide it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBuild, fillBuild, type Build } from '../support/wordpress/builds';

let scratch: string;
let mirrorRepo: string;
const saved = { ...process.env };

function git(...args: string[]): string {
  return execFileSync('git', ['-C', mirrorRepo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' });
}

function commit(version: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(mirrorRepo, name)), { recursive: true });
    writeFileSync(path.join(mirrorRepo, name), text);
  }
  git('add', '-A');
  git('commit', '-qm', version);
}

function acme(version: string, overrides: Partial<Build> = {}): Build {
  return {
    id: `acme-${version}`,
    name: `Acme ${version}`,
    versionFile: 'acme.php',
    versionPattern: new RegExp(`^ \\* Version: ${version.replace(/\./g, '\\.')}$`, 'm'),
    official: { url: 'http://127.0.0.1:9/acme.zip', topFolder: 'acme' },
    mirror: { repo: 'acme/acme', subject: version, folder: 'acme' },
    ...overrides,
  };
}

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'presspilot-builds-'));
  // As the fetch tool lays out a mirror: MIRRORS/owner+name/repo.
  mirrorRepo = path.join(scratch, 'mirrors/acme+acme/repo');
  mkdirSync(mirrorRepo, { recursive: true });
  execFileSync('git', ['init', '-q', mirrorRepo]);
  commit('1.0.0', { 'acme/acme.php': '<?php\n/*\n * Version: 1.0.0\n */\n', 'acme/debug.js': 'unminified' });
  commit('1.1.0', { 'acme/acme.php': '<?php\n/*\n * Version: 1.1.0\n */\n', 'acme/new-in-1.1.js': 'x' });
  process.env.PRESSPILOT_CACHE = path.join(scratch, 'cache');
  process.env.PRESSPILOT_MIRRORS = path.join(scratch, 'mirrors');
  process.env.PRESSPILOT_OFFLINE = '1';
});

afterEach(() => {
  process.env = { ...saved };
  rmSync(scratch, { recursive: true, force: true });
});

describe('the test-site build cache', () => {
  it('exports the named release from the mirror, not its newest commit, leaving out the listed files', async () => {
    const build = acme('1.0.0', { mirror: { repo: 'acme/acme', subject: '1.0.0', folder: 'acme', exclude: ['acme/debug.js'] } });
    expect(cachedBuild(build)).toHaveProperty('missing');
    const filled = await fillBuild(build);
    expect(filled).toEqual({ dir: path.join(scratch, 'cache/acme-1.0.0'), from: 'mirror acme/acme' });
    expect(readdirSync(path.join(scratch, 'cache/acme-1.0.0'))).toEqual(['acme.php']);
    expect(await fillBuild(build)).toEqual({ dir: path.join(scratch, 'cache/acme-1.0.0'), from: 'cache' });
    expect(cachedBuild(build)).toEqual({ dir: path.join(scratch, 'cache/acme-1.0.0') });
  });

  it('refuses a tree that is not the release it names, and leaves nothing half-filled behind', async () => {
    const filled = await fillBuild(acme('1.0.0', { mirror: { repo: 'acme/acme', subject: '1.1.0', folder: 'acme' } }));
    expect(filled).toHaveProperty('missing');
    expect('missing' in filled && filled.missing).toMatch(/acme\.php does not name Acme 1\.0\.0/);
    expect(existsSync(path.join(scratch, 'cache')) ? readdirSync(path.join(scratch, 'cache')) : []).toEqual([]);
  });

  it('says how to provide a build that is nowhere to be had', async () => {
    rmSync(path.join(scratch, 'mirrors'), { recursive: true });
    const filled = await fillBuild(acme('1.0.0'));
    expect('missing' in filled && filled.missing).toMatch(/^Acme 1\.0\.0 is not in the cache .*npm run builds.*public mirror acme\/acme \(commit "1\.0\.0"\).*no mirror of acme\/acme/);
  });

  describe('the official archive', () => {
    let server: Server;
    let served: Record<string, Buffer | string>;
    let base: string;

    beforeEach(async () => {
      delete process.env.PRESSPILOT_OFFLINE;
      served = {};
      server = createServer((req, res) => {
        const body = served[req.url ?? ''];
        res.writeHead(body === undefined ? (req.url === '/' ? 200 : 404) : 200).end(body ?? '');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The release archive, as wordpress.org ships one: a zip with the plugin's folder at its top.
      served['/acme.zip'] = execFileSync('git', ['-C', mirrorRepo, 'archive', '--format=zip', 'HEAD~1', 'acme']);
    });

    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const unzip = (() => { try { execFileSync('unzip', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();

    it.skipIf(!unzip)(`is downloaded, its published SHA-1 checked, and unpacked${unzip ? '' : ' (skipped: unzip is not installed; npm test installs it)'}`, async () => {
      served['/acme.zip.sha1'] = createHash('sha1').update(served['/acme.zip']!).digest('hex');
      const build = acme('1.0.0', { official: { url: `${base}/acme.zip`, sha1Url: `${base}/acme.zip.sha1`, topFolder: 'acme' } });
      expect(await fillBuild(build)).toEqual({ dir: path.join(scratch, 'cache/acme-1.0.0'), from: `${base}/acme.zip` });
      expect(readFileSync(path.join(scratch, 'cache/acme-1.0.0/acme.php'), 'utf8')).toContain('Version: 1.0.0');
    });

    it('is refused when its checksum differs from the published one, and the mirror is tried next', async () => {
      served['/acme.zip.sha1'] = '0'.repeat(40);
      const build = acme('1.0.0', { official: { url: `${base}/acme.zip`, sha1Url: `${base}/acme.zip.sha1`, topFolder: 'acme' } });
      expect(await fillBuild(build)).toEqual({ dir: path.join(scratch, 'cache/acme-1.0.0'), from: 'mirror acme/acme' });
      rmSync(path.join(scratch, 'cache'), { recursive: true });
      rmSync(path.join(scratch, 'mirrors'), { recursive: true });
      const filled = await fillBuild(build);
      expect('missing' in filled && filled.missing).toMatch(/acme\.zip: SHA-1 [0-9a-f]{40}, published 0{40}/);
    });
  });
});
