/**
 * Yoast SEO: core meta for posts in the block editor, else its `yoast-seo/editor` store (one
 * keyphrase in the free plugin). In Elementor it watches its own form and marks the page changed,
 * and its save writes the slug of its form too: it gets the post's new one.
 */
import { blockEditorMeta, inElementor, type DetectSeoPlugin } from './plugin';

const META = { title: '_yoast_wpseo_title', description: '_yoast_wpseo_metadesc', keyword: '_yoast_wpseo_focuskw' } as const;

export const detectYoast: DetectSeoPlugin = (win, kind) => {
  const store = () => win.wp?.data?.select('yoast-seo/editor');
  if (!win.wpseoScriptData || !store()) return null;
  const meta = () => (kind === 'block-editor' ? blockEditorMeta(win) : undefined);
  return {
    name: 'Yoast SEO',
    fields: 'title, description, keyphrase',
    afterPost: inElementor(win),
    meta(values) {
      // Core REST holds Yoast's keys for the post type `post` only.
      if (!meta() || !(META.title in meta()!)) return undefined;
      return { [META.title]: values.title, [META.description]: values.description, [META.keyword]: values.keywords[0] ?? '' };
    },
    async read() {
      const select = store();
      const values = { title: select.getSnippetEditorTitle?.() ?? '', description: select.getSnippetEditorDescription?.() ?? '', keywords: [select.getFocusKeyphrase?.() ?? ''].filter(Boolean) };
      return inElementor(win) ? { ...values, slug: select.getSnippetEditorSlug?.() ?? '' } : values;
    },
    async write(values) {
      const meta = this.meta!(values);
      if (meta) return win.wp.data.dispatch('core/editor').editPost({ meta });
      const dispatch = win.wp.data.dispatch('yoast-seo/editor');
      dispatch.updateData({ title: values.title, description: values.description, ...(values.slug !== undefined && inElementor(win) ? { slug: values.slug } : {}) });
      dispatch.setFocusKeyword(values.keywords[0] ?? '');
    },
  };
};
