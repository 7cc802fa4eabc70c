/**
 * SetLine[] → pdfmake content that draws exactly the computed positions.
 *
 * The booklet's runtime measures and draws these lines itself (emit/finishedLines: one
 * inline and one text object per line). The inline form below (runs + gap moves) is what
 * pdfmake gets when a style only it can draw applies, and what the notes describe.
 *
 * What pdfmake 0.3.11 (pdfkit 0.19.1) does, measured with BIZ UD Mincho at 10 pt
 * (tests/typeset/japanese/toPdfmake.test.ts re-checks it on every run):
 * - Inlines of a text node are placed by accumulated measured width:
 *   x(inline) = Σ width of the inlines before it on the line, where
 *   width = fontkit advance of the whole string (with its fontFeatures) × size
 *         + characterSpacing × (text.length − 1)        (text.length in UTF-16 units).
 *   pdfkit draws with Tc = characterSpacing after every glyph, so inside a run the pitch
 *   is advance + spacing, and a run boundary gets no spacing at all.
 * - An inline with text '' has width −characterSpacing (0 − 1 = −1 times the spacing)
 *   and pdfkit draws nothing for it (`_fragment` returns on an empty string): so
 *   `{ text: '', characterSpacing: −g }` is an exact, invisible horizontal move of g pt,
 *   negative g included. This is how run boundaries get their gap (spread, quarter em,
 *   partial punctuation compression). Measured: runs 'あいう' cs 1, gap 5, '、' hwid,
 *   gap 1, 'かきく' cs 2 at x = 40 → pdftotext boxes あいう 40–72, 、 77–82, か 83,
 *   き 95, く 107 (exactly the model); a −3 gap between 'X' and 'Y' puts Y at 42.
 * - `noWrap: true` on a run keeps it one inline (no UAX #14 splitting, no hard wrap);
 *   `fontFeatures: ['hwid']` is used for both measuring and drawing.
 * - The fit test `inlineWidths + width <= maxWidth` has no tolerance, so the breaker
 *   ends justified lines FIT_EPSILON_PT (0.01 pt) inside the measure. Gap inlines do not
 *   get UAX #14 "noNewLine" glue of their own, so the fit test still runs on every run
 *   after a gap: lines must be built for exactly the width pdfmake will use
 *   (`availableWidth`: page or column width minus margins).
 * - One text node per paragraph, lines separated by a plain '\n' item (a forced line
 *   end), keeps pdfmake's own page breaking: each line is an ordinary pdfmake line, and
 *   a paragraph breaks between lines at the page end like any other text. pdfmake's
 *   `alignment: 'justify'` is not used (it only spreads between inlines and skips the
 *   last line of every text node); `alignment: 'center' | 'right'` on the node works
 *   for unjustified lines (headings) because the line width is the sum of inline widths.
 * - Columns (one column per run) would also give exact positions but cost a node and a
 *   layout context per run; relativePosition detaches content from the flow.
 * - Text extraction: pdfjs adds a fake space when the gap between two glyphs exceeds
 *   0.102 em, pdftotext at 0.1 em. Quarter-em gaps between Japanese and Western text are
 *   therefore read as spaces by both; the breaker keeps Japanese–Japanese spread at most
 *   SAFE_SPREAD (0.095 em) whenever it can.
 * - pdfmake trims leading/trailing whitespace of a line (JS \s, so U+3000 too) by
 *   shifting it: a line starting with '　' was drawn 1 em to the left (measured: 全 at
 *   x 40 instead of 50). The node sets preserveLeadingSpaces/preserveTrailingSpaces.
 * - Fonts must be registered by path (or in pdfmake.virtualfs): a Buffer passed to
 *   setFonts fails in URLResolver (`url.toLowerCase` of undefined) in 0.3.11.
 */
import type { ContentText } from 'pdfmake/interfaces.js';
import type { LineRun, SetLine } from './breakLines.js';

export interface PdfmakeTextOptions {
  /** Must be the size the lines were set for. */
  fontSize: number;
  /** pdfmake font name (as registered with setFonts); left to the style if absent. */
  font?: string;
  /** Default 'left'. 'center' / 'right' suit unjustified lines (headings). */
  alignment?: 'left' | 'center' | 'right';
}

/** An invisible move of `pt` points (negative moves left). */
export function gapInline(pt: number): ContentText {
  return { text: '', characterSpacing: -pt };
}

function runInline(run: LineRun): ContentText {
  const node: ContentText = { text: run.text, noWrap: true };
  if (run.spacing !== 0) node.characterSpacing = run.spacing;
  if (run.hwid) node.fontFeatures = ['hwid'];
  return node;
}

/** The inlines of one line (no line end). */
export function lineInlines(line: SetLine): ContentText[] {
  const out: ContentText[] = [];
  for (const run of line.runs) {
    if (run.gapBefore !== 0) out.push(gapInline(run.gapBefore));
    out.push(runInline(run));
  }
  return out;
}

/**
 * One pdfmake text node for a paragraph. Its lines travel as `_setLines`, which
 * emit/finishedLines measures and draws as finished lines; `text` is the plain text
 * (what bookmarks and a table of contents read).
 */
export function toPdfmake(lines: SetLine[], opts: PdfmakeTextOptions): ContentText {
  // alignment and characterSpacing are set so that styles cannot re-space the lines.
  // Do not give these nodes fontFeatures or noWrap through styles.
  const node: ContentText & { _setLines: SetLine[] } = {
    text: lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n'),
    _setLines: lines,
    fontSize: opts.fontSize,
    alignment: opts.alignment ?? 'left',
    characterSpacing: 0,
    preserveLeadingSpaces: true,
    preserveTrailingSpaces: true,
  };
  if (opts.font) node.font = opts.font;
  return node;
}
