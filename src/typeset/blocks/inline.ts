import type { MarkupNode } from '../../render/markup.js';
import type { Inline } from './context.js';

/** Inline markup → pdfmake inlines. Bold is set in Gothic Bold (Mincho has no bold). */
export function inlines(nodes: readonly MarkupNode[], bold = false): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push(bold ? { text: n.text, bold: true, font: 'Gothic' } : n.text);
    else if (n.name === 'br') out.push('\n');
    else if (n.name === 'b') out.push(...inlines(n.children, true));
  }
  return out;
}
