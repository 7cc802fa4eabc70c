/**
 * Finished lines straight into the PDF, past pdfmake's inline machinery.
 *
 * Our line breaker (typeset/japanese) has already decided every line, every run and every
 * gap. Handed to pdfmake as inlines, each run and each gap became an inline object that
 * pdfmake measured again (a font layout per run), placed and drew with one pdfkit text
 * object per run — the largest share of pdfmake's time and memory for body text. A
 * finishedText() node is instead measured here as one inline
 * per line, whose size we already know, and drawn as one text object per line: runs are
 * TJ strings, gaps TJ displacements, spacing Tc, exactly the positions the breaker set.
 *
 * pdfmake still owns everything around a line: styles (font, size, colour, line height
 * inherited as usual), page breaks between lines, unbreakable groups, alignment of
 * centred or right-aligned lines, ids (named destinations), bookmarks and links. Styles
 * this path does not draw (decoration, background, sup/sub, page links) fall back to
 * pdfmake's own inlines, built from the same lines (lineInlines below).
 *
 * What pdfmake 0.3.11 (pdfkit 0.19.1) does, measured with BIZ UD Mincho at 10 pt
 * (tests/engine/finishedLines.test.ts re-checks it on every run):
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
import { printState } from './printState.js';
import { shapesByCharacter } from './shapingCache.js';

/** A run of one line: characters set with one spacing, after a gap. */
export interface FinishedRun {
  readonly text: string;
  /** Draw with the OpenType `hwid` feature (compressed punctuation only). */
  readonly hwid: boolean;
  /** pt between consecutive characters of this run (PDF character spacing). */
  readonly spacing: number;
  /** pt from the end of the previous run's last advance (or the line start) to this run's first glyph origin; may be negative. */
  readonly gapBefore: number;
}

/** A line whose every position is decided. */
export interface FinishedLine {
  readonly runs: readonly FinishedRun[];
  /** pt from the line start to the end of the last run's advance. */
  readonly width: number;
}

/** Where a finished text node keeps its lines (a symbol: no pdfmake property can collide with it). */
export const FINISHED_LINES: unique symbol = Symbol('finished lines');

/**
 * A pdfmake text node for one paragraph whose lines are final. `text` is the plain text
 * (what bookmarks and a table of contents read); the lines travel under FINISHED_LINES,
 * also through object spreads that add styles.
 */
export interface FinishedText {
  readonly text: string;
  readonly [FINISHED_LINES]: readonly FinishedLine[];
  readonly fontSize: number;
  readonly alignment: 'left' | 'center' | 'right';
  readonly characterSpacing: 0;
  readonly preserveLeadingSpaces: true;
  readonly preserveTrailingSpaces: true;
  readonly font?: string;
}

export interface FinishedTextStyle {
  /** Must be the size the lines were set for. */
  readonly fontSize: number;
  /** pdfmake font name (as registered); left to the style if absent. */
  readonly font?: string;
  /** Default 'left'. 'center' / 'right' suit unjustified lines (headings). */
  readonly alignment?: 'left' | 'center' | 'right';
}

/**
 * One text node for a paragraph of finished lines. Alignment and character spacing are
 * set so that styles cannot re-space the lines: do not give these nodes fontFeatures or
 * noWrap through styles. pdfmake trims a line's leading and trailing whitespace (U+3000
 * too) by shifting it, hence preserveLeadingSpaces/preserveTrailingSpaces.
 */
export function finishedText(lines: readonly FinishedLine[], style: FinishedTextStyle): FinishedText {
  return {
    text: lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n'),
    [FINISHED_LINES]: lines,
    fontSize: style.fontSize,
    alignment: style.alignment ?? 'left',
    characterSpacing: 0,
    preserveLeadingSpaces: true,
    preserveTrailingSpaces: true,
    ...(style.font ? { font: style.font } : {}),
  };
}

/** A pdfmake text inline. */
interface TextInline {
  text: string;
  noWrap?: boolean;
  characterSpacing?: number;
  fontFeatures?: string[];
}

/**
 * An invisible move of `pt` points (negative moves left): pdfmake measures an empty inline
 * as −characterSpacing wide and pdfkit draws nothing for it.
 */
export function gapInline(pt: number): TextInline {
  return { text: '', characterSpacing: -pt };
}

function runInline(run: FinishedRun): TextInline {
  const node: TextInline = { text: run.text, noWrap: true };
  if (run.spacing !== 0) node.characterSpacing = run.spacing;
  if (run.hwid) node.fontFeatures = ['hwid'];
  return node;
}

