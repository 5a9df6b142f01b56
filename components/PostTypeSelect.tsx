import { TEMPLATES, type CustomTemplate } from '../lib/generation/templates';

/** The kind of post to write: the built-in types, then the blogger's own from the options. */
export function PostTypeSelect({ value, custom, onChange, label = 'Post type' }: { value: string; custom: readonly CustomTemplate[]; onChange(id: string): void; label?: string }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {[...TEMPLATES, ...custom].map((template) => <option key={template.id} value={template.id}>{template.name}</option>)}
      </select>
    </label>
  );
}
