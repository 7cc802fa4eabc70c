/**
 * How tall a part's content will be when pdfmake lays it out at the top of a page, guessed
 * from the document definition before pdfmake runs: the lines are already set (finished
 * lines), so a part's height is its lines' boxes, the tables' paddings and rules and the
 * blocks' margins, summed as pdfmake stacks them.
 *
 * Only a guess for pagination's first decisions (see pagination.ts): the layout itself
 * checks every decision, and a wrong guess costs a layout pass, never a page. Content
 * whose height cannot be told (text pdfmake breaks itself, vectors, a forced page break)
 * gives undefined.
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

type TableLayout = Partial<Record<'hLineWidth' | 'paddingTop' | 'paddingBottom', (i: number, node: PdfNode) => number>>;

/** Top and bottom of a pdfmake margin (a number, [horizontal, vertical] or [left, top, right, bottom]). */
function vertical(margin: unknown): number {
  if (typeof margin === 'number') return 2 * margin;
  if (!Array.isArray(margin)) return 0;
  if (margin.length === 2) return 2 * (Number(margin[1]) || 0);
  return (Number(margin[1]) || 0) + (Number(margin[3]) || 0);
}

function inherit(s: InheritedStyle, node: PdfNode): InheritedStyle {
  const font = node['font'];
  const bold = node['bold'];
  const fontSize = node['fontSize'];
  const lineHeight = node['lineHeight'];
  if (font === undefined && bold === undefined && fontSize === undefined && lineHeight === undefined) return s;
  return {
    font: typeof font === 'string' ? (font as FontFamily) : s.font,
    bold: typeof bold === 'boolean' ? bold : s.bold,
    fontSize: typeof fontSize === 'number' ? fontSize : s.fontSize,
    lineHeight: typeof lineHeight === 'number' ? lineHeight : s.lineHeight,
  };
}

const sum = (xs: readonly (number | undefined)[]): number | undefined => xs.reduce<number | undefined>((a, x) => (a === undefined || x === undefined ? undefined : a + x), 0);

/** The height of a node laid out whole, its margins included; undefined when it cannot be told. */
export function estimateHeight(node: unknown, style: InheritedStyle, metrics: MetricsFor): number | undefined {
  if (typeof node === 'string') return metrics(style.font, style.bold).lineBox * style.fontSize * style.lineHeight * node.split('\n').length;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const n = node as PdfNode;
  if (n['pageBreak'] !== undefined || n['relativePosition'] !== undefined || n['absolutePosition'] !== undefined) return undefined;
  const s = inherit(style, n);
  const line = () => metrics(s.font, s.bold).lineBox * s.fontSize * s.lineHeight;
  let own: number | undefined;
  const lines = (n as { [FINISHED_LINES]?: readonly unknown[] })[FINISHED_LINES];
  if (lines) own = lines.length * line();
  else if (Array.isArray(n['stack'])) own = sum((n['stack'] as unknown[]).map((c) => estimateHeight(c, s, metrics)));
  else if (Array.isArray(n['columns'])) {
    const cols = (n['columns'] as unknown[]).map((c) => estimateHeight(c, s, metrics));
    own = cols.includes(undefined) ? undefined : Math.max(0, ...(cols as number[]));
  } else if (n['table'] !== undefined) own = tableHeight(n, s, metrics);
  else if (typeof n['text'] === 'string') own = (n['text'] as string).split('\n').length * line();
  else if ((n['image'] !== undefined || n['svg'] !== undefined) && typeof n['height'] === 'number') own = n['height'] as number;
  return own === undefined ? undefined : own + vertical(n['margin']);
}

/** Rows of cells, each padded, with the horizontal rules between and around them. */
function tableHeight(node: PdfNode, s: InheritedStyle, metrics: MetricsFor): number | undefined {
  const body = (node['table'] as { body?: unknown[][] }).body;
  const layout = node['layout'] as TableLayout | undefined;
  if (!Array.isArray(body) || typeof layout !== 'object' || layout === null) return undefined;
  const at = (f: TableLayout[keyof TableLayout], i: number) => (f ? f(i, node) : 0);
  let total = at(layout.hLineWidth, 0);
  for (const [i, row] of body.entries()) {
    const cells = row.map((c) => estimateHeight(c, s, metrics));
    if (cells.includes(undefined)) return undefined;
    total += at(layout.paddingTop, i) + Math.max(0, ...(cells as number[])) + at(layout.paddingBottom, i) + at(layout.hLineWidth, i + 1);
  }
  return total;
}
