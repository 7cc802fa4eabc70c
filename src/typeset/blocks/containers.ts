import type { ElementNode } from '../../render/markup.js';
import { classes, elements, SHORT_TEXT, textLength, type BlockContext, type PdfNode } from './context.js';
import { markerBox, withMarker } from './setText.js';
import { stripLogo } from './logo.js';

export function list(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const cls = classes(node);
  const digest = cls.includes('digest');
  const cover = cls.includes('cover-index');
  // A list in running text stands in by the paragraph indent (one em), its marks hanging there.
  const prose = cls.includes('text');
  const indent = prose ? t.sizes.body : 0;
  const items = elements(node.children);
  const column = cover ? coverColumns(items.length, ctx.width) : { count: 1, width: ctx.width, per: items.length };
  // Past three full columns the cover's entries get smaller, so the list keeps the height of ten.
  const size = digest ? t.sizes.small : cover ? Math.max(t.sizes.small, ((t.sizes.h3 + 1) * Math.min(column.per, COVER_COLUMN_ITEMS)) / column.per) : t.sizes.body;
  const lineHeight = digest ? 1.25 : prose ? t.sizes.lineHeight : 1.5;
  const font = cover ? t.fonts.heading : t.fonts.body;
  const markerWidth = markerBox(items.map((i) => i.attrs['marker'] ?? '・'), size, cover ? 2 : 1.15, cover ? 1 : 0.15, ctx);
  const within = column.count > 1 ? ctx.within(column.width) : indent > 0 ? ctx.within(ctx.width - indent) : ctx;
  const entries = items.map((item) =>
    withMarker(
      { text: item.attrs['marker'] ?? '・', font: t.fonts.heading, bold: cover, fontSize: size, color: t.colour('accent'), lineHeight },
      markerWidth,
      item.children,
      { font, fontSize: size, lineHeight, alignment: prose ? 'justify' : 'left' },
      within,
      [indent, 0, 0, digest ? 0.5 : cover ? 3 : 2],
    ),
  );
  const margin = [0, 0, 0, digest ? 3 : 6];
  if (column.count === 1) return { stack: entries, margin };
  // Down the first column, then the next, as a reader of a 目次 expects.
  const per = column.per;
  return {
    columns: Array.from({ length: column.count }, (_, k) => ({ width: column.width, stack: entries.slice(k * per, (k + 1) * per) })),
    columnGap: COVER_COLUMN_GAP,
    margin,
  };
}

/** The cover lists up to this many departments in one column; more go in two or three. */
const COVER_COLUMN_ITEMS = 10;
const COVER_COLUMN_GAP = 18;

/** How many columns the cover's department list takes, how wide each is (pt) and how many entries each holds. */
export function coverColumns(items: number, width: number): { count: number; width: number; per: number } {
  const count = Math.min(3, Math.max(1, Math.ceil(items / COVER_COLUMN_ITEMS)));
  return { count, width: (width - COVER_COLUMN_GAP * (count - 1)) / count, per: Math.max(1, Math.ceil(items / count)) };
}

const BAND_STYLES: Readonly<Record<string, { padding: [number, number, number, number]; margin: [number, number, number, number] }>> = {
  // On the cover the colour is the page background (it runs into the bleed); the band only places the text.
  cover: { padding: [0, 70, 0, 40], margin: [0, 40, 0, 0] },
  department: { padding: [14, 14, 14, 12], margin: [0, 0, 0, 16] },
  strip: { padding: [10, 6, 10, 6], margin: [0, 0, 0, 10] },
  // The space below keeps the lead off the badge when the headline beside it is one line.
  era: { padding: [4, 8, 4, 8], margin: [0, 0, 0, 8] },
};

/** A one-cell table whose content width is the container's minus paddings and rules. */
function cell(ctx: BlockContext, node: ElementNode, pad: [number, number, number, number], rule: number, fill?: string | number[]): PdfNode {
  const [pl, pt, pr, pb] = pad;
  const inner = ctx.within(ctx.width - pl - pr - 2 * rule);
  return {
    table: { widths: [inner.width], body: [[{ stack: inner.blocks(node.children), ...(fill !== undefined ? { fillColor: fill } : {}) }]] },
    layout: {
      hLineWidth: () => rule,
      vLineWidth: () => rule,
      hLineColor: () => ctx.theme.colour('rule'),
      vLineColor: () => ctx.theme.colour('rule'),
      paddingLeft: () => pl,
      paddingRight: () => pr,
      paddingTop: () => pt,
      paddingBottom: () => pb,
    },
  };
}

/** A block on a solid accent colour: the cover, department title, insert strip. */
export function band(node: ElementNode, ctx: BlockContext): PdfNode {
  const kind = classes(node)[0] ?? 'department';
  const style = BAND_STYLES[kind] ?? BAND_STYLES['department']!;
  const fill = kind === 'cover' ? undefined : ctx.theme.colour('accent');
  const withLogo = elements(node.children).some((c) => c.name === 'logo' && c.attrs['place'] === 'strip');
  const logo = withLogo ? stripLogo(ctx.within(ctx.width - style.padding[0] - style.padding[2])) : undefined;
  // A band is a strip of a line or two: never split across pages (pagination relies on
  // it). One whose text runs longer (a title of thousands of characters) may break rather
  // than be dropped.
  const dontBreakRows = textLength(node) <= SHORT_TEXT;
  if (!logo) {
    const strip = cell(ctx, withLogo ? withoutLogo(node) : node, style.padding, 0, fill);
    return { ...strip, table: { ...(strip['table'] as object), dontBreakRows }, margin: style.margin };
  }
  // The logo at the strip's right end; the texts keep the rest of the width.
  const [pl, pt, pr, pb] = style.padding;
  const inner = ctx.within(ctx.width - pl - pr);
  const text = inner.within(inner.width - logo.width - logo.gap);
  return {
    table: {
      widths: [inner.width],
      dontBreakRows,
      body: [
        [
          {
            columns: [
              { width: text.width, stack: text.blocks(withoutLogo(node).children) },
              { width: logo.width, stack: [logo.node] },
            ],
            columnGap: logo.gap,
            ...(fill !== undefined ? { fillColor: fill } : {}),
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => pl, paddingRight: () => pr, paddingTop: () => pt, paddingBottom: () => pb },
    margin: style.margin,
  };
}

function withoutLogo(node: ElementNode): ElementNode {
  return { ...node, children: node.children.filter((c) => !(c.type === 'element' && c.name === 'logo')) };
}

export function box(node: ElementNode, ctx: BlockContext): PdfNode {
  const tinted = classes(node).some((c) => c === 'topic' || c === 'closing');
  return { ...cell(ctx, node, [9, 7, 9, 3], 0.6, tinted ? ctx.theme.colour('accentLight') : undefined), margin: [0, 4, 0, 10] };
}

export function columns(node: ElementNode, ctx: BlockContext): PdfNode {
  const cols = elements(node.children);
  const gap = Number(node.attrs['gap'] ?? 12);
  const fixed = cols.map((c) => (/^\d+(\.\d+)?$/.test(c.attrs['width'] ?? '*') ? Number(c.attrs['width']) : undefined));
  const stars = fixed.filter((w) => w === undefined).length;
  const rest = ctx.width - gap * (cols.length - 1) - fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
  return {
    columns: cols.map((col, i) => {
      const width = fixed[i] ?? rest / stars;
      return { width, stack: ctx.within(width).blocks(col.children) };
    }),
    columnGap: gap,
  };
}

export function spacer(node: ElementNode): PdfNode {
  return { text: '', margin: [0, Number(node.attrs['height'] ?? 12), 0, 0] };
}
