/**
 * A finished rewrite, reviewed before anything is written: each field and each section of the
 * body with the old and the new version side by side, each with its own choice; Apply writes the
 * chosen mix as one undo step.
 */
import { useMemo, useState } from 'react';
import type { JobState } from '../lib/messaging/protocol';
import { diffParagraphs } from '../lib/content/diff';
import { pairSections, type SectionPair } from '../lib/content/sections';
import type { JobActions } from './JobView';

const PLACEHOLDER = /^\[\[keep:\d+\]\]$/;
/** A kept block's placeholder reads as what it is: the post's own block, unchanged. */
const shown = (text: string) => (PLACEHOLDER.test(text.trim()) ? '[A block kept as it was: embed, gallery, button or the like]' : text);

/** One changed section: the original with what goes marked, the rewrite with what comes marked. */
function SectionChoice({ pair, index, useRewrite, choose }: { pair: SectionPair; index: number; useRewrite: boolean; choose(value: boolean): void }) {
  const parts = diffParagraphs(pair.before ?? '', pair.after ?? '');
  const name = `section-${index}`;
  const label = pair.after === undefined ? 'Removed by the rewrite' : pair.before === undefined ? 'Added by the rewrite' : 'Changed';
  return (
    <fieldset className="section-choice">
      <legend>{label}</legend>
      <div className="side-by-side diff" tabIndex={0} aria-label={`Section ${index + 1}, old and new`}>
        <div>{parts.filter((part) => part.kind !== 'added').map((part, at) => <p key={at}>{part.kind === 'removed' ? <del>{shown(part.text)}</del> : shown(part.text)}</p>)}</div>
        <div>{parts.filter((part) => part.kind !== 'removed').map((part, at) => <p key={at}>{part.kind === 'added' ? <ins>{shown(part.text)}</ins> : shown(part.text)}</p>)}</div>
      </div>
      <label><input type="radio" name={name} checked={useRewrite} onChange={() => choose(true)} /> Accept</label>
      <label><input type="radio" name={name} checked={!useRewrite} onChange={() => choose(false)} /> Keep original</label>
    </fieldset>
  );
}

type FieldName = 'title' | 'excerpt' | 'tags' | 'categories';

export function ReviewJob({ job, actions }: { job: JobState; actions: JobActions }) {
  const result = job.result!;
  const pairs = useMemo(() => pairSections(job.before?.markdown ?? '', result.body), [job.before?.markdown, result.body]);
  const [sections, setSections] = useState<boolean[]>(() => pairs.map(() => true));
  const [fields, setFields] = useState<Record<FieldName, boolean>>({ title: true, excerpt: true, tags: true, categories: true });
  const everything = job.request.mode === 'rewrite' && job.request.scope === 'all';
  const field = (name: FieldName, label: string, value: string) => (
    <>
      <dt>{label}</dt>
      <dd>
        {value}
        <label className="use-new"><input type="checkbox" checked={fields[name]} onChange={(event) => setFields({ ...fields, [name]: event.target.checked })} /> Use it</label>
      </dd>
    </>
  );
  return (
    <section className="stack">
      <p role="status" className="status">Review the new version, then apply it. Undo stays available after.</p>
      {job.keptSummary && <p className="status">{job.keptSummary}</p>}
      <dl className="review">
        {everything ? <>
          {job.before && job.before.title !== result.title && <><dt>Old title</dt><dd><del>{job.before.title}</del></dd></>}
          {field('title', 'Title', result.title)}
          {field('excerpt', 'Meta description', result.metaDescription)}
          {field('tags', 'Tags', result.tags.join(', '))}
          {field('categories', 'Categories', result.categories.join(', '))}
        </> : <><dt>Title</dt><dd>{job.before?.title ?? result.title} (kept)</dd></>}
      </dl>
      {pairs.map((pair, index) => (pair.before === pair.after
        ? <p key={index} className="muted unchanged">Unchanged: {shown(pair.before ?? '').split('\n')[0]}</p>
        : <SectionChoice key={index} pair={pair} index={index} useRewrite={sections[index] ?? true} choose={(value) => setSections(sections.map((old, at) => (at === index ? value : old)))} />))}
      <div className="buttons">
        <button type="button" className="primary" onClick={() => actions.apply({ ...fields, sections })}>Apply</button>
        <button type="button" onClick={actions.dismiss}>Discard</button>
      </div>
    </section>
  );
}
