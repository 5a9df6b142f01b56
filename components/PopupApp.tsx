import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { EDITOR_LABELS } from '../lib/editors/adapter';
import { sendToBackground } from '../lib/messaging/messaging';
import { isRunning, type JobRequest, type ReviewChoices } from '../lib/messaging/protocol';
import type { UserError } from '../lib/errors';
import { DoneJob, FailedJob, RunningJob, type JobActions } from './JobView';
import { ReviewJob } from './RewriteReview';
import { GenerateForm } from './GenerateForm';
import { OutlineEditor, type OutlineActions } from './OutlineEditor';
import { SiteAccessPanel } from './SiteAccessPanel';
import { RewriteForm } from './RewriteForm';
import { useActiveTabId, useEditorStatus, useJob, useSettings } from './useTabState';
import { DEMO_MODEL } from '../lib/generation/endpoint-defaults';
import './popup.css';

const MODES = [{ id: 'generate', label: 'New post' }, { id: 'rewrite', label: 'Rewrite this post' }] as const;
type Mode = (typeof MODES)[number]['id'];

function ModeTabs({ mode, onChange }: { mode: Mode; onChange(mode: Mode): void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  // Arrow keys move between tabs, as in any tab list.
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = (index + (event.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length;
    onChange(MODES[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="What to do" className="tabs">
      {MODES.map((item, index) => (
        <button key={item.id} ref={(element) => { refs.current[index] = element; }} type="button" role="tab" id={`tab-${item.id}`}
          aria-selected={mode === item.id} aria-controls="mode-panel" tabIndex={mode === item.id ? 0 : -1}
          onClick={() => onChange(item.id)} onKeyDown={(event) => onKeyDown(event, index)}>
          {item.label}
        </button>
      ))}
    </div>
  );
}

export function PopupApp() {
  const tabId = useActiveTabId();
  const probe = useEditorStatus(tabId);
  const job = useJob(tabId);
  const setup = useSettings();
  const [mode, setMode] = useState<Mode>('generate');
  const [problem, setProblem] = useState<UserError | null>(null);

  const send = useCallback(async (message: Parameters<typeof sendToBackground>[0]) => {
    const response = await sendToBackground(message);
    setProblem(response.ok ? null : response.error);
  }, []);
  const start = useCallback((request: JobRequest) => { if (tabId != null) void send({ type: 'job/start', tabId, request }); }, [tabId, send]);
  const actions: JobActions = useMemo(() => ({
    cancel: () => tabId != null && void send({ type: 'job/cancel', tabId }),
    // An outlined post goes on from the section that failed; the rest starts again.
    retry: () => { if (tabId != null && job) void send(job.sections?.length ? { type: 'job/resume', tabId } : { type: 'job/start', tabId, request: job.request }); },
    apply: (choices?: ReviewChoices) => tabId != null && void send({ type: 'job/apply', tabId, ...(choices ? { choices } : {}) }),
    undo: () => tabId != null && void send({ type: 'job/undo', tabId }),
    dismiss: () => tabId != null && void send({ type: 'job/dismiss', tabId }),
    keep: () => tabId != null && void send({ type: 'job/keep', tabId }),
  }), [tabId, job, send]);
  const outlineActions: OutlineActions = useMemo(() => ({
    write: (outline) => { if (job?.request.mode === 'generate') start({ ...job.request, outline }); },
    keep: (outline) => { if (tabId != null) void send({ type: 'job/outline', tabId, outline }); },
    writeAtOnce: () => { if (job?.request.mode === 'generate') start({ ...job.request, plan: 'at-once', outline: undefined }); },
    dismiss: actions.dismiss,
  }), [tabId, job, start, send, actions]);
  const putBack = useCallback((entryId: string) => { if (tabId != null) void send({ type: 'history/apply', tabId, entryId }); }, [tabId, send]);

  if (tabId === undefined || probe === undefined || job === undefined || setup === undefined) return <main className="popup"><p className="muted">Loading…</p></main>;

  const status = probe && 'status' in probe ? probe.status : null;
  if (!status?.kind) {
    return (
      <main className="popup">
        <h1>PressPilot</h1>
        {tabId != null && probe && 'error' in probe && probe.error.code === 'no-editor'
          ? <SiteAccessPanel tabId={tabId} />
          : <p>PressPilot works in the WordPress block editor, the classic editor and Elementor. Open a post there, then click PressPilot again.</p>}
        {probe && 'error' in probe && probe.error.code !== 'no-editor' && <p className="muted">{probe.error.message}</p>}
      </main>
    );
  }

  let body;
  if (!setup.configured) {
    body = (
      <section className="stack">
        <p>Set up your model first: the endpoint, your API key and the model to use.</p>
        <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>Open options</button>
      </section>
    );
  } else if (!status.ready) {
    body = <p role="status" className="status">The {EDITOR_LABELS[status.kind]} is still loading…</p>;
  } else if (job && isRunning(job)) {
    body = <RunningJob job={job} actions={actions} />;
  } else if (job && (job.phase === 'failed' || job.phase === 'cancelled')) {
    body = <FailedJob job={job} actions={actions} />;
  } else if (job?.phase === 'done') {
    body = <DoneJob job={job} settings={setup.settings} actions={actions} />;
  } else if (job?.phase === 'outline' && job.outline) {
    body = <OutlineEditor job={job} settings={setup.settings} actions={outlineActions} />;
  } else if (job?.phase === 'review' && job.result) {
    body = <ReviewJob job={job} actions={actions} />;
  } else {
    body = (
      <>
        <ModeTabs mode={mode} onChange={setMode} />
        <div id="mode-panel" role="tabpanel" aria-labelledby={`tab-${mode}`}>
          {mode === 'generate' ? <GenerateForm settings={setup.settings} onStart={start} onPutBack={putBack} /> : <RewriteForm settings={setup.settings} onStart={start} />}
        </div>
      </>
    );
  }

  return (
    <main className="popup">
      <header>
        <h1>PressPilot</h1>
        <span className="muted">{EDITOR_LABELS[status.kind]} detected</span>
      </header>
      {setup.configured && setup.settings.model === DEMO_MODEL && (
        <p role="note" className="demo-note">A demo model is writing: PressPilot’s local stand-in sends sample text, not AI. Set your own endpoint in the options to write for real.</p>
      )}
      {problem && <div role="alert" className="alert">{problem.message}</div>}
      {body}
    </main>
  );
}
