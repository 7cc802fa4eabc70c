/**
 * fontkit keeps one Glyph object per glyph id, carrying the code points of the first
 * character that produced it, and pdfkit writes those code points into the PDF's
 * ToUnicode map. In BIZ UD the `hwid` form of （ is the glyph of (, and the half 「 is
 * the glyph of ｢: so once （ had been measured with hwid, every later ( in any PDF of
 * the process extracted as （, and a PDF's bytes depended on what the process built
 * before. Here each request gets a glyph whose code points are the ones asked for: the
 * cached Glyph when they agree, otherwise a thin object inheriting from it (same id,
 * outline and metrics) with its own code points.
 */
interface Glyph {
  readonly codePoints: readonly number[];
}

interface GlyphFont {
  getGlyph(id: number, codePoints?: number[]): Glyph | null;
}

const patched = new WeakSet<object>();

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function fixGlyphCodePoints(font: GlyphFont): void {
  if (patched.has(font)) return;
  patched.add(font);
  const base = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = base(id, codePoints);
    if (!glyph || codePoints.length === 0 || same(glyph.codePoints, codePoints)) return glyph;
    return Object.create(glyph, { codePoints: { value: [...codePoints], enumerable: true } }) as Glyph;
  };
}
