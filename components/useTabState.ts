import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToBackground, sendToTab } from '../lib/messaging/messaging';
import { isRunning, JobStateSchema, type EditorStatus, type JobState } from '../lib/messaging/protocol';
import { apiKeyItem, jobItem, loadJob, loadSettings, type Settings } from '../lib/storage/storage';
import { DEFAULT_BASE_URL } from '../lib/generation/endpoint-defaults';
import { INTERRUPTED, type UserError } from '../lib/errors';
import { hasSiteAccess } from '../lib/storage/site-access';
import { watchWorker } from '../lib/jobs/worker-watch';

/** The tab the popup was opened over: as after a click on the toolbar button. */
export function useActiveTabId(): number | null | undefined {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id ?? null));
  }, []);
  return tabId;
}

export interface TabPage { url: string | undefined; granted: boolean }

/** The tab's address (when Chrome shows it to PressPilot) and whether its site is allowed. */
export function useTabPage(tabId: number): { page: TabPage | undefined; recheck(): void } {
  const [page, setPage] = useState<TabPage | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    // A tab closed meanwhile is a page without an address.
    void browser.tabs.get(tabId).then(async (tab) => setPage({ url: tab.url, granted: await hasSiteAccess(browser.permissions, tab.url) }),
      () => setPage({ url: undefined, granted: false }));
  }, [tabId, round]);
  return { page, recheck: () => setRound((value) => value + 1) };
}

export type EditorProbe = { status: EditorStatus } | { error: UserError } | undefined;

/** Asks the tab's content script which editor it has, again every half second until it is ready. */
export function useEditorStatus(tabId: number | null | undefined): EditorProbe {
  const [probe, setProbe] = useState<EditorProbe>(undefined);
  useEffect(() => {
    if (tabId == null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const ask = async () => {
      const response = await sendToTab(tabId, { type: 'editor/status' });
      if (cancelled) return;
      if (!response.ok) setProbe({ error: response.error });
      else if ('status' in response) {
        setProbe({ status: response.status });
        if (response.status.kind && !response.status.ready) timer = setTimeout(ask, 500);
      }
    };
    void ask();
    return () => { cancelled = true; clearTimeout(timer); };
  }, [tabId]);
  return probe;
}

/** The tab's job as the background keeps it in session storage, live. */
export function useJob(tabId: number | null | undefined): JobState | null | undefined {
  const [job, setJob] = useState<JobState | null | undefined>(undefined);
  useEffect(() => {
    if (tabId == null) return;
    void loadJob(tabId).then(setJob);
    return jobItem(tabId).watch((value) => {
      const parsed = JobStateSchema.safeParse(value);
      setJob(parsed.success ? parsed.data : null);
    });
  }, [tabId]);
  // A worker the browser stopped mid-job says nothing; a ping wakes it, and it reports the job.
  // One that stays silent, or no longer runs the job, gets it reported here (lib/jobs/worker-watch.ts).
  const runningJobId = job && isRunning(job) ? job.id : undefined;
  useEffect(() => {
    if (tabId == null || !runningJobId) return;
    return watchWorker({
      ping: async () => {
        const answer = await sendToBackground({ type: 'worker/ping', tabId });
        return answer.ok && answer.runsJob !== false;
      },
      onLost: () => void reportInterrupted(tabId, runningJobId),
    });
  }, [tabId, runningJobId]);
  return job;
}

/**
 * Marks the job interrupted, unless it finished or was replaced meanwhile, and takes what it had
 * streamed into the editor away again: the post is as it was before.
 */
async function reportInterrupted(tabId: number, jobId: string): Promise<void> {
  const current = await loadJob(tabId);
  if (current?.id !== jobId || !isRunning(current)) return;
  await jobItem(tabId).setValue({ ...current, phase: 'failed', error: INTERRUPTED, updatedAt: Date.now() });
  if (current.request.mode === 'generate') await sendToTab(tabId, { type: 'editor/stream-end', streamId: jobId });
}

export interface SetupState { settings: Settings; configured: boolean }

export function useSettings(): SetupState | undefined {
  const [state, setState] = useState<SetupState | undefined>(undefined);
  useEffect(() => {
    void Promise.all([loadSettings(), apiKeyItem.getValue()]).then(([settings, key]) => {
      // A local endpoint needs no key; OpenAI's default does.
      setState({ settings, configured: key !== '' || settings.baseURL !== DEFAULT_BASE_URL });
    });
  }, []);
  return state;
}