/** The inlines of one line (no line end): what pdfmake draws where only it can (underline, background). */
function lineInlines(line: FinishedLine): TextInline[] {
  const out: TextInline[] = [];
  for (const run of line.runs) {
    if (run.gapBefore !== 0) out.push(gapInline(run.gapBefore));
    out.push(runInline(run));
  }
  return out;
}

type FinishedNode = Record<string, unknown> & { text: unknown; [FINISHED_LINES]?: readonly FinishedLine[] };

interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface PdfKitFont {
  id: string;
  scale?: number;
  widths?: number[];
  unicode?: number[][];
  subset?: { includeGlyph(id: number): number };
  layoutRun?(text: string, features?: string[]): { glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>; positions: Position[] };
  ascender: number;
  lineHeight(size: number, includeGap?: boolean): number;
  ref(): unknown;
  encode(text: string, features?: string[]): [string[], Position[]];
}
interface PdfKitDoc {
  page: { height: number; fonts: Record<string, unknown> };
  _font: PdfKitFont;
  _fontSize: number;
  outline: { addItem(title: string, opts: { expanded: boolean }): unknown };
  fontSize(size: number): PdfKitDoc;
  fillColor(color: unknown): PdfKitDoc;
  opacity(value: number): PdfKitDoc;
  save(): PdfKitDoc;
  restore(): PdfKitDoc;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): PdfKitDoc;
  addContent(op: string): PdfKitDoc;
  addNamedDestination(name: string, ...args: unknown[]): void;
  goTo(x: number, y: number, w: number, h: number, name: string): void;
  link(x: number, y: number, w: number, h: number, url: string): void;
  resolveColor(color: unknown, fallback: string): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
}
interface Inline {
  text: string;
  width: number;
  height: number;
  x?: number;
  font: PdfKitFont;
  fontSize: number;
  color: unknown;
  link: string | null;
  linkToDestination: string | null;
  _runs?: readonly FinishedRun[];
  [key: string]: unknown;
}
interface Line {
  inlines: Inline[];
  id?: string;
  _outline?: { id?: string; parentId?: string; text: string; expanded: boolean };
  _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
}
type StyleStack = unknown;
interface StyleContextStackClass {
  getStyleProperty(item: object, stack: StyleStack, name: string, fallback: unknown): unknown;
}
interface DocMeasureProto {
  styleStack: { clone(): { push(node: object): void } };
  textInlines: { pdfDocument: PdfKitDoc };
  measureLeaf(this: DocMeasureProto, node: FinishedNode): unknown;
}
interface RendererProto {
  pdfDocument: PdfKitDoc;
  outlineMap: Record<string, unknown>;
  renderLine(this: RendererProto, line: Line, x: number, y: number): void;
}

/** Styles whose drawing we leave to pdfmake (they are per inline there). */
const PDFMAKE_ONLY = ['decoration', 'background', 'sup', 'sub', 'linkToPage'] as const;

// pdfkit's own rounding of numbers in content streams.
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

export interface FinishedLinesClasses {
  readonly StyleContextStack: StyleContextStackClass;
  readonly DocMeasure: { prototype: DocMeasureProto };
  readonly Renderer: { prototype: RendererProto };
}

/**
 * Patches pdfmake's measuring and drawing of text lines (once per process). A document
 * printed with `finishedLines: false` gets pdfmake's own inlines for every finished text.
 */
