/**
 * A per-character shaping cache in front of fontkit's layout, which pdfkit calls for
 * every run of text it measures or draws. pdfkit caches layouts per space-separated
 * word; a Japanese line has no spaces, so every line was shaped in full, several times.
 *
 * It is exact only where shaping a string equals shaping its characters one by one:
 * - the font has no GPOS, `kern` or `morx` table (no pair positioning, no AAT);
 * - the string has no combining mark, variation selector or joiner (the BIZ UD GSUB
 *   joins か + ゚ and the like through `ccmp`/`liga`), and every character shapes alone
 *   to exactly one glyph;
 * - the features are none or `hwid` (a single substitution).
 * Anything else is shaped in full, as before. tests/typeset/shapingCache.test.ts checks
 * the cached layout against fontkit's for every character the editions use.
 */

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface Run {
  glyphs: unknown[];
  positions: Position[];
  readonly advanceWidth: number;
}

interface LayoutFont {
  layout(text: string, features?: string[] | Record<string, boolean>): Run;
  directory?: { tables?: Record<string, unknown> };
}

/** Characters that take part in multi-character shaping in any font we may meet. */
const CONTEXTUAL = /[\p{M}\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u3099\u309a]/u;

const installed = new WeakSet<object>();

export function canCacheShaping(font: LayoutFont): boolean {
  const tables = font.directory?.tables ?? {};
  return !('GPOS' in tables) && !('kern' in tables) && !('morx' in tables);
}

/** A run whose positions are fresh objects: pdfkit scales them in place. */
function makeRun(glyphs: unknown[], positions: Position[]): Run {
  return {
    glyphs,
    positions,
    get advanceWidth() {
      let w = 0;
      for (const p of positions) w += p.xAdvance;
      return w;
    },
  };
}

export function installShapingCache(font: LayoutFont): void {
  if (installed.has(font) || !canCacheShaping(font)) return;
  installed.add(font);
  const full = font.layout.bind(font);
  // key: features + code point → the glyph and its position, or null when not one glyph
  const cache = new Map<string, { glyph: unknown; position: Position } | null>();
  const single = (ch: string, features: string[] | undefined, fkey: string) => {
    const key = fkey + ch;
    let hit = cache.get(key);
    if (hit === undefined) {
      const run = full(ch, features);
      hit = run.glyphs.length === 1 && run.positions.length === 1 ? { glyph: run.glyphs[0], position: { ...run.positions[0]! } } : null;
      cache.set(key, hit);
    }
    return hit;
  };
  font.layout = (text, features) => {
    const list = Array.isArray(features) ? features : features === undefined ? [] : undefined;
    if (list === undefined || list.some((f) => f !== 'hwid') || CONTEXTUAL.test(text)) return full(text, features);
    const fkey = list.length > 0 ? 'h\u0000' : '\u0000';
    const glyphs: unknown[] = [];
    const positions: Position[] = [];
    for (const ch of text) {
      const hit = single(ch, list.length > 0 ? list : undefined, fkey);
      if (!hit) return full(text, features);
      glyphs.push(hit.glyph);
      positions.push({ ...hit.position });
    }
    return makeRun(glyphs, positions);
  };
}
