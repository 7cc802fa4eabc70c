import type { ElementNode, MarkupNode } from '../../render/markup.js';
import type { Theme } from '../theme.js';

/** pdfmake content, kept loose: pdfmake's own types reject valid nodes it documents. */
export type PdfNode = Record<string, unknown>;
export type Inline = string | PdfNode;

export interface BlockContext {
  readonly theme: Theme;
  /** Converts a child block; blocks recurse through this so containers stay generic. */
  block(node: ElementNode): PdfNode;
  blocks(nodes: readonly MarkupNode[]): PdfNode[];
}

export function elements(nodes: readonly MarkupNode[]): ElementNode[] {
  return nodes.filter((n): n is ElementNode => n.type === 'element');
}

export function classes(node: ElementNode): string[] {
  return (node.attrs['class'] ?? '').split(/\s+/).filter(Boolean);
}
