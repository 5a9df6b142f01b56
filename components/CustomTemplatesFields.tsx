import { useState } from 'react';
import type { CustomTemplate } from '../lib/generation/templates';

/** The options page's own post types: a name and instructions each, kept with the settings. */
export function CustomTemplatesFields({ value, onChange }: { value: CustomTemplate[]; onChange(next: CustomTemplate[]): void }) {
  const [name, setName] = useState('');
  const [instructions, setInstructions] = useState('');
  const add = () => {
    if (!name.trim() || !instructions.trim()) return;
    onChange([...value, { id: `custom-${crypto.randomUUID()}`, name: name.trim(), instructions: instructions.trim() }]);
    setName('');
    setInstructions('');
  };
  return (
    <div className="stack">
      {value.length > 0 && (
        <ul className="sites" aria-label="Your post types">
          {value.map((template) => (
            <li key={template.id}>
              <span><strong>{template.name}</strong>: {template.instructions}</span>
              <button type="button" aria-label={`Remove ${template.name}`} onClick={() => onChange(value.filter((item) => item.id !== template.id))}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="template-name">New post type</label>
        <input id="template-name" value={name} maxLength={60} placeholder="e.g. Recipe" onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="template-instructions">Its instructions</label>
        <textarea id="template-instructions" rows={3} value={instructions} maxLength={2000} placeholder="e.g. Ingredients as a list, then numbered steps, then storage tips." onChange={(event) => setInstructions(event.target.value)} />
      </div>
      <div><button type="button" onClick={add} disabled={!name.trim() || !instructions.trim()}>Add post type</button></div>
    </div>
  );
}
