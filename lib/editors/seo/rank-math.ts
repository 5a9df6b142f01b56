/** Rank Math: its `rank-math` store in every editor; the mounted keyword field does not follow the store. */
import { inElementor, markElementorChanged, showElementorPanelOnce, type DetectSeoPlugin } from './plugin';

export const detectRankMath: DetectSeoPlugin = (win) => {
  const store = () => win.wp?.data?.select('rank-math');
  if (!win.rankMath || !store()) return null;
  return {
    name: 'Rank Math',
    fields: 'title, description, focus keywords',
    async read() {
      const select = store();
      return { title: select.getTitle?.() ?? '', description: select.getDescription?.() ?? '', keywords: String(select.getKeywords?.() ?? '').split(',').filter(Boolean) };
    },
    async write(values) {
      // In Elementor its snippet and analysis start with its panel tab; until then its store's updates throw.
      if (inElementor(win)) await showElementorPanelOnce(win, 'panel/elements/rank-math', () => win.rankMathEditor?.focusKeywordField);
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
