/** Page world: the site's REST API with the page's own login, whatever the editor loaded. */
import { restViaFetch, type RestRequest } from './wp-terms';

export interface RestWindow extends Window {
  wp?: { apiFetch?(options: { path: string; method?: string; data?: unknown; body?: BodyInit; keepalive?: boolean }): Promise<unknown> };
  wpApiSettings?: { root?: string; nonce?: string };
  ajaxurl?: string;
}

/**
 * wp.apiFetch where loaded (it carries the nonce); else fetch with the page's nonce, or one asked
 * of WordPress's own `rest-nonce` action (the classic editor and Elementor 3 on WordPress 6.1 have
 * neither). Every editor page is under wp-admin/, so the API is reached as ../index.php?rest_route=.
 */
export function restFromPage(win: RestWindow): RestRequest {
  let fallback: Promise<RestRequest> | undefined;
  const viaFetch = async () => {
    const settings = win.wpApiSettings;
    const ask = new URL(win.ajaxurl ?? 'admin-ajax.php', win.location.href);
    ask.searchParams.set('action', 'rest-nonce');
    const nonce = settings?.nonce ?? await win.fetch(ask, { credentials: 'same-origin' }).then((response) => (response.ok ? response.text() : '')).catch(() => '');
    return restViaFetch(settings?.root ?? new URL('../index.php?rest_route=/', win.location.href).href, nonce, win.fetch.bind(win));
  };
  // Looked up per call: these globals are defined after the adapter is made.
  return async (path, init) => {
    if (win.wp?.apiFetch) return win.wp.apiFetch({ path, method: init?.method, data: init?.data, body: init?.body, keepalive: init?.keepalive });
    fallback ??= viaFetch();
    return (await fallback)(path, init);
  };
}
