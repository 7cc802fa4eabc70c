// Sheet geometry and crop marks (トンボ) for one print page.
import { fmt } from './colour.js';

export type Box = readonly [number, number, number, number];
export type Segment = readonly [number, number, number, number];

export interface PageGeometry {
  /** Translation that puts the original page's origin at the trim's lower-left corner. */
  readonly offset: number;
  readonly media: Box;
  readonly bleed: Box;
  readonly trim: Box;
  readonly bleedWidth: number;
  readonly markArea: number;
}

/** PDF numbers are decimals: round to 6 places so trim − offset is the original size exactly. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export function geometry(width: number, height: number, bleed: number, markArea: number): PageGeometry {
  const o = round6(bleed + markArea);
  const b = round6(bleed);
  return {
    offset: o,
    media: [0, 0, round6(width + 2 * o), round6(height + 2 * o)],
    bleed: [round6(o - b), round6(o - b), round6(o + width + b), round6(o + height + b)],
    trim: [o, o, round6(o + width), round6(o + height)],
    bleedWidth: b,
    markArea,
  };
}

/** Gap between a mark's outer end and the edge of the sheet. */
function edgeGap(markArea: number): number {
  return Math.min(3, markArea * 0.15);
}

/**
 * Japanese double corner marks and centre marks, as line segments [x1, y1, x2, y2]. At each
 * corner the inner lines sit on the trim and the outer lines on the bleed, in both
 * directions; every line starts at the bleed box and runs outwards, so no mark enters it.
 * Centre marks are a line on the centre axis of each edge crossed by a short bar. With
 * `fold` (a two-page sheet) the top and bottom centre marks are fold marks instead: the
 * line at the spine without a bar.
 */
export function markSegments(g: PageGeometry, fold = false): Segment[] {
  const [x0, y0, x1, y1] = g.trim;
  const b = g.bleedWidth;
  const m = g.markArea;
  const reach = b + m - edgeGap(m); // distance from the trim to the mark's outer end
  if (m - edgeGap(m) <= 1) return [];
  const segs: Segment[] = [];
  for (const [cx, dx] of [
    [x0, -1],
    [x1, 1],
  ] as const) {
    for (const [cy, dy] of [
      [y0, -1],
      [y1, 1],
    ] as const) {
      // Horizontal pair: inner on the trim line, outer on the bleed line.
      segs.push([cx + dx * b, cy, cx + dx * reach, cy]);
      segs.push([cx, cy + dy * b, cx + dx * reach, cy + dy * b]);
      // Vertical pair.
      segs.push([cx, cy + dy * b, cx, cy + dy * reach]);
      segs.push([cx + dx * b, cy, cx + dx * b, cy + dy * reach]);
    }
  }
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const bar = Math.min(10, m * 0.4); // half length of the crossing bar
  const barAt = b + (m - edgeGap(m)) * 0.55; // distance of the bar from the trim
  for (const [cy, dy] of [
    [y0, -1],
    [y1, 1],
  ] as const) {
    segs.push([mx, cy + dy * b, mx, cy + dy * reach]);
    if (!fold) segs.push([mx - bar, cy + dy * barAt, mx + bar, cy + dy * barAt]);
  }
  for (const [cx, dx] of [
    [x0, -1],
    [x1, 1],
  ] as const) {
    segs.push([cx + dx * b, my, cx + dx * reach, my]);
    segs.push([cx + dx * barAt, my - bar, cx + dx * barAt, my + bar]);
  }
  return segs.map((s) => s.map(round6) as unknown as Segment);
}

export const MARK_LINE_WIDTH = 0.25;

/** Content-stream operators that stroke the marks in registration colour (C M Y K 100 %). */
export function marksContent(g: PageGeometry, fold = false): string {
  const segs = markSegments(g, fold);
  if (segs.length === 0) return '';
  const lines = segs.map(([a, b, c, d]) => `${fmt(a, 6)} ${fmt(b, 6)} m ${fmt(c, 6)} ${fmt(d, 6)} l`);
  return `q\n${MARK_LINE_WIDTH} w 0 J 0 j [] 0 d 1 1 1 1 K\n${lines.join('\n')}\nS\nQ\n`;
}

/** Where the slug goes: bottom mark strip, from right of the lower-left marks to left of the centre mark. */
export function slugArea(g: PageGeometry): { x: number; baselineMid: number; maxWidth: number; maxSize: number } {
  const [x0, y0, x1] = g.trim;
  const b = g.bleedWidth;
  const m = g.markArea;
  const bar = Math.min(10, m * 0.4);
  const x = x0 + 6;
  const maxWidth = Math.max(0, (x0 + x1) / 2 - bar - 6 - x);
  return { x, baselineMid: (y0 - b) / 2, maxWidth, maxSize: Math.max(0, (m - 2 * edgeGap(m)) * 0.6) };
}
