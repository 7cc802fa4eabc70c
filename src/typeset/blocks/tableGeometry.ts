/**
 * pdfmake's table geometry (DocMeasure.getOffsets): a column's content width is its
 * `widths` entry; around it sit its paddings and the vertical lines. Computing the
 * widths here, as numbers, is what lets lines be broken for the exact cell width.
 */
export interface TableLayoutSpec {
  readonly paddingLeft: number;
  readonly paddingRight: number;
  /** Width of every vertical line, outer ones included. */
  readonly vLine: number;
}

export function offsetsTotal(columns: number, l: TableLayoutSpec): number {
  return columns * (l.paddingLeft + l.paddingRight) + (columns + 1) * l.vLine;
}

/**
 * Resolves `*`, `auto` and point widths to numbers that fill `available`: fixed first,
 * then `auto` columns at their natural width (capped so stars keep room), then stars
 * share what is left.
 */
export function resolveWidths(
  spec: readonly (string | number)[],
  available: number,
  layout: TableLayoutSpec,
  natural: (column: number) => number,
): number[] {
  const inner = available - offsetsTotal(spec.length, layout);
  const widths = spec.map((w) => (typeof w === 'number' ? w : 0));
  let left = inner - widths.reduce((a, b) => a + b, 0);
  const stars = spec.filter((w) => w === '*').length;
  spec.forEach((w, i) => {
    if (w !== 'auto') return;
    const cap = stars > 0 ? left * 0.45 : left;
    widths[i] = Math.min(Math.ceil(natural(i) * 100) / 100, cap);
    left -= widths[i]!;
  });
  spec.forEach((w, i) => {
    if (w === '*') widths[i] = left / stars;
  });
  return widths;
}