export function installFinishedLines({ StyleContextStack, DocMeasure, Renderer }: FinishedLinesClasses): void {
  const measureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function measureFinishedLines(node) {
    const lines = node[FINISHED_LINES];
    if (!lines) return measureLeaf.call(this, node);
    const off = printState()?.finishedLines === false;
    const stack = this.styleStack.clone();
    stack.push(node);
    const style = (name: string, fallback: unknown) => StyleContextStack.getStyleProperty({}, stack, name, fallback);
    if (off || lines.length === 0 || PDFMAKE_ONLY.some((p) => style(p, null))) {
      // In place: page references and ids point at this very node object.
      node.text = pdfmakeText(lines);
      return measureLeaf.call(this, node);
    }
    const font = this.textInlines.pdfDocument.provideFont(style('font', 'Roboto') as string, style('bold', false) as boolean, style('italics', false) as boolean);
    const fontSize = style('fontSize', 12) as number;
    const height = font.lineHeight(fontSize) * (style('lineHeight', 1) as number);
    const alignment = style('alignment', 'left');
    const color = style('color', 'black');
    const opacity = style('opacity', 1);
    const link = style('link', null);
    const linkToDestination = style('linkToDestination', null);
    let maxWidth = 0;
    // One literal shape for every line's inline (a spread per line was slow and gave each
    // inline its own hidden class).
    node['_inlines'] = lines.map((line, i) => {
      maxWidth = Math.max(maxWidth, line.width);
      return {
        text: line.runs.map((r) => r.text).join(''),
        width: line.width,
        height,
        font,
        fontSize,
        alignment,
        color,
        opacity,
        link,
        linkToDestination,
        characterSpacing: 0,
        leadingCut: 0,
        trailingCut: 0,
        noWrap: true,
        fontFeatures: null,
        decoration: null,
        background: null,
        lineEnd: i < lines.length - 1,
        _runs: line.runs,
      };
    });
    node['_minWidth'] = maxWidth;
    node['_maxWidth'] = maxWidth;
    return node;
  };

  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function renderFinishedLine(line, x, y) {
    const inline = line.inlines[0];
    if (line.inlines.length !== 1 || !inline?._runs || line._pageNodeRef) return renderLine.call(this, line, x, y);
    const doc = this.pdfDocument;
    if (line._outline) {
      const parent = (line._outline.parentId && this.outlineMap[line._outline.parentId]) || doc.outline;
      const item = (parent as PdfKitDoc['outline']).addItem(line._outline.text, { expanded: line._outline.expanded });
      if (line._outline.id) this.outlineMap[line._outline.id] = item;
    }
    const lineHeight = line.getHeight();
    const descent = lineHeight - line.getAscenderHeight();
    const top = (y || 0) + lineHeight - (inline.font.ascender / 1000) * inline.fontSize - descent;
    const left = (x || 0) + (inline.x ?? 0);
    doc.opacity(typeof inline['opacity'] === 'number' ? inline['opacity'] : 1);
    doc.fillColor(doc.resolveColor(inline.color, 'black'));
    doc._font = inline.font;
    doc.fontSize(inline.fontSize);
    if (inline.link != null) doc.link(left, top, inline.width, doc._font.lineHeight(doc._fontSize), inline.link);
    if (inline.linkToDestination != null) doc.goTo(left, top, inline.width, doc._font.lineHeight(doc._fontSize), inline.linkToDestination);
    if (line.id) doc.addNamedDestination(line.id, 'XYZ', left, top, null);
    drawRuns(doc, inline._runs, left, top);
  };
}

/** The same lines as pdfmake inlines (runs and gap moves), for styles only pdfmake draws. */
function pdfmakeText(lines: readonly FinishedLine[]): unknown[] {
  const text: unknown[] = [];
  lines.forEach((line, i) => {
    if (i > 0) text.push('\n');
    text.push(...lineInlines(line));
  });
  return text;
}

