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

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}
interface Gsub {
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { get(i: number): { lookupType: number; subTables: ArrayLike<{ coverage?: Coverage }> } };
}
interface LayoutFont {
  layout(text: string, features?: string[] | Record<string, boolean>): Run;
  directory?: { tables?: Record<string, unknown> };
  glyphForCodePoint?(cp: number): { id: number; advanceWidth: number };
  GSUB?: Gsub;
}

/**
 * GSUB features fontkit 2.0's default shaper applies to horizontal text unasked
 * (DefaultShaper: variation, directional, fractional, common and horizontal features).
 */
const UNASKED = ['rvrn', 'ltra', 'ltrm', 'rtla', 'rtlm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];

/** Scripts fontkit shapes with its default shaper (others have shapers that reorder or compose). */
const DEFAULT_SHAPER = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Latin}\p{Script=Common}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Glyphs that some lookup of these features could substitute, or undefined when the
 * font's lookups are not all simple (single, alternate, multiple, ligature): a glyph
 * outside the set shapes alone to itself, so its layout is its cmap glyph and advance.
 */
export function substitutedGlyphs(font: LayoutFont, features: readonly string[]): Set<number> | undefined {
  const gsub = font.GSUB;
  const out = new Set<number>();
  if (!gsub) return out;
  const wanted = new Set([...UNASKED, ...features]);
  const lookups = new Set<number>();
  for (const f of gsub.featureList) if (wanted.has(f.tag)) for (const i of f.feature.lookupListIndexes) lookups.add(i);
  for (const i of lookups) {
    const lookup = gsub.lookupList.get(i);
    if (lookup.lookupType < 1 || lookup.lookupType > 4) return undefined;
    for (let s = 0; s < lookup.subTables.length; s++) {
      const cov = lookup.subTables[s]?.coverage;
      if (cov?.version === 1 && cov.glyphs) for (const g of cov.glyphs) out.add(g);
      else if (cov?.version === 2 && cov.rangeRecords) for (const r of cov.rangeRecords) for (let g = r.start; g <= r.end; g++) out.add(g);
      else return undefined;
    }
  }
  return out;
}

/** Characters that take part in multi-character shaping in any font we may meet. */
const CONTEXTUAL = /[\p{M}\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u3099\u309a]/u;

const installed = new WeakSet<object>();

/**
 * Whether the font's layout of `text` (no features, or `hwid`) is the layouts of its
 * characters one after another: the cache is in front of the font and no character of
 * the text shapes with its neighbours. A character whose own layout is not one glyph
 * makes the whole text shaped in full; the caller checks that.
 */
export function shapesByCharacter(font: object, text: string): boolean {
  return installed.has(font) && !CONTEXTUAL.test(text);
}

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
  const plainSubst = substitutedGlyphs(font, []);
  const hwidSubst = substitutedGlyphs(font, ['hwid']);
  const single = (ch: string, features: string[] | undefined, fkey: string) => {
    const key = fkey + ch;
    let hit = cache.get(key);
    if (hit === undefined) {
      // fontkit's layout of one character costs ~0.1 ms (shaping plan, lookups): paid
      // only by characters some lookup could change.
      const glyph = DEFAULT_SHAPER.test(ch) && !IGNORABLE.test(ch) ? font.glyphForCodePoint?.(ch.codePointAt(0)!) : undefined;
      const changed = fkey === '\u0000' ? plainSubst : hwidSubst;
      if (glyph && changed && !changed.has(glyph.id)) {
        hit = { glyph, position: { xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 } };
      } else {
        const run = full(ch, features);
        const p = run.positions[0];
        hit = run.glyphs.length === 1 && p && run.positions.length === 1 ? { glyph: run.glyphs[0], position: { xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset } } : null;
      }
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
      // A literal, not a spread: pdfkit keeps these in its layout cache, and spread copies
      // each got a hidden class of their own (~340 B instead of ~150 B per glyph).
      const q = hit.position;
      positions.push({ xAdvance: q.xAdvance, yAdvance: q.yAdvance, xOffset: q.xOffset, yOffset: q.yOffset });
    }
    return makeRun(glyphs, positions);
  };
}
