/** Rank Math: its `rank-math` store in every editor; the mounted keyword field does not follow the store. */
import { inElementor, markElementorChanged, reloadElementorPreview, waitForValue, type DetectSeoPlugin } from './plugin';

export const detectRankMath: DetectSeoPlugin = (win) => {
  const store = () => win.wp?.data?.select('rank-math');
  if (!win.rankMath || !store()) return null;
  return {
    name: 'Rank Math',
    fields: 'title, description, focus keywords',
    // A preview reload may be needed first (below): after the post is in.
    afterPost: inElementor(win),
    async read() {
      const select = store();
      return { title: select.getTitle?.() ?? '', description: select.getDescription?.() ?? '', keywords: String(select.getKeywords?.() ?? '').split(',').filter(Boolean) };
    },
    async write(values) {
      // In Elementor it adds its panel tab and starts its analysis (`rankMathEditor.assessor`) when the
      // preview loads; until then its store's updates throw. Loaded after the preview, it waits for the next.
      if (inElementor(win) && !win.rankMathEditor?.assessor) {
        await reloadElementorPreview(win);
        await waitForValue(() => win.rankMathEditor?.assessor);
      }
      const dispatch = win.wp.data.dispatch('rank-math');
      // updateX marks a value for Rank Math's own save; updateSerpX shows it in the snippet preview.
      dispatch.updateTitle(values.title);
      dispatch.updateSerpTitle(values.title);
      dispatch.updateDescription(values.description);
      dispatch.updateSerpDescription(values.description);
      dispatch.updateKeywords(values.keywords.join(','));
      for (const input of win.document.querySelectorAll('.rank-math-focus-keyword input') as NodeListOf<HTMLInputElement & { __tagify?: any }>) {
        input.__tagify?.removeAllTags();
        input.__tagify?.addTags(values.keywords);
      }
      markElementorChanged(win);
    },
  };
};
