import { useState } from 'react';
import { browser } from 'wxt/browser';
import { isEditorPage, requestSiteAccess, siteLabel, sitePattern } from '../lib/storage/site-access';
import { useTabPage } from './useTabState';

const EDITORS = 'PressPilot works in the WordPress block editor, the classic editor and Elementor.';

/**
 * The popup where PressPilot is not running on the tab: asks for the site, asks for a reload of a
 * page opened before the site was allowed, or says where PressPilot works.
 */
export function SiteAccessPanel({ tabId }: { tabId: number }) {
  const { page, recheck } = useTabPage(tabId);
  const [declined, setDeclined] = useState(false);
  if (page === undefined) return <p className="muted">Loading…</p>;

  const pattern = sitePattern(page.url);
  if (pattern && isEditorPage(page.url) && !page.granted) {
    const site = siteLabel(pattern);
    const allow = () => void requestSiteAccess(browser.permissions, page.url!).then((granted) => (granted ? recheck() : setDeclined(true)), () => setDeclined(true));
    return (
      <section className="stack">
        <p>PressPilot needs your permission to work on <strong>{site}</strong>. It runs only on this site’s post editor pages, and nowhere else.</p>
        <div className="buttons"><button type="button" className="primary" onClick={allow}>Allow on {new URL(site).host}</button></div>
        {declined && <p role="alert" className="alert">Not allowed, so PressPilot stays off this site. Click Allow again whenever you like.</p>}
      </section>
    );
  }
  if (pattern && isEditorPage(page.url)) {
    // Allowed after this page loaded: its scripts start with the next load, before the page's own.
    const reload = () => void browser.tabs.reload(tabId).then(() => window.close());
    return (
      <section className="stack">
        <p>PressPilot is allowed on this site. Reload this page to start it here; save your changes first, as reloading drops unsaved edits.</p>
        <div className="buttons"><button type="button" className="primary" onClick={reload}>Reload page</button></div>
      </section>
    );
  }
  if (page.url === undefined) {
    // Chrome shows the address only to extensions the tab's site allowed, or after a click on the button.
    return (
      <section className="stack">
        <p>{EDITORS} Open a post there, then click PressPilot again.</p>
        <p className="muted">Is this your WordPress editor? Allow your site in Options, then reload the page.</p>
        <div className="buttons"><button type="button" onClick={() => void browser.runtime.openOptionsPage()}>Open options</button></div>
      </section>
    );
  }
  return <p>{EDITORS} Open a post there, then click PressPilot again.</p>;
}
