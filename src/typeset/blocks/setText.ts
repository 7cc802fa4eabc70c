import type { MarkupNode } from '../../render/markup.js';
import { breakParagraph } from '../japanese/breakLines.js';
import { blanks, charClass, CL } from '../japanese/classes.js';
import type { FontMetrics } from '../japanese/metrics.js';
import { setHeading } from '../japanese/heading.js';
import { finishedText } from '../../engine/index.js';
import { recordParagraph } from '../report.js';
import type { BlockContext, FontFamily, PdfNode } from './context.js';
import { inlines } from './inline.js';

export interface TextStyle {
  readonly font: FontFamily;
  readonly bold?: boolean;
  readonly fontSize: number;
  readonly lineHeight?: number;
  readonly color?: string | number[];
  readonly alignment?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in em (字下げ). */
  readonly indent?: number;
  /** With an indent: em from the text edge to a paragraph-opening full-width bracket (the theme's bracketIndent). */
  readonly bracketIndent?: number;
  readonly margin?: readonly number[];
  /** Headings: break between BudouX phrases, balanced, never one character alone. */
  readonly phrases?: boolean;
  /** Body paragraphs: never leave a single line at the top or bottom of a page. */
  readonly keepLines?: boolean;
  /** A label that must stay on one line (the digest's era badge: 平成30年度 never 平成30|年度): set smaller when it does not fit. */
  readonly oneLine?: boolean;
}

/**
 * A paragraph split for widow and orphan control: its first two lines and its last two
 * are unbreakable, so a page break can only fall where two lines stay on each side.
 * `head` is exposed so that a heading before it can be bound to its first lines.
 */
export interface SplitParagraph {
  readonly head: PdfNode;
  readonly rest: readonly PdfNode[];
}
const splits = new WeakMap<PdfNode, SplitParagraph>();

export function splitOf(node: PdfNode): SplitParagraph | undefined {
  return splits.get(node);
}

/** Plain text with forced breaks, or undefined when the content has styled spans. */
function plainText(nodes: readonly MarkupNode[]): string | undefined {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.text;
    else if (n.name === 'br') out += '\n';
    else return undefined;
  }
  return out;
}

/**
 * The first line's indent in em: a paragraph that opens with a bracket set with a blank
 * before its ink (「【（, as the line breaker classes and measures it) puts the ink where the
 * theme says.
 */
function firstIndent(text: string, style: TextStyle, metrics: FontMetrics): number {
  const indent = style.indent ?? 0;
  const cp = text.codePointAt(0);
  if (indent === 0 || style.bracketIndent === undefined || cp === undefined || charClass(cp) !== CL.OPENING) return indent;
  const blank = blanks(CL.OPENING, metrics.advance(cp)).before;
  return blank > 0 ? style.bracketIndent - blank : indent;
}

/**
 * Sets text in lines we break ourselves (JLReq rules, punctuation compression, even
 * spacing) and hands pdfmake one finished line per row. Content with styled spans falls
 * back to pdfmake's own breaking.
 */
