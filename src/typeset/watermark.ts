// 校正/見本 as glyph outlines, not text: a light tint drawn behind the page, so a PDF/X
// print needs no transparency and copied text never picks the word up (as text it landed
// inside paragraphs: 「…図り見ます。」).

export interface PathCommand {
  readonly command: string;
  readonly args: readonly number[];
}

/** The glyphs of a text in font units (y up), as fontkit lays them out. */
export interface TextOutline {
  readonly unitsPerEm: number;
  readonly glyphs: readonly { readonly advanceWidth: number; readonly commands: readonly PathCommand[] }[];
}

export type Outliner = (text: string) => TextOutline;

/** The part of a fontkit font that outlines need. */
export interface OutlineFont {
  readonly unitsPerEm: number;
  layout(text: string): { glyphs: ArrayLike<{ advanceWidth: number; path: { commands: PathCommand[] } }> };
}

export function fontOutliner(font: OutlineFont): Outliner {
  return (text) => ({
    unitsPerEm: font.unitsPerEm,
    glyphs: Array.from(font.layout(text).glyphs, (g) => ({ advanceWidth: g.advanceWidth, commands: g.path.commands })),
  });
}

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

/**
 * PDF path operators for an absolute M/L/Q/C/Z path as outlinePath writes it (quadratic
 * segments become the equal cubic ones), numbers as written.
 */
export function pathOperators(d: string): string {
  const ops: string[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  for (const [, cmd, args] of d.matchAll(/([MLQCZ])([^MLQCZ]*)/g)) {
    const v = (args ?? '').trim() === '' ? [] : args!.trim().split(/\s+/).map(Number);
    const f = (n: number) => String(Math.round(n * 100) / 100);
    if (cmd === 'M') {
      [x, y] = [v[0]!, v[1]!];
      [startX, startY] = [x, y];
      ops.push(`${f(x)} ${f(y)} m`);
    } else if (cmd === 'L') {
      [x, y] = [v[0]!, v[1]!];
      ops.push(`${f(x)} ${f(y)} l`);
    } else if (cmd === 'C') {
      ops.push(`${v.map(f).join(' ')} c`);
      [x, y] = [v[4]!, v[5]!];
    } else if (cmd === 'Q') {
      const [qx, qy, ex, ey] = v as [number, number, number, number];
      ops.push(`${f(x + (2 / 3) * (qx - x))} ${f(y + (2 / 3) * (qy - y))} ${f(ex + (2 / 3) * (qx - ex))} ${f(ey + (2 / 3) * (qy - ey))} ${f(ex)} ${f(ey)} c`);
      [x, y] = [ex, ey];
    } else {
      ops.push('h');
      [x, y] = [startX, startY];
    }
  }
  return ops.join('\n');
}
