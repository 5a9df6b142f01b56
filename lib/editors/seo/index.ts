/** Which SEO plugin the page has: the first that finds itself (a site runs one). */
import type { EditorKind } from '../adapter';
import { detectAioseo } from './aioseo';
import type { SeoPage, SeoPlugin } from './plugin';
import { detectRankMath } from './rank-math';
import { detectSeopress } from './seopress';
import { detectYoast } from './yoast';

const DETECTORS = [detectYoast, detectRankMath, detectAioseo, detectSeopress];

export function detectSeoPlugin(win: SeoPage, kind: EditorKind): SeoPlugin | null {
  for (const detect of DETECTORS) {
    const plugin = detect(win, kind);
    if (plugin) return plugin;
  }
  return null;
}