export function setText(nodes: readonly MarkupNode[], style: TextStyle, ctx: BlockContext): PdfNode {
  // Nodes are built by assignment, not spreads: in Node 20 adding keys to an object made by
  // a spread (`{ ...a, ...b }`) costs ~10 µs each, a large share of this stage.
  const props: PdfNode = { font: style.font, bold: style.bold ?? false, fontSize: style.fontSize };
  if (style.lineHeight !== undefined) props['lineHeight'] = style.lineHeight;
  if (style.color !== undefined) props['color'] = style.color;
  if (style.margin) props['margin'] = [...style.margin];
  const text = plainText(nodes);
  if (text === undefined || text === '') {
    props['text'] = text ?? inlines(nodes);
    props['alignment'] = style.alignment ?? 'left';
    return props;
  }
  const measure = ctx.width - (style.margin ? (style.margin[0] ?? 0) + (style.margin[2] ?? 0) : 0);
  const metrics = ctx.metrics(style.font, style.bold ?? false);
  // Balancing a heading compares line counts over phrase breaks; past a few lines that
  // search grows quickly and buys nothing, so a very long "heading" is set as a paragraph.
  const lines = style.phrases && text.length <= 200
    ? setHeading(text, { metrics, fontSize: style.fontSize, measure })
    : breakParagraph(text, {
        metrics,
        fontSize: style.fontSize,
        measure,
        justify: (style.alignment ?? 'justify') === 'justify',
        ...(style.indent ? { indent: firstIndent(text, style, metrics) } : {}),
      });
  recordParagraph(ctx.report, lines);
  const alignment = style.alignment === 'justify' || style.alignment === undefined ? 'left' : style.alignment;
  if (!style.keepLines || lines.length < 2) return Object.assign(props, finishedText(lines, { fontSize: style.fontSize, alignment }));
  const { margin, ...textProps } = props;
  const piece = (from: number, to: number): PdfNode => Object.assign({}, textProps, finishedText(lines.slice(from, to), { fontSize: style.fontSize, alignment }));
  const n = lines.length;
  // Three lines or fewer cannot break without leaving one line alone: keep them whole.
  const head: PdfNode = { stack: [piece(0, n <= 3 ? n : 2)], unbreakable: true };
  const rest: PdfNode[] = n <= 3 ? [] : [...(n > 4 ? [piece(2, n - 2)] : []), { stack: [piece(n - 2, n)], unbreakable: true }];
  const node: PdfNode = { stack: [head, ...rest] };
  if (margin) node['margin'] = margin;
  splits.set(node, { head, rest });
  return node;
}

/** The width text takes unbroken, as the line breaker sets it (Japanese–Latin space included). */
export function unbrokenWidth(text: string, style: TextStyle, ctx: BlockContext): number {
  const metrics = ctx.metrics(style.font, style.bold ?? false);
  return Math.max(
    0,
    ...text.split('\n').map((line) =>
      line === '' ? 0 : Math.max(...breakParagraph(line, { metrics, fontSize: style.fontSize, measure: 1e6, justify: false }).map((l) => l.width)),
    ),
  );
}

/**
 * The width of a hanging marker box: `minimum` em, or the widest marker (measured in
 * bold Gothic, the widest face markers are set in) plus `gap` em before the text,
 * whichever is more. `minimum` is one em of marker plus `gap`, so the committed
 * editions' ① and 01 keep the boxes they always had.
 */
export function markerBox(markers: readonly string[], fontSize: number, minimum: number, gap: number, ctx: BlockContext): number {
  const metrics = ctx.metrics('Gothic', true);
  const widest = Math.max(0, ...markers.map((m) => metrics.width(m)));
  const needed = (widest + gap) * fontSize;
  return needed <= fontSize * minimum + 1e-6 ? fontSize * minimum : Math.ceil(needed * 100) / 100;
}

/**
 * A marker (①, 01, ・) hanging in front of a text. pdfmake cannot break a column across
 * pages, so a text too long for one page would be cut off: such a text is set as one
 * paragraph that starts with its marker instead.
 */
export function withMarker(
  marker: PdfNode,
  markerWidth: number,
  nodes: readonly MarkupNode[],
  style: TextStyle,
  ctx: BlockContext,
  margin: readonly number[],
): PdfNode {
  const text = plainText(nodes);
  if (text !== undefined && text.length > 600) {
    const prefixed: MarkupNode[] = [{ type: 'text', text: `${String(marker['text'] ?? '')}` }, ...nodes];
    return { ...setText(prefixed, { ...style, phrases: false, keepLines: false }, ctx), margin: [...margin] };
  }
  return {
    columns: [
      { width: markerWidth, ...marker },
      { width: ctx.width - markerWidth, ...setText(nodes, style, ctx.within(ctx.width - markerWidth)) },
    ],
    columnGap: 0,
    margin: [...margin],
  };
}
