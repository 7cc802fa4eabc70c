import type { ElementNode } from '../../render/markup.js';
import { classes, elements, type BlockContext, type PdfNode } from './context.js';
import { inlines } from './inline.js';

export function list(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const cls = classes(node);
  const digest = cls.includes('digest');
  const cover = cls.includes('cover-index');
  const size = digest ? t.sizes.small : cover ? t.sizes.h3 + 1 : t.sizes.body;
  const font = cover ? t.fonts.heading : t.fonts.body;
  return {
    stack: elements(node.children).map((item) => ({
      columns: [
        { width: size * (cover ? 2 : 1.15), text: item.attrs['marker'] ?? '・', font: t.fonts.heading, bold: cover, fontSize: size, color: t.colour('accent') },
        { width: '*', text: inlines(item.children), font, fontSize: size, lineHeight: digest ? 1.25 : 1.5 },
      ],
      columnGap: 0,
      margin: [0, 0, 0, digest ? 0.5 : cover ? 3 : 2],
    })),
    margin: [0, 0, 0, digest ? 3 : 6],
  };
}

const BAND_STYLES: Readonly<Record<string, { padding: [number, number, number, number]; margin: [number, number, number, number] }>> = {
  cover: { padding: [24, 60, 24, 40], margin: [0, 40, 0, 0] },
  department: { padding: [14, 14, 14, 12], margin: [0, 0, 0, 16] },
  strip: { padding: [10, 6, 10, 6], margin: [0, 0, 0, 10] },
  era: { padding: [4, 8, 4, 8], margin: [0, 0, 0, 0] },
};

/** A block on a solid accent colour: the cover, department title, insert strip. */
export function band(node: ElementNode, ctx: BlockContext): PdfNode {
  const style = BAND_STYLES[classes(node)[0] ?? 'department'] ?? BAND_STYLES['department']!;
  const [pl, pt, pr, pb] = style.padding;
  return {
    table: { widths: ['*'], body: [[{ stack: ctx.blocks(node.children), fillColor: ctx.theme.colour('accent') }]] },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => pl, paddingRight: () => pr, paddingTop: () => pt, paddingBottom: () => pb },
    margin: style.margin,
  };
}

export function box(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const tinted = classes(node).some((c) => c === 'topic' || c === 'closing');
  return {
    table: { widths: ['*'], body: [[{ stack: ctx.blocks(node.children), ...(tinted ? { fillColor: t.colour('accentLight') } : {}) }]], dontBreakRows: false },
    layout: {
      hLineWidth: () => 0.6,
      vLineWidth: () => 0.6,
      hLineColor: () => t.colour('rule'),
      vLineColor: () => t.colour('rule'),
      paddingLeft: () => 9,
      paddingRight: () => 9,
      paddingTop: () => 7,
      paddingBottom: () => 3,
    },
    margin: [0, 4, 0, 10],
  };
}

export function columns(node: ElementNode, ctx: BlockContext): PdfNode {
  return {
    columns: elements(node.children).map((col) => {
      const w = col.attrs['width'] ?? '*';
      return { width: /^\d+(\.\d+)?$/.test(w) ? Number(w) : w, stack: ctx.blocks(col.children) };
    }),
    columnGap: Number(node.attrs['gap'] ?? 12),
  };
}

export function spacer(node: ElementNode): PdfNode {
  return { text: '', margin: [0, Number(node.attrs['height'] ?? 12), 0, 0] };
}
