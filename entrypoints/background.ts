import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { describeError } from '../lib/generation/model-errors';
import { PressPilotError } from '../lib/errors';
import { createJobRunner, createOpenAIClient } from '../lib/jobs/job-runner';
import { answerLater, isExtensionPage, sendToTab } from '../lib/messaging/messaging';
import { BackgroundRequestSchema, ContentEventSchema, JobStateSchema, type BackgroundResponse } from '../lib/messaging/protocol';
import { apiKeyItem, jobItem, loadHistory, loadJob, loadSettings, loadUndo, rememberInHistory, settingsItem, undoItem } from '../lib/storage/storage';
import { testConnection } from '../lib/generation/connection';
import { EDITOR_LABELS } from '../lib/editors/adapter';
import { markDetected, updateBadge } from '../lib/jobs/badge';
import { registerEditorScripts } from '../lib/storage/site-access';

export default defineBackground(() => {
  // Registered scripts outlive the worker and browser restarts; an install or update refreshes them.
  browser.runtime.onInstalled.addListener(() => {
    void registerEditorScripts(browser.scripting).catch((error) => console.error('PressPilot could not register its editor scripts', error));
  });

  const runner = createJobRunner({
    jobs: {
      get: loadJob,
      set: (tabId, job) => (job ? jobItem(tabId).setValue(job) : jobItem(tabId).removeValue()),
      async all() {
        const everything = await storage.snapshot('session');
        return Object.entries(everything)
          .filter(([key]) => key.startsWith('job:'))
          .flatMap(([, value]) => { const parsed = JobStateSchema.safeParse(value); return parsed.success ? [parsed.data] : []; });
      },
    },
    undo: { get: loadUndo, set: (tabId, snapshot) => (snapshot ? undoItem(tabId).setValue(snapshot) : undoItem(tabId).removeValue()) },
    loadSettings,
    saveSettings: (settings) => settingsItem.setValue(settings),
    loadApiKey: () => apiKeyItem.getValue(),
    sendToTab,
    async prepareTab(tabId) {
      try {
        await browser.scripting.executeScript({ target: { tabId }, files: ['/converters.js'] });
      } catch {
        throw new PressPilotError('no-editor', 'PressPilot cannot reach this page. Reload it, or allow PressPilot on this site, then try again.', true);
      }
    },
    createClient: createOpenAIClient,
    remember: rememberInHistory,
    loadHistory,
    // An extension API call now and then keeps the worker alive while a model is still thinking.
    onBusyChange: (busy) => {
      clearInterval(keepAlive);
      if (busy) keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
    },
  });
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  // A fresh worker owns no running job: whatever storage says is running was cut off.
  const recovered = runner.recoverInterrupted();

  browser.storage.session.onChanged.addListener((changes) => {
    for (const [key, change] of Object.entries(changes)) {
      if (!key.startsWith('job:')) continue;
      const job = JobStateSchema.safeParse(change.newValue);
      void updateBadge(Number(key.slice(4)), job.success ? job.data : null);
    }
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Content scripts only report what they detected; nothing from a web page can start work.
    if (!isExtensionPage(sender)) {
      const event = ContentEventSchema.safeParse(message);
      const tabId = sender.tab?.id;
      if (!event.success || tabId === undefined) return undefined;
      if (event.data.type === 'editor/opened') {
        void recovered.then(() => runner.pageLoaded(tabId));
      } else {
        void browser.action.setTitle({ tabId, title: event.data.status.kind ? `PressPilot: ${EDITOR_LABELS[event.data.status.kind]} detected` : 'PressPilot' });
        void markDetected(tabId, event.data.status);
      }
      return undefined;
    }
    const request = BackgroundRequestSchema.safeParse(message);
    if (!request.success) return undefined;
    return answerLater((async (): Promise<BackgroundResponse> => {
      await recovered;
      const data = request.data;
      try {
        switch (data.type) {
          case 'worker/ping': return { ok: true, runsJob: runner.runs(data.tabId) };
          case 'job/start': await runner.start(data.tabId, data.request); break;
          case 'job/cancel': await runner.cancel(data.tabId); break;
          case 'job/apply': await runner.apply(data.tabId, data.choices); break;
          case 'job/undo': await runner.undo(data.tabId); break;
          case 'job/dismiss': await runner.dismiss(data.tabId); break;
          case 'job/keep': await runner.keep(data.tabId); break;
          case 'job/resume': await runner.resume(data.tabId); break;
          case 'job/outline': await runner.keepOutline(data.tabId, data.outline); break;
          case 'history/apply': await runner.putBack(data.tabId, data.entryId); break;
          case 'connection/test':
          case 'models/list':
            return { ok: true, connection: await testConnection(await loadSettings(), await apiKeyItem.getValue(), data.type === 'models/list') };
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    })(), sendResponse);
  });

  // A closed tab's job and undo snapshot go with it.
  browser.tabs.onRemoved.addListener((tabId) => {
    void runner.dismiss(tabId);
    void undoItem(tabId).removeValue();
  });
});
