import type { Theme } from './theme.js';

/** pt: the digest's smallest text is never set below this to fit it on one page. */
export const DIGEST_MIN_TEXT = 7;

/** Every type size of the theme times `scale` (line heights are ratios and stay). */
export function scaledTheme(theme: Theme, scale: number): Theme {
  const s = theme.sizes;
  const by = (v: number) => Math.round(v * scale * 100) / 100;
  return {
    ...theme,
    sizes: { body: by(s.body), small: by(s.small), table: by(s.table), h1: by(s.h1), h2: by(s.h2), h3: by(s.h3), head: by(s.head), folio: by(s.folio), lineHeight: s.lineHeight },
  };
}

/**
 * Fits the newsletter digest on one page where a readable reduction can: `pages(scale)`
 * lays it out with every size times `scale` and says how many pages that took. The
 * smallest reduction allowed (the theme's small text at DIGEST_MIN_TEXT) is tried first;
 * if even that takes two pages the digest keeps its full size and goes on to a second
 * page. Otherwise the largest scale that fits is found to 0.01 by bisection (a handful of
 * layouts, only for a digest that overflows). Returns the scale to use, 1 for none.
 */
export async function digestScale(theme: Theme, pages: (scale: number) => Promise<number>): Promise<number> {
  const floor = Math.min(1, DIGEST_MIN_TEXT / Math.min(theme.sizes.small, theme.sizes.table, theme.sizes.body));
  if (floor >= 1 || (await pages(floor)) > 1) return 1;
  let fits = floor;
  let overflows = 1;
  while (overflows - fits > 0.02) {
    const mid = Math.round(((fits + overflows) / 2) * 100) / 100;
    if ((await pages(mid)) > 1) overflows = mid;
    else fits = mid;
  }
  return fits;
}
