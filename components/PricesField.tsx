import { useState } from 'react';
import type { Price } from '../lib/generation/cost';

const asLines = (prices: readonly Price[]) => prices.map((price) => `${price.model}, ${price.inputPerMillion}, ${price.outputPerMillion}`).join('\n');

/** One model a line ("model, input, output" in US dollars per million tokens); a line that is not that is left out. */
function parsePrices(text: string): Price[] {
  return text.split('\n').flatMap((line) => {
    const [model, input, output] = line.split(',').map((part) => part.trim());
    const inputPerMillion = Number(input);
    const outputPerMillion = Number(output);
    return model && input && output && inputPerMillion >= 0 && outputPerMillion >= 0 ? [{ model, inputPerMillion, outputPerMillion }] : [];
  });
}

/** The price table behind the popup's cost estimate; an unknown model gets tokens only. */
export function PricesField({ value, onChange }: { value: readonly Price[]; onChange(next: Price[]): void }) {
  const [text, setText] = useState(() => asLines(value));
  return (
    <div className="field">
      <label htmlFor="prices">Prices</label>
      <textarea id="prices" rows={5} value={text} aria-describedby="prices-help" spellCheck={false}
        onChange={(event) => { setText(event.target.value); onChange(parsePrices(event.target.value)); }} />
      <span id="prices-help" className="help">One model a line: model, input price, output price, in US dollars per million tokens. A model id that starts with a listed one uses its prices.</span>
    </div>
  );
}
