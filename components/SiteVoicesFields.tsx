import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { SiteVoice } from '../lib/generation/templates';
import { allowedSites, siteLabel } from '../lib/storage/site-access';

/** Each allowed site's house style, which every generation and rewrite on it follows. */
export function SiteVoicesFields({ value, onChange }: { value: SiteVoice[]; onChange(next: SiteVoice[]): void }) {
  const [sites, setSites] = useState<string[] | null>(null);
  useEffect(() => {
    const load = () => void allowedSites(browser.permissions).then((patterns) => setSites(patterns.map(siteLabel)));
    load();
    browser.permissions.onAdded.addListener(load);
    browser.permissions.onRemoved.addListener(load);
    return () => {
      browser.permissions.onAdded.removeListener(load);
      browser.permissions.onRemoved.removeListener(load);
    };
  }, []);
  if (!sites) return <p className="muted">Loading…</p>;
  if (sites.length === 0) return <p className="muted">Allow a site below to give it a house style.</p>;
  const set = (origin: string, guidelines: string) => onChange([...value.filter((voice) => voice.origin !== origin), ...(guidelines ? [{ origin, guidelines }] : [])]);
  return (
    <div className="stack">
      {sites.map((origin) => (
        <div className="field" key={origin}>
          <label htmlFor={`voice-${origin}`}>House style for {origin}</label>
          <textarea id={`voice-${origin}`} rows={3} maxLength={4000} value={value.find((voice) => voice.origin === origin)?.guidelines ?? ''}
            placeholder="Audience, tone, words to avoid, house style, internal links to prefer" onChange={(event) => set(origin, event.target.value)} />
        </div>
      ))}
    </div>
  );
}
