/**
 * pdf.js has no use for ActualText when it extracts text: it reads the quarter em between
 * 令和 and 2 as a space, so its search (a viewer's Ctrl-F) does not find 令和2年度. It
 * does skip glyphs that map to an invisible format character, without advancing. So such
 * a gap is drawn as a blank glyph (the font's no-break space, which the text never uses)
 * mapped to U+2060 WORD JOINER, "no break here", plus whatever move is left: nothing
 * changes on the page, pdf.js sees no gap, and poppler reads the line's ActualText.
 */

const WORD_JOINER = 0x2060;
const NO_BREAK_SPACE = 0xa0;

interface FontkitGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly path: { readonly commands: readonly unknown[] };
}
export interface GapFont {
  readonly font?: { glyphForCodePoint(cp: number): FontkitGlyph; readonly unitsPerEm: number };
  readonly scale?: number;
  readonly widths?: number[];
  readonly unicode?: number[][];
  readonly subset?: { includeGlyph(id: number): number };
}

/** The gap glyph of a font: its hex code in the subset and its advance (em); per document font. */
const gapGlyphs = new WeakMap<GapFont, { hex: string; em: number } | null>();

function gapGlyph(font: GapFont): { hex: string; em: number } | null {
  const known = gapGlyphs.get(font);
  if (known !== undefined) return known;
  let found: { hex: string; em: number } | null = null;
  const glyph = font.font?.glyphForCodePoint(NO_BREAK_SPACE);
  const { subset, widths, unicode, scale } = font;
  if (glyph && glyph.id !== 0 && glyph.path.commands.length === 0 && subset && widths && unicode && scale !== undefined) {
    const gid = subset.includeGlyph(glyph.id);
    const mapped = unicode[gid];
    // A text that does use U+00A0 keeps it: its gaps are then left to ActualText alone.
    if (!mapped || (mapped.length === 1 && mapped[0] === WORD_JOINER)) {
      widths[gid] ??= glyph.advanceWidth * scale;
      unicode[gid] = [WORD_JOINER];
      found = { hex: `0000${gid.toString(16)}`.slice(-4), em: glyph.advanceWidth / font.font!.unitsPerEm };
    }
  }
  gapGlyphs.set(font, found);
  return found;
}

const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** pdf.js reads a space from 0.102 em, pdftotext from 0.1 em. */
const GAP_LIMIT = 0.1;

/** The character spacing (Tc, pt) to draw with when the line asks for `spacing`. */
export function drawnSpacing(spacing: number, size: number): number {
  return spacing > GAP_LIMIT * size ? 0 : spacing;
}

/**
 * A TJ array with every move wider than an extractor's space after a glyph replaced by
 * gap glyphs and the rest of the move. `spacing` is the Tc (pt) the line asks for; one
 * wider than a space (the quarter em of a run like 5次 set as letter spacing) is drawn
 * as moves after each glyph instead, with Tc 0 (see drawnSpacing), so it gets gap glyphs too.
 */
export function withGapGlyphs(tj: string, font: GapFont, size: number, spacing: number): string {
  const tc = drawnSpacing(spacing, size);
  if (!/-\d/.test(tj) && tc === spacing) return tj;
  const gap = gapGlyph(font);
  if (!gap) return tj;
  const limit = -GAP_LIMIT * 1000;
  const step = gap.em * 1000 + (tc * 1000) / size;
  const letterMove = tc === spacing ? 0 : (-spacing * 1000) / size;
  // Glyphs (4 hex digits each) and moves, in order; consecutive moves add up.
  const items: (string | number)[] = [];
  const move = (n: number) => {
    const last = items[items.length - 1];
    if (typeof last === 'number') items[items.length - 1] = last + n;
    else items.push(n);
  };
  for (const token of tj.slice(tj.indexOf('[') + 1, tj.lastIndexOf(']')).match(/<[0-9a-fA-F]*>|-?[\d.]+/g) ?? []) {
    if (!token.startsWith('<')) {
      move(Number(token));
      continue;
    }
    const hex = token.slice(1, -1);
    for (let i = 0; i < hex.length; i += 4) {
      items.push(hex.slice(i, i + 4));
      if (letterMove !== 0) move(letterMove);
    }
  }
  const out: string[] = [];
  let run = '';
  items.forEach((item, i) => {
    if (typeof item === 'string') {
      run += item;
      return;
    }
    let rest = item;
    // A move after a glyph wider than a space: as many gap glyphs as leave less than one.
    if (i > 0 && rest < limit && step > -limit) {
      while (rest < limit) {
        run += gap.hex;
        rest += step;
      }
    }
    if (run !== '') out.push(`<${run}>`);
    run = '';
    if (num(rest) !== 0) out.push(String(num(rest)));
  });
  if (run !== '') out.push(`<${run}>`);
  return `[${out.join(' ')}] TJ`;
}
