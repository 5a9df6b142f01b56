/** All in One SEO: the Pinia `PostEditorStore` of its Vue app (no wp.data store). */
import { inElementor, markElementorChanged, showElementorPanelOnce, waitForValue, type DetectSeoPlugin, type SeoPage } from './plugin';

function postEditorStore(win: SeoPage): any {
  const hosts = win.document.querySelectorAll('#aioseo-post-settings-metabox, #aioseo-post-settings-sidebar, [id^="aioseo"], #elementor-panel-aioseo *');
  for (const host of hosts as NodeListOf<Element & { __vue_app__?: any }>) {
    const stores = host.__vue_app__?.config?.globalProperties?.$pinia?._s;
    if (stores?.has('PostEditorStore')) return stores.get('PostEditorStore');
  }
  return undefined;
}

export const detectAioseo: DetectSeoPlugin = (win) => {
  if (!win.aioseo) return null;
  return {
    name: 'All in One SEO',
    fields: 'title, description, focus keyphrase',
    async read() {
      const post = (await loadedStore(win))?.currentPost;
      return { title: post?.title ?? '', description: post?.description ?? '', keywords: [post?.keyphrases?.focus?.keyphrase ?? ''].filter(Boolean) };
    },
    async write(values) {
      const store = await loadedStore(win);
      if (!store) throw new Error('All in One SEO did not load its editor panel.');
      store.updateTitle(values.title);
      store.updateDescription(values.description);
      store.currentPost.keyphrases.focus.keyphrase = values.keywords[0] ?? '';
      markElementorChanged(win);
      await mirrorIntoForm(win, store.currentPost);
    },
  };
};

/** In Elementor, AIOSEO mounts its app, and hooks its save into Elementor's, with its panel tab. */
async function loadedStore(win: SeoPage): Promise<any> {
  if (inElementor(win)) await showElementorPanelOnce(win, 'panel/elements/aioseo', () => postEditorStore(win));
  return waitForValue(() => postEditorStore(win));
}

/**
 * The classic and block editors post the store as JSON in a hidden input, which a watcher of
 * AIOSEO's meta box app keeps up to date; with that box collapsed the watcher may not run, so the
 * values are mirrored into it once the watcher has had its turn.
 */
async function mirrorIntoForm(win: SeoPage, post: { title: string; description: string; keyphrases: unknown }) {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const input = win.document.querySelector('#aioseo-post-settings') as HTMLInputElement | null;
  if (!input) return;
  const saved = JSON.parse(input.value || '{}');
  input.value = JSON.stringify({ ...saved, title: post.title, description: post.description, keyphrases: post.keyphrases });
}
