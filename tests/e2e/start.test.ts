/**
 * Issue: `npm start` shows the whole product in one command: a local WordPress, Chromium with the
 * built extension, the site allowed and a new post open in the block editor, a demo model standing
 * in when no key is set (the popup says so), and Ctrl+C stopping everything it started.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attachExtension } from '../support/extension';
import { generateFromPopup, waitForBlockEditor } from '../support/e2e-flow';
import { MATRIX, resolveSourceFromEnv } from '../support/matrix';
import { repoRoot } from '../support/fixtures';
import { ensureMariaDb, freePort } from '../support/wordpress/site';

const source = resolveSourceFromEnv();

function startDemo(port: number) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'tests/support/demo.ts'], {
    cwd: repoRoot,
    detached: true, // its own process group, as a terminal's Ctrl+C reaches it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PRESSPILOT_HEADLESS: '1', PRESSPILOT_START_SOURCE: source, PRESSPILOT_PORT: String(port), OPENAI_API_KEY: '' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output);
      if (match) resolve(match);
    };
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => { output += chunk.toString(); check(); });
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output}`)));
  });
  return { child, exited, line, output: () => output };
}

const listening = (url: string) => fetch(url, { signal: AbortSignal.timeout(5_000) }).then(() => true, () => false);

describe(`npm start on ${MATRIX[source].label}`, () => {
  it('opens a logged-in block editor with PressPilot on a demo model, and Ctrl+C leaves nothing running', async () => {
    await ensureMariaDb(); // already up, so the check below can read it after the demo stops
    const port = await freePort();
    const demo = startDemo(port);
    const [, devtools] = await demo.line(/DevTools: (http:\/\/127\.0\.0\.1:\d+)/);
    const cdp = await chromium.connectOverCDP(devtools!);
    const context = cdp.contexts()[0]!;
    const editor = context.pages().find((page) => page.url().includes('/wp-admin/post-new.php'));
    expect(editor, `pages: ${context.pages().map((page) => page.url()).join(', ')}`).toBeDefined();
    await waitForBlockEditor(editor!);

    const extension = await attachExtension(context, Number(new URL(devtools!).port));
    expect(await extension.reachesTab(editor!)).toBe(true);
    const popup = await generateFromPopup(extension, editor!, 'Sourdough at home');
    await expect.poll(() => popup.page.getByRole('note').innerText()).toContain('A demo model is writing');
    await editor!.waitForFunction(() => String((window as any).wp.data.select('core/editor').getEditedPostAttribute('title')).includes('Sourdough at home'), undefined, { timeout: 60_000 });
    await popup.close();
    await cdp.close();

    process.kill(-demo.child.pid!, 'SIGINT');
    expect(await demo.exited, demo.output()).toBe(0);
    expect(await listening(`http://127.0.0.1:${port}/wp-login.php`)).toBe(false);
    expect(await listening(`${devtools}/json/version`)).toBe(false);
    expect(execFileSync('mysql', ['-uroot', '-N', '-e', `SHOW DATABASES LIKE 'pp\\_${port}\\_%'`], { encoding: 'utf8' }).trim()).toBe('');
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(`127.0.0.1:${port}`);
  });
});
