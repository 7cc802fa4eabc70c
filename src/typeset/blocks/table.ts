import { textOf, type ElementNode } from '../../render/markup.js';
import { classes, elements, type BlockContext, type PdfNode } from './context.js';
import { setText, unbrokenWidth, type TextStyle } from './setText.js';
import { resolveWidths, type TableLayoutSpec } from './tableGeometry.js';

function parseWidths(spec: string | undefined, columns: number): (string | number)[] {
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
  const facts = classes(node).includes('facts');
  const columns = Math.max(1, ...rows.map((r) => elements(r.children).length));
  const geometry: TableLayoutSpec = facts ? { paddingLeft: 6, paddingRight: 6, vLine: 0 } : { paddingLeft: 5, paddingRight: 5, vLine: 0.5 };
  const styleOf = (ri: number, cell: ElementNode): TextStyle => {
    const header = ri < headerRows;
    const label = classes(cell).includes('label');
    const align = cell.attrs['align'];
    return {
      font: header || label ? t.fonts.heading : t.fonts.body,
      bold: header || label,
      fontSize: t.sizes.table,
      lineHeight: 1.4,
      alignment: align === 'right' || align === 'center' ? align : 'left',
      ...(header ? { color: t.colour('accent') } : {}),
    };
  };
  // Natural width of a column: its widest line, set without breaking.
  const natural = (col: number): number =>
    Math.max(
      0,
      ...rows.map((row, ri) => {
        const cell = elements(row.children)[col];
        if (!cell || cell.attrs['colspan']) return 0;
        return unbrokenWidth(textOf(cell), styleOf(ri, cell), ctx);
      }),
    );
  const widths = resolveWidths(parseWidths(node.attrs['widths'], columns), ctx.width, geometry, natural);
  const body = rows.map((row, ri) =>
    elements(row.children).map((cell, ci) => {
      const span = Number(cell.attrs['colspan'] ?? 1);
      const spanned = widths.slice(ci, ci + span).reduce((a, b) => a + b, 0) + (span - 1) * (geometry.paddingLeft + geometry.paddingRight + geometry.vLine);
      const header = ri < headerRows;
      const label = classes(cell).includes('label');
      return {
        ...setText(cell.children, styleOf(ri, cell), ctx.within(spanned)),
        ...(header || (label && !facts) ? { fillColor: t.colour('accentLight') } : {}),
        ...(span > 1 ? { colSpan: span } : {}),
      };
    }),
  );
  return {
    // A header row never ends a page alone: it stays with the first row under it.
    table: { widths, headerRows, ...(headerRows > 0 ? { keepWithHeaderRows: 1 } : {}), dontBreakRows: true, body },
    layout: {
      hLineWidth: () => (facts ? 0.4 : 0.5),
      vLineWidth: () => geometry.vLine,
      hLineColor: () => t.colour('rule'),
      vLineColor: () => t.colour('rule'),
      paddingLeft: () => geometry.paddingLeft,
      paddingRight: () => geometry.paddingRight,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 2, 0, t.sizes.body * 0.8],
  };
}

/** One 目次 line: number, title, dotted rule, and the page the anchor lands on. */
export function tocEntry(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const ref = node.attrs['ref'] ?? '';
  const number = node.attrs['number'];
  const style = { font: t.fonts.heading, fontSize: t.sizes.h3 + 1 };
  const numberWidth = t.sizes.h3 * 2.2;
  const pageWidth = 36;
  return {
    table: {
      widths: [numberWidth, ctx.width - numberWidth - pageWidth, pageWidth],
      body: [[
        { text: number ?? '', ...style, bold: true, color: t.colour('accent') },
        { ...setText(node.children, { ...style, alignment: 'left' }, ctx.within(ctx.width - numberWidth - pageWidth)), linkToDestination: ref },
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
