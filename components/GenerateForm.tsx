import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { JobRequestSchema, type JobRequest } from '../lib/messaging/protocol';
import type { Settings } from '../lib/storage/storage';
import { outlineByDefault } from '../lib/generation/writing';
import { PostCostEstimate, sectionsPlannedFor } from './PostCostEstimate';
import { PostTypeSelect } from './PostTypeSelect';
import { HistoryPicker } from './HistoryPicker';
import { WritingOptionsFields } from './WritingOptionsFields';

export function GenerateForm({ settings, onStart, onPutBack }: { settings: Settings; onStart(request: JobRequest): void; onPutBack(entryId: string): void }) {
  const [topic, setTopic] = useState('');
  const [options, setOptions] = useState(settings.writing);
  const [createMissingCategories, setCreateMissingCategories] = useState(settings.createMissingCategories);
  const [bodyMode, setBodyMode] = useState<'replace' | 'append'>('replace');
  const [featuredImage, setFeaturedImage] = useState(settings.featuredImage);
  const [template, setTemplate] = useState(settings.template);
  // Follows the length until the blogger decides for themselves.
  const [outlineChoice, setOutlineChoice] = useState<boolean | undefined>(undefined);
  const outlineFirst = outlineChoice ?? outlineByDefault(options.length);
  const [problem, setProblem] = useState('');

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = JobRequestSchema.safeParse({ mode: 'generate', topic, options, createMissingCategories, bodyMode, featuredImage, template, plan: outlineFirst ? 'outline' : 'at-once' });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Check the form.');
    setProblem('');
    onStart(parsed.data);
  };
  // Enter writes the post, Shift+Enter makes a new line.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) submit(event as unknown as FormEvent);
  };

  return (
    <form onSubmit={submit} className="stack">
      <label>
        Topic
        <textarea autoFocus rows={3} value={topic} onChange={(event) => setTopic(event.target.value)} onKeyDown={onKeyDown}
          placeholder="e.g. How to make a WordPress site fast with caching" aria-invalid={problem !== ''} aria-describedby="topic-problem" />
      </label>
      {problem && <p id="topic-problem" className="field-problem">{problem}</p>}
      <PostTypeSelect value={template} custom={settings.customTemplates} onChange={setTemplate} />
      <WritingOptionsFields value={options} onChange={setOptions} />
      <fieldset>
        <legend>Existing content</legend>
        <label className="inline"><input type="radio" name="body-mode" checked={bodyMode === 'replace'} onChange={() => setBodyMode('replace')} /> Replace it</label>
        <label className="inline"><input type="radio" name="body-mode" checked={bodyMode === 'append'} onChange={() => setBodyMode('append')} /> Add after it</label>
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={outlineFirst} onChange={(event) => setOutlineChoice(event.target.checked)} />
        Outline first (you shape the sections, then each is written on its own)
      </label>
      <label className="inline">
        <input type="checkbox" checked={createMissingCategories} onChange={(event) => setCreateMissingCategories(event.target.checked)} />
        Create categories the site lacks
      </label>
      <label className="inline">
        <input type="checkbox" checked={featuredImage} onChange={(event) => setFeaturedImage(event.target.checked)} />
        Featured image (one image from {settings.imageModel})
      </label>
      <button type="submit" className="primary" aria-describedby="cost-estimate">{outlineFirst ? 'Plan the outline' : 'Generate'}</button>
      <PostCostEstimate settings={settings} length={options.length} {...(outlineFirst ? { sections: sectionsPlannedFor(options.length) } : {})} />
      <HistoryPicker onPutBack={onPutBack} />
    </form>
  );
}
