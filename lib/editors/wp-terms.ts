/** Tags and categories over the WordPress REST API, shared by the adapters that need it. */

export type Taxonomy = 'tags' | 'categories';
export interface Term { id: number; name: string }

/** A REST call with the editor page's login session and nonce; path like `/wp/v2/tags?search=x`. */
/** `keepalive`: the request outlives the page (sent as it closes). */
export type RestRequest = (path: string, init?: { method?: string; data?: unknown; body?: FormData; keepalive?: boolean }) => Promise<unknown>;

function decodeEntities(name: string): string {
  // REST returns term names HTML-escaped (&amp;); compare and show them as the user typed them.
  return name.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#0?39;/g, "'");
}

function asTerms(value: unknown): Term[] {
  if (!Array.isArray(value)) throw new Error('The site answered the terms request with something else than a list.');
  return value.map((item) => {
    const { id, name } = item as { id?: unknown; name?: unknown };
    if (typeof id !== 'number' || typeof name !== 'string') throw new Error('The site sent a malformed term.');
    return { id, name: decodeEntities(name) };
  });
}

export async function listTerms(request: RestRequest, taxonomy: Taxonomy): Promise<Term[]> {
  const terms: Term[] = [];
  for (let page = 1; page <= 10; page++) {
    const batch = asTerms(await request(`/wp/v2/${taxonomy}?per_page=100&page=${page}&_fields=id,name&orderby=id`));
    terms.push(...batch);
    if (batch.length < 100) break;
  }
  return terms;
}

export interface ResolvedTerms { terms: Term[]; created: string[]; skipped: string[] }

/** Finds each name case-insensitively; the ones the site lacks come back as skipped. */
export async function findTerms(request: RestRequest, taxonomy: Taxonomy, names: string[]): Promise<ResolvedTerms> {
  // Look every name up at once: each is a round trip to the site.
  const found = await Promise.all(names.map(async (name) => {
    const wanted = name.trim().toLocaleLowerCase();
    const matches = asTerms(await request(`/wp/v2/${taxonomy}?search=${encodeURIComponent(name.trim())}&per_page=100&_fields=id,name`));
    return { name, term: matches.find((term) => term.name.trim().toLocaleLowerCase() === wanted) };
  }));
  const result: ResolvedTerms = { terms: [], created: [], skipped: [] };
  for (const { name, term } of found) {
    if (!term) result.skipped.push(name);
    else if (!result.terms.some((known) => known.id === term.id)) result.terms.push(term);
  }
  return result;
}

/** Creates the terms a lookup did not find, all at once. */
export async function createMissing(request: RestRequest, taxonomy: Taxonomy, found: ResolvedTerms): Promise<ResolvedTerms> {
  const created = await Promise.all(found.skipped.map(async (name) => asTerms([await request(`/wp/v2/${taxonomy}`, { method: 'POST', data: { name: name.trim() } })])[0]!));
  return { terms: [...found.terms, ...created], created: created.map((term) => term.name), skipped: [] };
}

/** Finds each name case-insensitively; creates the missing ones only when `create` is set. */
export async function resolveTerms(request: RestRequest, taxonomy: Taxonomy, names: string[], create: boolean): Promise<ResolvedTerms> {
  const found = await findTerms(request, taxonomy, names);
  return create ? createMissing(request, taxonomy, found) : found;
}

/** A RestRequest over fetch with the login cookie and a REST nonce (pages without wp.apiFetch). */
export function restViaFetch(root: string, nonce: string, fetchImpl: typeof fetch): RestRequest {
  const base = root.endsWith('/') ? root : `${root}/`;
  return async (path, init) => {
    // Sites without pretty permalinks expose the API as ?rest_route=/wp/v2/...
    const url = base.includes('rest_route=')
      ? `${base.replace(/\/$/, '')}${path.replace('?', '&')}`
      : `${base}${path.replace(/^\//, '')}`;
    const response = await fetchImpl(url, {
      method: init?.method ?? 'GET',
      credentials: 'same-origin',
      keepalive: init?.keepalive,
      headers: { 'X-WP-Nonce': nonce, ...(init?.data !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(init?.data !== undefined ? { body: JSON.stringify(init.data) } : init?.body ? { body: init.body } : {}),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(`The site's REST API answered ${response.status}${body?.message ? `: ${body.message}` : ''}`) as Error & { status: number };
      error.status = response.status;
      throw error;
    }
    return body;
  };
}
