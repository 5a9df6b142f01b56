import { useEffect, useRef, useState } from 'react';
import type { JobState, ReviewChoices } from '../lib/messaging/protocol';
import { formatUsage, priceFor } from '../lib/generation/cost';
import type { Settings } from '../lib/storage/storage';

const RUNNING_LABELS: Partial<Record<JobState['phase'], string>> = {
  reading: 'Reading the post…',
  planning: 'Planning the outline…',
  connecting: 'Connecting to the model…',
  repairing: 'Fixing the format…',
  applying: 'Putting it into the editor…',
};

export interface JobActions {
  cancel(): void;
  retry(): void;
  apply(choices?: ReviewChoices): void;
  undo(): void;
  dismiss(): void;
  keep(): void;
}

function PartialText({ text, follow }: { text: string; follow: boolean }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text, follow]);
  if (!text) return null;
  return <pre ref={box} className="partial" tabIndex={0} aria-label="Text written so far">{text}</pre>;
}

/** " section 3 of 8" while an outlined post is written. */
function sectionAt(job: JobState): string {
  const outline = job.request.mode === 'generate' ? job.request.outline : undefined;
  if (!outline) return '';
  return ` section ${Math.min((job.sections?.length ?? 0) + 1, outline.sections.length)} of ${outline.sections.length}`;
}

/** The section an outlined post broke off in, for its Retry button. */
function failedSection(job: JobState): string | undefined {
  const outline = job.request.mode === 'generate' ? job.request.outline : undefined;
  return job.sections?.length ? outline?.sections[job.sections.length]?.heading : undefined;
}

export function RunningJob({ job, actions }: { job: JobState; actions: JobActions }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') actions.cancel(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
  const label = job.phase === 'writing' ? `Writing${sectionAt(job)}… ${job.words.toLocaleString('en')} words`
    : job.imagePending ? 'Written. Drawing the featured image…' : RUNNING_LABELS[job.phase] ?? 'Working…';
  return (
    <section className="stack">
      <p role="status" aria-live="polite" className="status">{label}</p>
      <div className="progress" aria-hidden="true"><div /></div>
      <PartialText text={job.partialBody} follow />
      {/* Once the post is written, only the image can still be stopped: the post goes in without it. */}
      <button type="button" onClick={actions.cancel} disabled={job.phase === 'applying' && !job.imagePending}>{job.imagePending ? 'Skip the image' : 'Cancel'}</button>
    </section>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>
      {copied ? 'Copied' : 'Copy text'}
    </button>
  );
}

export function FailedJob({ job, actions }: { job: JobState; actions: JobActions }) {
  const canRetry = job.phase === 'cancelled' || job.error?.retryable !== false;
  return (
    <section className="stack">
      <div role="alert" className="alert">{job.error?.message ?? 'Cancelled. Nothing was changed in your post.'}</div>
      <PartialText text={job.partialBody} follow={false} />
      <div className="buttons">
        {canRetry && <button type="button" className="primary" onClick={actions.retry}>{failedSection(job) ? `Retry from “${failedSection(job)}”` : 'Retry'}</button>}
        {job.result && !job.applied && job.error?.code !== 'page-changed' && <button type="button" onClick={() => actions.apply()}>Apply anyway</button>}
        {!job.result && job.request.mode === 'generate' && job.partialBody.trim() && <button type="button" onClick={actions.keep}>Keep what was written</button>}
        {job.partialBody && <CopyButton text={job.partialBody} />}
        <button type="button" onClick={actions.dismiss}>Dismiss</button>
      </div>
    </section>
  );
}

export function DoneJob({ job, settings, actions }: { job: JobState; settings: Settings; actions: JobActions }) {
  const report = job.report;
  const facts = [
    job.usage ? formatUsage(job.usage, priceFor(settings.model, settings.prices)) : '',
    report?.seo ? `${report.seo}.` : '',
    report?.slug ? `Address: /${report.slug}/` : '',
    report?.image ?? '',
    report?.tagsCreated.length ? `New tags: ${report.tagsCreated.join(', ')}.` : '',
    report?.categoriesCreated.length ? `New categories: ${report.categoriesCreated.join(', ')}.` : '',
    report?.categoriesSkipped.length ? `Skipped categories the site lacks: ${report.categoriesSkipped.join(', ')}.` : '',
    ...(report?.warnings ?? []),
  ].filter(Boolean);
  return (
    <section className="stack">
      <p role="status" className="status ok">Written into the editor. Review it and save when you’re happy.</p>
      {facts.length > 0 && <ul className="facts">{facts.map((fact) => <li key={fact}>{fact}</li>)}</ul>}
      <div className="buttons">
        {job.canUndo && <button type="button" onClick={actions.undo}>Undo</button>}
        <button type="button" className="primary" onClick={actions.dismiss}>New post</button>
      </div>
    </section>
  );
}