/** A glyph as a line draws it: its id in the document's subset (4 hex digits) and its position (pdfkit's units). */
interface DrawnGlyph {
  readonly hex: string;
  readonly xAdvance: number;
  readonly advanceWidth: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

/** What fontkit laid out for one character, in pdfkit's units; `hex` once the glyph is in the document's subset. */
interface CharacterGlyph {
  readonly glyph: { readonly id: number; readonly advanceWidth: number; readonly codePoints: number[] };
  readonly xAdvance: number;
  readonly advanceWidth: number;
  readonly xOffset: number;
  readonly yOffset: number;
  hex: string | undefined;
}

/**
 * Per document font (pdfkit makes one per document), without and with `hwid`: code point
 * → its glyph, or null when the character does not lay out as one glyph.
 */
const characterGlyphs = new WeakMap<PdfKitFont, readonly [Map<number, CharacterGlyph | null>, Map<number, CharacterGlyph | null>]>();

/** A glyph into the font's subset, with pdfkit's bookkeeping (widths, code points for ToUnicode): its hex id. */
function include(font: PdfKitFont & Required<Pick<PdfKitFont, 'subset' | 'widths' | 'unicode' | 'scale'>>, glyph: CharacterGlyph['glyph']): string {
  const gid = font.subset.includeGlyph(glyph.id);
  font.widths[gid] ??= glyph.advanceWidth * font.scale;
  font.unicode[gid] ??= glyph.codePoints;
  return `0000${gid.toString(16)}`.slice(-4);
}

/**
 * pdfkit's `encode` without its layout cache: that cache keeps every distinct run's glyphs
 * and positions until the document ends (tens of MB in a large booklet). Where the
 * font's layout of a run is the layouts of its characters (shapingCache.ts), each
 * character is laid out once per document and its glyph included in the subset once;
 * otherwise the run is laid out whole. Either way the subset receives the same glyphs in
 * the same order as pdfkit's own encode would give it.
 */
function encode(font: PdfKitFont, text: string, hwid: boolean): DrawnGlyph[] {
  const { layoutRun, subset, widths, unicode, scale } = font;
  const features = hwid ? ['hwid'] : undefined;
  if (!layoutRun || !subset || !widths || !unicode || scale === undefined) {
    const [hex, positions] = font.encode(text, features);
    return positions.map((p, i) => ({ hex: hex[i]!, xAdvance: p.xAdvance, advanceWidth: p.advanceWidth, xOffset: p.xOffset, yOffset: p.yOffset }));
  }
  const embedded = font as Parameters<typeof include>[0];
  const fontkitFont = (font as { font?: object }).font;
  if (fontkitFont && shapesByCharacter(fontkitFont, text)) {
    let known = characterGlyphs.get(font);
    if (!known) characterGlyphs.set(font, (known = [new Map(), new Map()]));
    const byCodePoint = known[hwid ? 1 : 0];
    const glyphs: CharacterGlyph[] = [];
    let whole = true;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let g = byCodePoint.get(cp);
      if (g === undefined) {
        const run = layoutRun.call(font, String.fromCodePoint(cp), features);
        const p = run.positions[0];
        const glyph = run.glyphs[0];
        g = run.glyphs.length === 1 && glyph && p ? { glyph, xAdvance: p.xAdvance, advanceWidth: p.advanceWidth, xOffset: p.xOffset, yOffset: p.yOffset, hex: undefined } : null;
        byCodePoint.set(cp, g);
      }
      if (!g) {
        whole = false;
        break;
      }
      glyphs.push(g);
    }
    if (whole) {
      // Included only now, all of the run at once: a run shaped whole instead includes nothing early.
      for (const g of glyphs) g.hex ??= include(embedded, g.glyph);
      return glyphs as DrawnGlyph[];
    }
  }
  const { glyphs, positions } = layoutRun.call(font, text, features);
  return glyphs.map((glyph, i) => {
    const p = positions[i]!;
    return { hex: include(embedded, glyph), xAdvance: p.xAdvance, advanceWidth: p.advanceWidth, xOffset: p.xOffset, yOffset: p.yOffset };
  });
}

/**
 * One text object for a whole line, as pdfkit's `_fragment` would draw each run: origin
 * at the line's top left + ascender, in pdfkit's flipped page space.
 */
function drawRuns(doc: PdfKitDoc, runs: readonly FinishedRun[], x: number, top: number): void {
  const font = doc._font;
  const size = doc._fontSize;
  const scale = size / 1000;
  const y = doc.page.height - top - font.ascender * scale;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${num(x + (runs[0]?.gapBefore ?? 0))} ${num(y)} Tm`);
  doc.addContent(`/${font.id} ${num(size)} Tf`);
  let spacing = 0;
  let pen = x + (runs[0]?.gapBefore ?? 0);
  let ops: string[] = [];
  const flush = () => {
    if (ops.length > 0) doc.addContent(`[${ops.join(' ')}] TJ`);
    ops = [];
  };
  runs.forEach((run, r) => {
    if (r > 0) {
      // Tc also follows a run's last glyph, which the breaker's gap does not include.
      const move = run.gapBefore - spacing;
      if (move !== 0) ops.push(String(num((-move * 1000) / size)));
      pen += move;
    }
    if (run.spacing !== spacing) {
      flush();
      spacing = run.spacing;
      doc.addContent(`${num(spacing)} Tc`);
    }
    if (run.text === '') return;
    let hex = '';
    for (const g of encode(font, run.text, run.hwid)) {
      if (g.xOffset || g.yOffset) {
        // No font we ship positions glyphs (no GPOS), but a font that does is drawn right.
        if (hex !== '') ops.push(`<${hex}>`);
        hex = '';
        flush();
        doc.addContent(`1 0 0 1 ${num(pen + g.xOffset * scale)} ${num(y + g.yOffset * scale)} Tm`);
        doc.addContent(`[<${g.hex}>] TJ`);
        doc.addContent(`1 0 0 1 ${num(pen + g.xAdvance * scale + spacing)} ${num(y)} Tm`);
      } else if (g.xAdvance !== g.advanceWidth) {
        ops.push(`<${hex}${g.hex}>`, String(num(-(g.xAdvance - g.advanceWidth))));
        hex = '';
      } else hex += g.hex;
      pen += g.xAdvance * scale + spacing;
    }
    if (hex !== '') ops.push(`<${hex}>`);
  });
  flush();
  doc.addContent('ET');
  doc.restore();
}
