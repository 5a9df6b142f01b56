import { describe, expect, it } from 'vitest';
import { restFromPage, type RestWindow } from '../../lib/editors/page-rest';
import { deleteMedia, uploadFeaturedImage } from '../../lib/editors/media';

/** An editor page without wp.apiFetch or wpApiSettings, as the classic editor on WordPress 6.1. */
function bareEditorPage() {
  const calls: Array<{ url: string; method: string; nonce?: string; body?: unknown }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, method: init?.method ?? 'GET', nonce: (init?.headers as Record<string, string> | undefined)?.['X-WP-Nonce'], body: init?.body });
    if (url.includes('action=rest-nonce')) return new Response('fresh-nonce');
    return new Response(JSON.stringify({ id: 41, source_url: 'https://blog.example/wp-content/uploads/a.png' }), { status: 201 });
  };
  const win = { location: new URL('https://blog.example/wp-admin/post.php?post=3&action=edit'), fetch } as unknown as RestWindow;
  return { win, calls };
}

const image = { base64: 'iVBORw0KGgo=', mime: 'image/png' as const, fileName: 'fast-hosting.png', alt: 'Fast hosting' };

describe('the REST API from an editor page', () => {
  it('asks WordPress for a nonce once when the page has none, and reaches the API under any permalinks', async () => {
    const { win, calls } = bareEditorPage();
    const rest = restFromPage(win);
    const uploaded = await uploadFeaturedImage(rest, image);
    await deleteMedia(rest, uploaded.id);
    expect(uploaded).toEqual({ id: 41, url: 'https://blog.example/wp-content/uploads/a.png' });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET https://blog.example/wp-admin/admin-ajax.php?action=rest-nonce',
      'POST https://blog.example/index.php?rest_route=/wp/v2/media',
      'DELETE https://blog.example/index.php?rest_route=/wp/v2/media/41&force=true',
    ]);
    expect(calls.slice(1).map((call) => call.nonce)).toEqual(['fresh-nonce', 'fresh-nonce']);
    // The file, its name and its alt text, as a form upload.
    const form = calls[1]!.body as FormData;
    expect((form.get('file') as File).name).toBe('fast-hosting.png');
    expect((form.get('file') as File).type).toBe('image/png');
    expect([...new Uint8Array(await (form.get('file') as File).arrayBuffer())].slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(form.get('alt_text')).toBe('Fast hosting');
  });

  it('uses wp.apiFetch where the page has it', async () => {
    const { win, calls } = bareEditorPage();
    const seen: unknown[] = [];
    (win as any).wp = { apiFetch: async (options: unknown) => { seen.push(options); return { id: 7, source_url: 'x' }; } };
    expect(await uploadFeaturedImage(restFromPage(win), image)).toEqual({ id: 7, url: 'x' });
    expect(seen).toMatchObject([{ path: '/wp/v2/media', method: 'POST' }]);
    expect(calls).toEqual([]);
  });
});
