import { useRef, useState } from 'react';
import { addSection, changeSection, checkEditedOutline, moveSection, removeSection, type Outline, type OutlineSection } from '../lib/generation/outline';
import type { JobState } from '../lib/messaging/protocol';
import type { Settings } from '../lib/storage/storage';
import { PostCostEstimate } from './PostCostEstimate';

export interface OutlineActions {
  write(outline: Outline): void;
  /** Keeps an edit with the job: the popup closes at any click outside it. */
  keep(outline: Outline): void;
  writeAtOnce(): void;
  dismiss(): void;
}

function SectionRow({ section, index, count, onChange, onMove, onRemove }: {
  section: OutlineSection; index: number; count: number;
  onChange(change: Partial<OutlineSection>): void; onMove(by: number): void; onRemove(): void;
}) {
  const name = section.heading || `section ${index + 1}`;
  return (
    <li className="outline-section" data-level={section.level}>
      <div className="outline-heading">
        <select aria-label={`Level of ${name}`} value={section.level} onChange={(event) => onChange({ level: Number(event.target.value) as 2 | 3 })}>
          <option value={2}>H2</option>
          <option value={3}>H3</option>
        </select>
        <input type="text" aria-label={`Heading ${index + 1}`} value={section.heading} placeholder="Heading" onChange={(event) => onChange({ heading: event.target.value })} />
      </div>
      <input type="text" aria-label={`What “${name}” covers`} value={section.covers} placeholder="What it covers" onChange={(event) => onChange({ covers: event.target.value })} />
      <div className="buttons compact">
        <button type="button" aria-label={`Move “${name}” up`} disabled={index === 0} onClick={() => onMove(-1)}>↑</button>
        <button type="button" aria-label={`Move “${name}” down`} disabled={index === count - 1} onClick={() => onMove(1)}>↓</button>
        <button type="button" aria-label={`Delete “${name}”`} disabled={count === 1} onClick={onRemove}>Delete</button>
      </div>
    </li>
  );
}

/** The planned outline, for the blogger to shape before anything is written. */
export function OutlineEditor({ job, settings, actions }: { job: JobState; settings: Settings; actions: OutlineActions }) {
  const [outline, setOutline] = useState<Outline>(job.outline!);
  const [problem, setProblem] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const change = (next: Outline) => {
    setOutline(next);
    // An edit half made (a new section not named yet) is kept once it is a valid outline again.
    const checked = checkEditedOutline(next);
    if (checked.ok) actions.keep(checked.outline);
  };
  const setSections = (sections: OutlineSection[]) => change({ ...outline, sections });
  // Focus follows a moved section's button, so the keyboard can keep moving it.
  const move = (index: number, by: number) => {
    setSections(moveSection(outline.sections, index, by));
    const to = Math.max(0, Math.min(outline.sections.length - 1, index + by));
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLElement>('.outline-section')[to]?.querySelector<HTMLButtonElement>(`button:nth-child(${by < 0 ? 1 : 2}):not(:disabled)`)?.focus());
  };
  const add = () => {
    setSections(addSection(outline.sections));
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('.outline-section:last-child input[type="text"]')?.focus());
  };
  const write = () => {
    const checked = checkEditedOutline(outline);
    if (!checked.ok) return setProblem(checked.problem);
    setProblem('');
    actions.write(checked.outline);
  };
  const length = job.request.options.length;
  return (
    <section className="stack" aria-labelledby="outline-heading">
      <p id="outline-heading" role="status" className="status">The outline is ready. Shape it, then Write.</p>
      <label>
        Title
        <input type="text" value={outline.title} onChange={(event) => change({ ...outline, title: event.target.value })} />
      </label>
      <label>
        Meta description
        <textarea rows={2} value={outline.metaDescription} onChange={(event) => change({ ...outline, metaDescription: event.target.value })} />
      </label>
      <ol ref={list} className="outline" aria-label="Sections">
        {outline.sections.map((section, index) => (
          <SectionRow key={index} section={section} index={index} count={outline.sections.length}
            onChange={(change) => setSections(changeSection(outline.sections, index, change))}
            onMove={(by) => move(index, by)} onRemove={() => setSections(removeSection(outline.sections, index))} />
        ))}
      </ol>
      <button type="button" onClick={add}>Add section</button>
      {problem && <p role="alert" className="field-problem">{problem}</p>}
      <div className="buttons">
        <button type="button" className="primary" onClick={write} aria-describedby="cost-estimate">Write</button>
        <button type="button" onClick={actions.writeAtOnce}>Write it all at once</button>
        <button type="button" onClick={actions.dismiss}>Dismiss</button>
      </div>
      <PostCostEstimate settings={settings} length={length} sections={outline.sections.length} />
    </section>
  );
}
