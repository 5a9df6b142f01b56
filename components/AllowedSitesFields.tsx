import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { allowedSites, removeSiteAccess, requestSiteAccess, siteLabel, sitePattern } from '../lib/storage/site-access';

/** The options page's list of WordPress sites PressPilot may work on, to add to and remove from. */
export function AllowedSitesFields() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const load = () => void allowedSites(browser.permissions).then(setSites);
    load();
    browser.permissions.onAdded.addListener(load);
    browser.permissions.onRemoved.addListener(load);
    return () => {
      browser.permissions.onAdded.removeListener(load);
      browser.permissions.onRemoved.removeListener(load);
    };
  }, []);

  const allow = (event: FormEvent) => {
    event.preventDefault();
    const pattern = sitePattern(address.trim());
    if (!pattern) return setNotice({ ok: false, text: 'Type your site’s address, like https://example.com.' });
    void requestSiteAccess(browser.permissions, address.trim()).then((granted) => {
      setNotice(granted
        ? { ok: true, text: `Allowed on ${siteLabel(pattern)}. Reload its editor pages that are already open.` }
        : { ok: false, text: 'Not allowed: the permission was declined.' });
      if (granted) setAddress('');
    });
  };

  return (
    <form onSubmit={allow} className="stack">
      <fieldset>
        <legend>WordPress sites</legend>
        <p className="muted">PressPilot runs only on the post editor pages of the sites allowed here. You can also allow a site from the toolbar button while one of its posts is open.</p>
        {sites && sites.length > 0 ? (
          <ul className="sites" aria-label="Allowed sites">
            {sites.map((pattern) => (
              <li key={pattern}>
                <span>{siteLabel(pattern)}</span>
                <button type="button" aria-label={`Remove ${siteLabel(pattern)}`} onClick={() => void removeSiteAccess(browser.permissions, pattern)}>Remove</button>
              </li>
            ))}
          </ul>
        ) : <p>{sites ? 'No site allowed yet.' : 'Loading…'}</p>}
        <div className="field">
          <label htmlFor="site-address">Site address</label>
          <span className="with-button">
            <input id="site-address" type="url" value={address} placeholder="https://example.com" onChange={(event) => setAddress(event.target.value)} />
            <button type="submit">Allow site</button>
          </span>
        </div>
        <p role="status" aria-live="polite" className={notice ? (notice.ok ? 'status ok' : 'status bad') : 'status'}>{notice?.text ?? ''}</p>
      </fieldset>
    </form>
  );
}
