/**
 * SEOPress. Block editor: core meta (its panel closed first: an open one writes its stale values
 * back). Classic editor: its React form, typed into as a user would, whose hidden mirrors the
 * post form saves; the keywords field mounts only with its Content Analysis tab, which is shown for
 * them and then left for the tab the blogger had. Elementor: its own REST routes (Elementor's save does
 * not carry its fields), then a preview reload, where its panel lives and caches what it fetched.
 */
import { blockEditorMeta, inElementor, reloadElementorPreview, waitForValue, type DetectSeoPlugin, type SeoPage, type SeoPlugin } from './plugin';

const META = { title: '_seopress_titles_title', description: '_seopress_titles_desc', keywords: '_seopress_analysis_target_kw' } as const;

export const detectSeopress: DetectSeoPlugin = (win, kind) => {
  if (kind === 'elementor') return inElementor(win) && win.seopressI18n ? elementorRoutes(win) : null;
  if (!win.SEOPRESS_DATA) return null;
  if (kind === 'classic-editor') return classicForm(win);
  if (kind !== 'block-editor' || !blockEditorMeta(win) || !(META.title in blockEditorMeta(win)!)) return null;
  return {
    name: 'SEOPress',
    fields: 'title, description, target keywords',
    meta(values) {
      if (win.document.querySelector('#seopress-js-module-seo-metabox input[name=title]')) win.dispatchEvent(new CustomEvent('seopress:toggle-metabox'));
      // Stored as a comma list without spaces.
      return { [META.title]: values.title, [META.description]: values.description, [META.keywords]: values.keywords.join(',') };
    },
    async read() {
      const meta = blockEditorMeta(win) ?? {};
      return { title: String(meta[META.title] ?? ''), description: String(meta[META.description] ?? ''), keywords: String(meta[META.keywords] ?? '').split(',').filter(Boolean) };
    },
    async write(values) {
      win.wp.data.dispatch('core/editor').editPost({ meta: this.meta!(values) });
    },
  };
};

function classicForm(win: SeoPage): SeoPlugin {
  const field = (selector: string) => win.document.querySelector(`#seopress-js-module-seo-metabox-embed ${selector}`) as HTMLInputElement | HTMLTextAreaElement | null;
  const title = () => field('input[name=title]');
  const description = () => field('textarea[name=description]');
  return {
    name: 'SEOPress',
    fields: 'title, description, target keywords',
    read: async () => ({ title: title()?.value ?? '', description: description()?.value ?? '', keywords: mirrors(META.keywords)[0]?.value.split(',').map((keyword) => keyword.trim()).filter(Boolean) ?? [] }),
    async write(values) {
      // Its React form mounts after the editor, and re-initialises while it loads: typed values
      // count once its hidden mirrors (which render its form state, and which the post form saves) show them.
      if (!await waitForValue(() => title() && description())) throw new Error('SEOPress did not show its SEO form.');
      const wanted = [[META.title, values.title], [META.description, values.description]] as const;
      const taken = () => wanted.every(([name, value]) => mirrors(name).every((mirror) => mirror.value === value));
      for (let attempt = 0; attempt < 3 && !taken(); attempt++) {
        typeInto(title()!, values.title);
        typeInto(description()!, values.description);
        await waitForValue(() => taken(), 30);
      }
      if (!taken()) throw new Error('SEOPress did not take the new title and description.');
      await typeKeywords(values.keywords);
    },
  };

  function mirrors(name: string): HTMLInputElement[] {
    return [...win.document.querySelectorAll(`input[form=post][name=${name}], #post input[name=${name}]`)] as HTMLInputElement[];
  }

  /** Its token field, as a blogger types: each old keyword removed, each new one typed and entered. */
  async function typeKeywords(keywords: string[]) {
    // Its field takes the focus and scrolls the page to itself: the blogger's view and focus are put back.
    const { scrollX, scrollY } = win;
    const focused = win.document.activeElement as HTMLElement | null;
    try {
      await typeTokens(keywords);
    } finally {
      focused?.focus?.({ preventScroll: true });
      win.scrollTo(scrollX, scrollY);
    }
  }

  async function typeTokens(keywords: string[]) {
    const box = win.document.getElementById('seopress-js-module-seo-metabox-embed')!;
    const tabs = [...box.querySelectorAll('.sp-tabs__tab, .sp-tabs__subtab')] as HTMLElement[];
    const shown = tabs.find((tab) => tab.classList.contains('is-active'));
    tabs.find((tab) => tab.textContent?.trim() === 'Content Analysis')?.click();
    const input = await waitForValue(() => box.querySelector('.components-form-token-field input') as HTMLInputElement | null);
    if (!input) throw new Error('SEOPress did not show its target keywords field.');
    const tokens = () => box.querySelectorAll('.components-form-token-field__remove-token');
    for (let left = tokens().length; left > 0; left = tokens().length) {
      (tokens()[0] as HTMLElement).click();
      await waitForValue(() => tokens().length < left);
    }
    for (const [index, keyword] of keywords.entries()) {
      const field = box.querySelector('.components-form-token-field input') as HTMLInputElement;
      typeInto(field, keyword);
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
      await waitForValue(() => tokens().length > index);
    }
    const wanted = keywords.join(',');
    await waitForValue(() => mirrors(META.keywords).every((mirror) => mirror.value.replace(/\s*,\s*/g, ',') === wanted), 60);
    shown?.click();
  }
}

function elementorRoutes(win: SeoPage): SeoPlugin {
  const route = (name: string) => `/seopress/v1/posts/${win.elementor.config.document.id}/${name}`;
  return {
    name: 'SEOPress',
    fields: 'title, description, target keywords',
    afterPost: true,
    async read() {
      const [texts, keywords] = await Promise.all([win.wp.apiFetch({ path: route('title-description-metas') }), win.wp.apiFetch({ path: route('target-keywords') })]);
      return { title: texts?.title ?? '', description: texts?.description ?? '', keywords: Array.isArray(keywords?.value) ? keywords.value.map(String) : [] };
    },
    async write(values) {
      await win.wp.apiFetch({ path: route('title-description-metas'), method: 'PUT', data: { title: values.title, description: values.description } });
      await win.wp.apiFetch({ path: route('target-keywords'), method: 'PUT', data: { [META.keywords]: values.keywords.join(',') } });
      // Its panel shows what it fetched when the preview loaded.
      await reloadElementorPreview(win);
    },
  };
}

/** Sets a field's value the way typing does, so React's form state takes it. */
function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
  element.dispatchEvent(new FocusEvent('blur', { bubbles: false }));
  element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
}
