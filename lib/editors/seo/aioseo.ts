/** All in One SEO: the Pinia `PostEditorStore` of its Vue app (no wp.data store). */
import type { DetectSeoPlugin, SeoPage } from './plugin';

function postEditorStore(win: SeoPage): any {
  const hosts = win.document.querySelectorAll('#aioseo-post-settings-metabox, #aioseo-post-settings-sidebar, #elementor-panel-aioseo *, [id^="aioseo"]');
  for (const host of hosts as NodeListOf<Element & { __vue_app__?: any }>) {
    const stores = host.__vue_app__?.config?.globalProperties?.$pinia?._s;
    if (stores?.has('PostEditorStore')) return stores.get('PostEditorStore');
  }
  return undefined;
}

export const detectAioseo: DetectSeoPlugin = (win, kind) => {
  if (!win.aioseo) return null;
  return {
    name: 'All in One SEO',
    fields: 'title, description, focus keyphrase',
    read() {
      const post = postEditorStore(win)?.currentPost;
      return { title: post?.title ?? '', description: post?.description ?? '', keywords: [post?.keyphrases?.focus?.keyphrase ?? ''].filter(Boolean) };
    },
    async write(values) {
      // Elementor: AIOSEO mounts its app (and its save hook) when its panel is first opened.
      if (kind === 'elementor' && !win.document.querySelector('#elementor-panel-aioseo')) win.$e?.route('panel/elements/aioseo');
      const store = await waitFor(() => postEditorStore(win));
      if (!store) throw new Error('All in One SEO did not load its editor panel.');
      store.updateTitle(values.title);
      store.updateDescription(values.description);
      store.currentPost.keyphrases.focus.keyphrase = values.keywords[0] ?? '';
      if (kind === 'elementor') win.$e?.internal('document/save/set-is-modified', { status: true });
    },
  };
};

/** Polls a frame at a time: AIOSEO's app mounts after the editor, on its own schedule. */
async function waitFor<T>(find: () => T | undefined, frames = 300): Promise<T | undefined> {
  for (let frame = 0; frame < frames; frame++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return undefined;
}
