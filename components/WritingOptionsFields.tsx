import { LENGTH_LABELS, LENGTHS, TONES, type LengthName, type WritingOptions } from '../lib/generation/writing';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function WritingOptionsFields({ value, onChange }: { value: WritingOptions; onChange(next: WritingOptions): void }) {
  return (
    <div className="row">
      <label>
        Tone
        <select value={value.tone} onChange={(event) => onChange({ ...value, tone: event.target.value as WritingOptions['tone'] })}>
          {TONES.map((tone) => <option key={tone} value={tone}>{capitalize(tone)}</option>)}
        </select>
      </label>
      <label>
        Length
        <select value={value.length} onChange={(event) => onChange({ ...value, length: event.target.value as LengthName })}>
          {(Object.keys(LENGTHS) as LengthName[]).map((length) => (
            <option key={length} value={length}>{LENGTH_LABELS[length]} (~{LENGTHS[length].toLocaleString('en')} words)</option>
          ))}
        </select>
      </label>
      <label>
        Language
        <input value={value.language} maxLength={40} onChange={(event) => onChange({ ...value, language: event.target.value })} />
      </label>
    </div>
  );
}
