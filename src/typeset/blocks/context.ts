import type { ElementNode, MarkupNode } from '../../render/markup.js';
import type { FontFamily, PdfNode } from '../../engine/index.js';
import type { FontMetrics } from '../japanese/metrics.js';
import type { Theme } from '../theme.js';
import type { TypesetReport } from '../report.js';

export type { FontFamily, PdfNode };
export type Inline = string | PdfNode;

/** Metrics of the faces the booklet sets text in; bold is always Gothic Bold. */
export type MetricsFor = (family: FontFamily, bold: boolean) => FontMetrics;

export interface BlockContext {
  readonly theme: Theme;
  /**
   * The width (pt) pdfmake will give the current block. Lines are broken here, so this
   * must be exactly pdfmake's availableWidth: containers compute their children's widths
   * themselves (numeric table and column widths) instead of leaving it to pdfmake.
   */
  readonly width: number;
  readonly metrics: MetricsFor;
  /** Counts lines and rule violations of this document as they are set. */
  readonly report: TypesetReport;
  /** The same context for a narrower container. */
  within(width: number): BlockContext;
  /** Converts a child block; blocks recurse through this so containers stay generic. */
  block(node: ElementNode): PdfNode;
  blocks(nodes: readonly MarkupNode[]): PdfNode[];
}

export function elements(nodes: readonly MarkupNode[]): ElementNode[] {
  return nodes.filter((n): n is ElementNode => n.type === 'element');
}

/** Characters of text under a node: how long a block can get, before it is set. */
export const textLength = (n: MarkupNode): number => (n.type === 'text' ? n.text.length : n.children.reduce((s, c) => s + textLength(c), 0));

/**
 * Kept on one page at most this long: pdfmake drops an unbreakable block taller than a
 * page without a word, so only texts that surely fit in a few lines are held together.
 */
export const SHORT_TEXT = 200;

export function classes(node: ElementNode): string[] {
  return (node.attrs['class'] ?? '').split(/\s+/).filter(Boolean);
}
