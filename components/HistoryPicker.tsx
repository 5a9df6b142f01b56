import { useEffect, useState } from 'react';
import { searchHistory, type HistoryEntry } from '../lib/storage/history';
import { loadHistory } from '../lib/storage/storage';

/** The popup's way back to a past post: found by its words, put into the open editor as one undo step. */
export function HistoryPicker({ onPutBack }: { onPutBack(entryId: string): void }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => void loadHistory().then(setEntries), []);
  if (entries.length === 0) return null;
  const found = searchHistory(entries, query).slice(0, 8);
  return (
    <details className="history-picker">
      <summary>Put a past post in the editor</summary>
      <div className="stack">
        <label>
          Search past posts
          <input type="search" value={query} placeholder="Words from the topic, title or text" onChange={(event) => setQuery(event.target.value)} />
        </label>
        {found.length === 0 ? <p className="muted">Nothing matches.</p> : (
          <ul className="past-posts" aria-label="Past posts">
            {found.map((entry) => (
              <li key={entry.id}>
                <span>{entry.title}</span>
                <button type="button" aria-label={`Put “${entry.title}” in the editor`} onClick={() => onPutBack(entry.id)}>Put in</button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
