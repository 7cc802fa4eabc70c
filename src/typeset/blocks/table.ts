import type { ElementNode } from '../../render/markup.js';
import { classes, elements, type BlockContext, type PdfNode } from './context.js';
import { inlines } from './inline.js';

function widths(spec: string | undefined, columns: number): (string | number)[] {
  const given = (spec ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return Array.from({ length: columns }, (_, i) => {
    const w = given[i] ?? '*';
    return /^\d+(\.\d+)?$/.test(w) ? Number(w) : w;
  });
}

export function table(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const rows = elements(node.children).filter((r) => r.name === 'row');
  const headerRows = Number(node.attrs['header-rows'] ?? 0);
  const cls = classes(node);
  const facts = cls.includes('facts');
  const columns = Math.max(1, ...rows.map((r) => elements(r.children).length));
  const body = rows.map((row, ri) =>
    elements(row.children).map((cell) => {
      const header = ri < headerRows;
      const label = classes(cell).includes('label');
      return {
        text: inlines(cell.children),
        font: header || label ? t.fonts.heading : t.fonts.body,
        bold: header || label,
        fontSize: t.sizes.table,
        lineHeight: 1.4,
        alignment: cell.attrs['align'] ?? 'left',
        ...(header ? { fillColor: t.colour('accentLight'), color: t.colour('accent') } : {}),
        ...(label && !facts ? { fillColor: t.colour('accentLight') } : {}),
        ...(cell.attrs['colspan'] ? { colSpan: Number(cell.attrs['colspan']) } : {}),
      };
    }),
  );
  return {
    table: { widths: widths(node.attrs['widths'], columns), headerRows, dontBreakRows: true, body },
    layout: facts
      ? {
          hLineWidth: () => 0.4,
          vLineWidth: () => 0,
          hLineColor: () => t.colour('rule'),
          paddingLeft: (i: number) => (i === 0 ? 0 : 12),
          paddingTop: () => 3,
          paddingBottom: () => 3,
        }
      : {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => t.colour('rule'),
          vLineColor: () => t.colour('rule'),
          paddingLeft: () => 5,
          paddingRight: () => 5,
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
    margin: [0, 2, 0, t.sizes.body * 0.8],
  };
}

/** One 目次 line: number, title, dotted leader, and the page the anchor lands on. */
export function tocEntry(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const ref = node.attrs['ref'] ?? '';
  const number = node.attrs['number'];
  const style = { font: t.fonts.heading, fontSize: t.sizes.h3 + 1 };
  return {
    table: {
      widths: [t.sizes.h3 * 2.2, '*', 36],
      body: [[
        { text: number ?? '', ...style, bold: true, color: t.colour('accent') },
        { text: inlines(node.children), ...style, linkToDestination: ref },
        { text: '00', pageReference: ref, ...style, alignment: 'right', linkToDestination: ref },
      ]],
    },
    layout: {
      hLineWidth: (i: number) => (i === 1 ? 0.6 : 0),
      vLineWidth: () => 0,
      hLineColor: () => t.colour('rule'),
      hLineStyle: () => ({ dash: { length: 1, space: 2 } }),
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 7,
      paddingBottom: () => 5,
    },
  };
}
