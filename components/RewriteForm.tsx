import { useState, type FormEvent } from 'react';
import { REWRITE_PRESETS, type RewritePreset } from '../lib/generation/writing';
import { JobRequestSchema, type JobRequest } from '../lib/messaging/protocol';
import type { Settings } from '../lib/storage/storage';
import { WritingOptionsFields } from './WritingOptionsFields';

const PRESET_LABELS: Record<RewritePreset, string> = {
  clarity: 'Improve clarity',
  longer: 'Make it longer and more detailed',
  shorter: 'Shorten',
  code: 'Fix code samples',
  seo: 'Make it SEO-friendly',
  tone: 'Change tone',
};

export function RewriteForm({ settings, onStart }: { settings: Settings; onStart(request: JobRequest): void }) {
  const [instructions, setInstructions] = useState('');
  const [presets, setPresets] = useState<RewritePreset[]>([]);
  const [scope, setScope] = useState<'body' | 'all'>('body');
  const [options, setOptions] = useState(settings.writing);
  const [featuredImage, setFeaturedImage] = useState(settings.featuredImage);

  const toggle = (preset: RewritePreset, on: boolean) => setPresets((current) => (on ? [...current, preset] : current.filter((item) => item !== preset)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart(JobRequestSchema.parse({ mode: 'rewrite', instructions, presets, scope, options, createMissingCategories: settings.createMissingCategories, featuredImage: scope === 'all' && featuredImage }));
  };

  return (
    <form onSubmit={submit} className="stack">
      <label>
        Instructions
        <textarea rows={3} value={instructions} onChange={(event) => setInstructions(event.target.value)} placeholder="Optional, e.g. add a section on caching plugins" />
      </label>
      <fieldset className="presets">
        <legend>Presets</legend>
        {(Object.keys(REWRITE_PRESETS) as RewritePreset[]).map((preset) => (
          <label key={preset} className="inline">
            <input type="checkbox" checked={presets.includes(preset)} onChange={(event) => toggle(preset, event.target.checked)} /> {PRESET_LABELS[preset]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>What to rewrite</legend>
        <label className="inline"><input type="radio" name="scope" checked={scope === 'body'} onChange={() => setScope('body')} /> Body only</label>
        <label className="inline"><input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Title, excerpt, tags and categories too</label>
        {/* A new image goes with a new title; a body-only rewrite keeps the post's. */}
        {scope === 'all' && (
          <label className="inline">
            <input type="checkbox" checked={featuredImage} onChange={(event) => setFeaturedImage(event.target.checked)} />
            New featured image (one image from {settings.imageModel})
          </label>
        )}
      </fieldset>
      <WritingOptionsFields value={options} onChange={setOptions} />
      <button type="submit" className="primary">Rewrite</button>
    </form>
  );
}
