/**
 * How tall a part's content will be when pdfmake lays it out at the top of a page, guessed
 * from the document definition before pdfmake runs: the lines are already set (finished
 * lines), so a part's height is its lines' boxes, the tables' paddings and rules and the
 * blocks' margins, summed as pdfmake stacks them.
 *
 * Only a guess for pagination's first decisions (see pagination.ts): the layout itself
 * checks every decision, and a wrong guess costs a layout pass, never a page. Content
 * whose height cannot be told (a table without its layout, vectors) gives undefined.
 */
import { FINISHED_LINES } from '../engine/index.js';
import type { FontFamily, MetricsFor, PdfNode } from './blocks/context.js';

/** The styles pdfmake passes down that a line's height depends on. */
export interface InheritedStyle {
  readonly font: FontFamily;
  readonly bold: boolean;
  readonly fontSize: number;
  readonly lineHeight: number;
}

interface Style extends InheritedStyle {
  /** pt of one line in this style. */
  readonly line: number;
}

type TableLayout = Partial<Record<'hLineWidth' | 'paddingTop' | 'paddingBottom', (i: number, node: PdfNode) => number>>;

/** Top and bottom of a pdfmake margin (a number, [horizontal, vertical] or [left, top, right, bottom]). */
function vertical(margin: unknown): number {
  if (margin === undefined) return 0;
  if (typeof margin === 'number') return 2 * margin;
  if (!Array.isArray(margin)) return 0;
  if (margin.length === 2) return 2 * (Number(margin[1]) || 0);
  return (Number(margin[1]) || 0) + (Number(margin[3]) || 0);
}

/**
 * The height of blocks laid out one below the other, margins included; undefined when it
 * cannot be told. Past `limit` the blocks after are not looked at: the height returned is
 * then only known to be more than `limit`.
 */
export function estimateHeight(blocks: readonly unknown[], style: InheritedStyle, metrics: MetricsFor, limit = Infinity): number | undefined {
  // Styles met while walking (a handful): a text node names its style in full.
  const styles: Style[] = [];
  const styled = (font: FontFamily, bold: boolean, fontSize: number, lineHeight: number): Style => {
    for (const s of styles) if (s.font === font && s.bold === bold && s.fontSize === fontSize && s.lineHeight === lineHeight) return s;
    const s = { font, bold, fontSize, lineHeight, line: metrics(font, bold).lineBox * fontSize * lineHeight };
    styles.push(s);
    return s;
  };
  const inherit = (s: Style, n: PdfNode): Style => {
    const { font, bold, fontSize, lineHeight } = n;
    if (font === undefined && bold === undefined && fontSize === undefined && lineHeight === undefined) return s;
    return styled(
      typeof font === 'string' ? (font as FontFamily) : s.font,
      typeof bold === 'boolean' ? bold : s.bold,
      typeof fontSize === 'number' ? fontSize : s.fontSize,
      typeof lineHeight === 'number' ? lineHeight : s.lineHeight,
    );
  };
  const heightOf = (node: unknown, s: Style): number | undefined => {
    if (typeof node === 'string') return s.line * node.split('\n').length;
    if (typeof node !== 'object' || node === null) return undefined;
    const n = node as PdfNode & { [FINISHED_LINES]?: readonly unknown[] };
    const own = inherit(s, n);
    let h: number | undefined;
    const lines = n[FINISHED_LINES];
    if (lines) h = lines.length * own.line;
    else if (Array.isArray(n['stack'])) h = sum(n['stack'] as unknown[], own);
    else if (Array.isArray(n['columns'])) h = tallest(n['columns'] as unknown[], own);
    else if (n['table'] !== undefined) h = tableHeight(n, own);
    else if (typeof n['text'] === 'string') h = (n['text'] as string).split('\n').length * own.line;
    else if ((n['image'] !== undefined || n['svg'] !== undefined) && typeof n['height'] === 'number') h = n['height'] as number;
    return h === undefined ? undefined : h + vertical(n['margin']);
  };
  const sum = (nodes: readonly unknown[], s: Style, most = Infinity): number | undefined => {
    let total = 0;
    for (const c of nodes) {
      const h = heightOf(c, s);
      if (h === undefined) return undefined;
      total += h;
      if (total > most) break;
    }
    return total;
  };
  const tallest = (nodes: readonly unknown[], s: Style): number | undefined => {
    let most = 0;
    for (const c of nodes) {
      const h = heightOf(c, s);
      if (h === undefined) return undefined;
      most = Math.max(most, h);
    }
    return most;
  };
  /** Rows of cells, each padded, with the horizontal rules between and around them. */
  const tableHeight = (n: PdfNode, s: Style): number | undefined => {
    const body = (n['table'] as { body?: unknown[][] }).body;
    const layout = n['layout'] as TableLayout | undefined;
    if (!Array.isArray(body) || typeof layout !== 'object' || layout === null) return undefined;
    const at = (f: TableLayout[keyof TableLayout], i: number) => (f ? f(i, n) : 0);
    let total = at(layout.hLineWidth, 0);
    for (const [i, row] of body.entries()) {
      const cells = tallest(row, s);
      if (cells === undefined) return undefined;
      total += at(layout.paddingTop, i) + cells + at(layout.paddingBottom, i) + at(layout.hLineWidth, i + 1);
    }
    return total;
  };
  return sum(blocks, styled(style.font, style.bold, style.fontSize, style.lineHeight), limit);
}
