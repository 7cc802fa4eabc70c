// The watermark's outline, drawn by the engine as a form XObject (pdfmakePatches.ts).

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
