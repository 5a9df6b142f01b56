import { useEffect, useState } from 'react';
import { entryAsMarkdown, searchHistory, type HistoryEntry } from '../lib/storage/history';
import { historyItem, loadHistory } from '../lib/storage/storage';

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The options page's history: the last generations and rewrites, searchable, each to copy. */
export function HistoryPanel() {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    void loadHistory().then(setEntries);
    return historyItem.watch(() => void loadHistory().then(setEntries));
  }, []);
  const copy = async (entry: HistoryEntry) => {
    await navigator.clipboard.writeText(entryAsMarkdown(entry));
    setNotice(`Copied “${entry.title}” as Markdown.`);
  };
  const found = entries ? searchHistory(entries, query) : [];
  return (
    <section className="stack" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p className="muted">The last 50 posts PressPilot wrote or rewrote, kept only in this browser.</p>
      <div className="field">
        <label htmlFor="history-search">Search the history</label>
        <input id="history-search" type="search" value={query} placeholder="Words from the topic, title, site, tags or text" onChange={(event) => setQuery(event.target.value)} />
      </div>
      {!entries ? <p className="muted">Loading…</p> : found.length === 0 ? <p>{entries.length ? 'Nothing matches.' : 'Nothing yet.'}</p> : (
        <ul className="sites" aria-label="Past posts">
          {found.map((entry) => (
            <li key={entry.id}>
              <span><strong>{entry.title}</strong> · {entry.kind === 'generate' ? 'written' : 'rewritten'} {when(entry.at)} on {entry.site || 'an unknown site'} with {entry.model}</span>
              <button type="button" aria-label={`Copy ${entry.title}`} onClick={() => void copy(entry)}>Copy</button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite" className="status ok">{notice}</p>
    </section>
  );
}
