// 校正/見本 as glyph outlines, not text: a light tint drawn behind the page, so a PDF/X
// print needs no transparency and copied text never picks the word up (as text it landed
// inside paragraphs: 「…図り見ます。」).

import type { TextOutline } from '../engine/index.js';

/** Glyph outlines of a text (the engine's outline of the watermark face). */
export type Outliner = (text: string) => TextOutline;

export interface Placement {
  /** Centre of the word on the page, pt from the top-left (pdfmake's space, y down). */
  readonly cx: number;
  readonly cy: number;
  /** Font size, pt. */
  readonly size: number;
  /** Degrees counter-clockwise: 45 rises from lower left to upper right. */
  readonly angle: number;
}

const num = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * An SVG path (absolute M/L/Q/C/Z, pdfmake's page space) of `text` set on one line,
 * centred on its ink box and turned by the angle. Empty when the text has no ink.
 */
export function outlinePath(outline: TextOutline, p: Placement): string {
  const s = p.size / outline.unitsPerEm;
  const pts: { cmd: string; xy: number[] }[] = [];
  let pen = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const g of outline.glyphs) {
    for (const c of g.commands) {
      const xy = c.args.map((v, i) => (i % 2 === 0 ? v + pen : v));
      for (let i = 0; i + 1 < xy.length; i += 2) {
        minX = Math.min(minX, xy[i]!);
        maxX = Math.max(maxX, xy[i]!);
        minY = Math.min(minY, xy[i + 1]!);
        maxY = Math.max(maxY, xy[i + 1]!);
      }
      pts.push({ cmd: c.command, xy });
    }
    pen += g.advanceWidth;
  }
  if (pts.length === 0 || !Number.isFinite(minX)) return '';
  const gx = (minX + maxX) / 2;
  const gy = (minY + maxY) / 2;
  const a = (p.angle * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const at = (x: number, y: number): string => {
    const X = (x - gx) * s;
    const Y = (y - gy) * s;
    return `${num(p.cx + X * cos - Y * sin)} ${num(p.cy - (X * sin + Y * cos))}`;
  };
  const pairs = (xy: readonly number[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2) out.push(at(xy[i]!, xy[i + 1]!));
    return out;
  };
  const LETTER: Readonly<Record<string, string>> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C' };
  return pts
    .map(({ cmd, xy }) => (cmd === 'closePath' ? 'Z' : `${LETTER[cmd] ?? 'L'}${pairs(xy).join(' ')}`))
    .join('');
}
