/**
 * Finished lines straight into the PDF, past pdfmake's inline machinery.
 *
 * Our line breaker (typeset/japanese) has already decided every line, every run and every
 * gap. Handed to pdfmake as inlines, each run and each gap became an inline object that
 * pdfmake measured again (a font layout per run), placed and drew with one pdfkit text
 * object per run — the largest share of pdfmake's time and memory for body text. A text
 * node that carries `_setLines` (see toPdfmake) is instead measured here as one inline
 * per line, whose size we already know, and drawn as one text object per line: runs are
 * TJ strings, gaps TJ displacements, spacing Tc, exactly the positions the breaker set.
 *
 * pdfmake still owns everything around a line: styles (font, size, colour, line height
 * inherited as usual), page breaks between lines, unbreakable groups, alignment of
 * centred or right-aligned lines, ids (named destinations), bookmarks and links. Styles
 * this path does not draw (decoration, background, sup/sub, page links) fall back to
 * pdfmake's own inlines, built from the same lines.
 */
import type { LineRun, SetLine } from '../typeset/japanese/breakLines.js';
import { lineInlines } from '../typeset/japanese/toPdfmake.js';

/** What toPdfmake puts on a text node whose lines are final. */
export interface SetLinesNode {
  text: unknown;
  _setLines?: readonly SetLine[];
}

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
  _runs?: readonly LineRun[];
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
  measureLeaf(this: DocMeasureProto, node: SetLinesNode & Record<string, unknown>): unknown;
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

let installed = false;

/** Patches pdfmake's measuring and drawing of text lines; once per process. */
export function installFinishedLines(require: NodeJS.Require): void {
  if (installed) return;
  installed = true;
  const StyleContextStack = (require('pdfmake/js/StyleContextStack') as { default: StyleContextStackClass }).default;
  const DocMeasure = (require('pdfmake/js/DocMeasure') as { default: { prototype: DocMeasureProto } }).default;
  const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: RendererProto } }).default;

  // For comparisons (bench, tests): BOOKLET_NO_FINISHED_LINES=1 hands pdfmake inlines again.
  const off = process.env['BOOKLET_NO_FINISHED_LINES'] === '1';
  const measureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function measureSetLines(node) {
    const lines = node._setLines;
    if (!lines) return measureLeaf.call(this, node);
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
  Renderer.prototype.renderLine = function renderSetLine(line, x, y) {
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
function pdfmakeText(lines: readonly SetLine[]): unknown[] {
  const text: unknown[] = [];
  lines.forEach((line, i) => {
    if (i > 0) text.push('\n');
    text.push(...lineInlines(line));
  });
  return text;
}

/**
 * pdfkit's `encode` without its layout cache: that cache keeps every distinct run's glyphs
 * and positions until the document ends (tens of MB in a large booklet), while the
 * per-character shaping cache under `layoutRun` already makes shaping cheap. Same
 * bookkeeping as pdfkit: subset glyph ids, widths and code points for ToUnicode.
 */
function encode(font: PdfKitFont, text: string, features: string[] | undefined): [string[], Position[]] {
  const { layoutRun, subset, widths, unicode, scale } = font;
  if (!layoutRun || !subset || !widths || !unicode || scale === undefined) return font.encode(text, features);
  const { glyphs, positions } = layoutRun.call(font, text, features);
  const hex: string[] = [];
  for (const glyph of glyphs) {
    const gid = subset.includeGlyph(glyph.id);
    hex.push(`0000${gid.toString(16)}`.slice(-4));
    widths[gid] ??= glyph.advanceWidth * scale;
    unicode[gid] ??= glyph.codePoints;
  }
  return [hex, positions];
}

/**
 * One text object for a whole line, as pdfkit's `_fragment` would draw each run: origin
 * at the line's top left + ascender, in pdfkit's flipped page space.
 */
function drawRuns(doc: PdfKitDoc, runs: readonly LineRun[], x: number, top: number): void {
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
    const [glyphs, positions] = encode(font, run.text, run.hwid ? ['hwid'] : undefined);
    let from = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      if (p.xOffset || p.yOffset) {
        // No font we ship positions glyphs (no GPOS), but a font that does is drawn right.
        if (from < i) ops.push(`<${glyphs.slice(from, i).join('')}>`);
        flush();
        doc.addContent(`1 0 0 1 ${num(pen + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm`);
        doc.addContent(`[<${glyphs[i]}>] TJ`);
        doc.addContent(`1 0 0 1 ${num(pen + p.xAdvance * scale + spacing)} ${num(y)} Tm`);
        from = i + 1;
      } else if (p.xAdvance !== p.advanceWidth) {
        ops.push(`<${glyphs.slice(from, i + 1).join('')}>`, String(num(-(p.xAdvance - p.advanceWidth))));
        from = i + 1;
      }
      pen += p.xAdvance * scale + spacing;
    }
    if (from < positions.length) ops.push(`<${glyphs.slice(from).join('')}>`);
  });
  flush();
  doc.addContent('ET');
  doc.restore();
}
