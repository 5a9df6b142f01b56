/** The toolbar badge: editor detected, words written while it runs, done or failed. */
import { browser } from 'wxt/browser';
import type { EditorStatus, JobState } from '../messaging/protocol';

const detected = new Set<number>();

function shortCount(words: number): string {
  return words >= 1000 ? `${(words / 1000).toFixed(words >= 10_000 ? 0 : 1)}k` : String(words);
}

export function badgeFor(job: JobState | null, editorDetected: boolean): { text: string; color: string } {
  if (!job) return editorDetected ? { text: '•', color: '#2271b1' } : { text: '', color: '#2271b1' };
  switch (job.phase) {
    case 'done': return { text: '✓', color: '#008a20' };
    case 'failed': return { text: '!', color: '#d63638' };
    case 'cancelled': return { text: editorDetected ? '•' : '', color: '#2271b1' };
    case 'review': return { text: '?', color: '#dba617' };
    default: return { text: job.words > 0 ? shortCount(job.words) : '…', color: '#2271b1' };
  }
}

export async function updateBadge(tabId: number, job: JobState | null): Promise<void> {
  const { text, color } = badgeFor(job, detected.has(tabId));
  await Promise.all([
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setBadgeBackgroundColor({ tabId, color }),
  ]).catch(() => undefined); // the tab may be gone
}

export async function markDetected(tabId: number, status: EditorStatus): Promise<void> {
  if (status.kind) detected.add(tabId);
  else detected.delete(tabId);
  await updateBadge(tabId, null);
}
