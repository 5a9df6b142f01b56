/** SEOPress: core meta in the block editor (its panel closed first: an open one writes its stale values back). */
import { blockEditorMeta, type DetectSeoPlugin } from './plugin';

const META = { title: '_seopress_titles_title', description: '_seopress_titles_desc', keywords: '_seopress_analysis_target_kw' } as const;

export const detectSeopress: DetectSeoPlugin = (win, kind) => {
  if (!win.SEOPRESS_DATA || kind !== 'block-editor' || !blockEditorMeta(win) || !(META.title in blockEditorMeta(win)!)) return null;
  return {
    name: 'SEOPress',
    fields: 'title, description, target keywords',
    meta(values) {
      if (win.document.querySelector('#seopress-js-module-seo-metabox input[name=title]')) win.dispatchEvent(new CustomEvent('seopress:toggle-metabox'));
      // Stored as a comma list without spaces.
      return { [META.title]: values.title, [META.description]: values.description, [META.keywords]: values.keywords.join(',') };
    },
    read() {
      const meta = blockEditorMeta(win) ?? {};
      return { title: String(meta[META.title] ?? ''), description: String(meta[META.description] ?? ''), keywords: String(meta[META.keywords] ?? '').split(',').filter(Boolean) };
    },
    async write(values) {
      win.wp.data.dispatch('core/editor').editPost({ meta: this.meta!(values) });
    },
  };
};
