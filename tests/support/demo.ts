/**
 * npm start: the whole product in one command. A local WordPress test site (7.1.0 when the
 * test-site cache has it, else Debian's 6.1.9), with Elementor when cached; Debian's Chromium with
 * the built extension loaded, the site allowed, logged in, and a new post open in the block editor.
 * The model is OPENAI_BASE_URL / OPENAI_API_KEY / PRESSPILOT_MODEL when a key is set, else the
 * project's local OpenAI-compatible server as a demo model (the popup says so). Ctrl+C, or closing
 * the browser, stops everything it started.
 *   PRESSPILOT_PORT=8080 (the site's port)   PRESSPILOT_HEADLESS=1   PRESSPILOT_START_SOURCE=debian|7.1.0
 */
import { createServer } from 'node:net';
import { DEFAULT_BASE_URL, DEFAULT_MODEL, DEMO_MODEL } from '../../lib/generation/endpoint-defaults';
import { allowSiteInOptions, configureEndpoint, waitForBlockEditor, type Endpoint } from './e2e-flow';
import { launchExtension, type ExtensionBrowser } from './extension';
import { MATRIX, parseSource, type WordPressSource } from './matrix';
import { isOutlineRequest, isSectionRequest, makePost, startOpenAITestServer, type OpenAITestServer } from './openai-test-server';
import { fillBuild } from './wordpress/builds';
import { loginToWordPress } from './wordpress/login';
import { startWordPress, stopMariaDbIfStarted, type WordPressSite } from './wordpress/site';

const say = (line: string) => console.log(`[presspilot] ${line}`);

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** 7.1.0 when it can be had, else Debian's; Elementor's build for it when it can be had. */
async function chooseWordPress(): Promise<{ source: WordPressSource; elementorDir?: string }> {
  const forced = process.env.PRESSPILOT_START_SOURCE ? parseSource(process.env.PRESSPILOT_START_SOURCE) : undefined;
  let source: WordPressSource = forced ?? 'debian';
  if (!forced) {
    const core = await fillBuild(MATRIX['7.1.0'].core!);
    if ('dir' in core) source = '7.1.0';
    else say(`WordPress 7.1.0 is not available, using Debian's 6.1.9. ${core.missing}`);
  }
  const elementor = await fillBuild(MATRIX[source].elementor);
  if ('missing' in elementor) say(`Elementor is not available: ${elementor.missing}`);
  return { source, elementorDir: 'dir' in elementor ? elementor.dir : undefined };
}

/** The demo model writes a sample post on the blogger's topic, streamed like a real model. */
function startDemoModel(): Promise<OpenAITestServer> {
  return startOpenAITestServer({ models: [DEMO_MODEL] }).then((server) => {
    server.respondWith((request) => {
      // An outline and its sections get the server's own sample answers.
      if (isOutlineRequest(request) || isSectionRequest(request)) return undefined;
      const prompt = JSON.stringify(request.body?.messages ?? request.body?.input ?? '');
      const topic = /Write a blog post about this topic: ([^\\"]+)/.exec(prompt)?.[1]?.trim() || 'your post';
      return { kind: 'post', post: makePost({ topic, words: 900, title: `A Practical Guide to ${topic}` }), chunkChars: 12, delayMs: 15 };
    });
    return server;
  });
}

function realEndpoint(): Endpoint | undefined {
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey) return undefined;
  return { baseURL: process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL, apiKey, model: process.env.PRESSPILOT_MODEL ?? DEFAULT_MODEL };
}

const started: { site?: WordPressSite; server?: OpenAITestServer; browser?: ExtensionBrowser } = {};
let stopping: Promise<void> | undefined;

function stopAll(code: number): Promise<void> {
  stopping ??= (async () => {
    say('stopping: Chromium, the model server, WordPress and its database');
    await started.browser?.close().catch(() => undefined);
    await started.server?.close().catch(() => undefined);
    await started.site?.stop().catch(() => undefined);
    stopMariaDbIfStarted();
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('uncaughtException', (error) => { console.error(error); void stopAll(1); });
process.on('unhandledRejection', (error) => { console.error(error); void stopAll(1); });

try {
  const { source, elementorDir } = await chooseWordPress();
  const preferred = Number(process.env.PRESSPILOT_PORT ?? 8080);
  const port = await portIsFree(preferred) ? preferred : undefined;
  say(`starting WordPress (${MATRIX[source].label}${elementorDir ? ', with Elementor' : ''})`);
  started.site = await startWordPress({ source, host: 'localhost', port, elementorDir });

  let endpoint = realEndpoint();
  if (!endpoint) {
    started.server = await startDemoModel();
    endpoint = { baseURL: started.server.url, apiKey: 'demo', model: DEMO_MODEL };
    say('no OPENAI_API_KEY set: a demo model (the local test server) writes sample posts');
  }

  const headless = process.env.PRESSPILOT_HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
  if (headless && process.env.PRESSPILOT_HEADLESS !== '1') say('no display found: Chromium runs headless (run npm start on a desktop to see it)');
  started.browser = await launchExtension({ headless, closeOnSignals: false });
  started.browser.context.on('close', () => void stopAll(0));
  await configureEndpoint(started.browser, endpoint).catch((error: Error) => say(`the model endpoint did not answer the connection test: ${error.message}`));
  await allowSiteInOptions(started.browser, started.site.url);

  const editor = await started.browser.context.newPage();
  await loginToWordPress(editor, started.site);
  await editor.goto(`${started.site.url}/wp-admin/post-new.php`);
  await waitForBlockEditor(editor);
  await Promise.all(started.browser.context.pages().filter((page) => page !== editor).map((page) => page.close()));

  say(`ready: ${started.site.url}/wp-admin/post-new.php (user ${started.site.admin.user}, password ${started.site.admin.password})`);
  say(`model: ${endpoint.model} at ${endpoint.baseURL}`);
  say(`DevTools: http://127.0.0.1:${started.browser.debugPort}`);
  say('click the PressPilot button in the toolbar, type a topic, Generate. Ctrl+C stops everything.');
} catch (error) {
  console.error(`[presspilot] could not start: ${(error as Error).message}`);
  await stopAll(1);
}
