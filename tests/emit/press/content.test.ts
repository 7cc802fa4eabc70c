import { describe, expect, it } from 'vitest';
import { naiveCmyk, pressColour, rgbToCmyk, themeMap } from '../../../src/emit/press/colour.js';
import { rewriteColours, type RewriteOptions } from '../../../src/emit/press/content.js';
import { numberOf } from '../../../src/emit/press/lexer.js';
import { geometry, markSegments } from '../../../src/emit/press/marks.js';
import { COLOURS } from './helpers.js';

const map = themeMap(COLOURS);
const rw = (s: string, resolve: (n: string) => 'rgb' | 'gray' | 'cmyk' | 'other' = () => 'other') =>
  Buffer.from(rewriteColours(Buffer.from(s, 'latin1'), map, resolve).bytes).toString('latin1');

describe('colour mapping', () => {
  it('maps pdfkit-printed theme colours exactly', () => {
    // pdfkit writes n/255 with JavaScript number formatting.
    expect(rgbToCmyk(map, 29 / 255, 90 / 255, 140 / 255)).toEqual([0.9, 0.55, 0.1, 0]);
    expect(rgbToCmyk(map, 0.11372549019607843, 0.35294117647058826, 0.5490196078431373)).toEqual([0.9, 0.55, 0.1, 0]);
    expect(rgbToCmyk(map, 0.114, 0.353, 0.549)).toEqual([0.9, 0.55, 0.1, 0]);
  });

  it('turns pure black into K only even against a rich-black theme entry', () => {
    const rich = themeMap([{ rgb: '#000000', cmyk: [60, 40, 40, 100] }]);
    expect(rgbToCmyk(rich, 0, 0, 0)).toEqual([0, 0, 0, 1]);
    expect(naiveCmyk(0, 0, 0)).toEqual([0, 0, 0, 1]);
  });

  it('keeps greys off the colour plates with the naive formula', () => {
    expect(naiveCmyk(0.5, 0.5, 0.5)).toEqual([0, 0, 0, 0.5]);
    expect(naiveCmyk(1, 0, 0)).toEqual([0, 1, 1, 0]);
  });

  it('gives each colour a fine form of at most two plates', () => {
    // The theme's own fine form …
    expect(pressColour(map, 29 / 255, 90 / 255, 140 / 255).fine).toEqual([0.9, 0.55, 0, 0]);
    // … two plates or fewer as they are …
    expect(pressColour(map, 230 / 255, 238 / 255, 246 / 255).fine).toEqual([0.1, 0.04, 0, 0]);
    // … else a K tint as dark as the colour (rule #9aa9b8: luma 0.65).
    expect(pressColour(map, 154 / 255, 169 / 255, 184 / 255).fine).toEqual([0, 0, 0, 0.35]);
    expect(pressColour(map, 0.2, 0.4, 0.6).fine).toEqual([0, 0, 0, 0.64]);
  });

  it('rejects a colour given two CMYK values', () => {
    expect(() => themeMap([
      { rgb: '#000000', cmyk: [0, 0, 0, 100] },
      { rgb: '#000000', cmyk: [0, 0, 0, 90] },
    ])).toThrow(RangeError);
  });
});

describe('numberOf', () => {
  it('reads numbers from their bytes exactly as Number() does', () => {
    const cases = ['0', '1', '-1', '+2', '.5', '-.25', '3.', '841.889764', '0.11372549019607843', '0.9019607843137255', '12345678901234.5678', '-0.000001'];
    for (const c of cases) {
      const src = Buffer.from(` ${c} `, 'latin1');
      expect(numberOf(src, { start: 1, end: 1 + c.length, kind: 'num' }), c).toBe(Number(c));
    }
    for (const bad of ['-', '.', '1.2.3', '--1']) expect(numberOf(Buffer.from(bad), { start: 0, end: bad.length, kind: 'num' }), bad).toBeNaN();
  });
});

describe('rewriteColours', () => {
  it('rewrites pdfkit fills and strokes', () => {
    expect(rw('/DeviceRGB cs\n0 0 0 scn\n/DeviceRGB CS\n1 1 1 SCN')).toBe('/DeviceCMYK cs\n0 0 0 1 scn\n/DeviceCMYK CS\n0 0 0 0 SCN');
  });

  it('rewrites rg and RG, and keeps gray and CMYK', () => {
    expect(rw('0.5 0.5 0.5 rg 1 0 0 RG 0.3 g 0 0 0 1 k')).toBe('0 0 0 0.5 k 0 1 1 0 K 0.3 g 0 0 0 1 k');
  });

  it('follows colour spaces through q/Q and named resources', () => {
    const out = rw('/CS0 cs q /DeviceGray cs 0.5 sc Q 1 1 1 sc', (n) => (n === 'CS0' ? 'rgb' : 'other'));
    expect(out).toBe('/DeviceCMYK cs q /DeviceGray cs 0.5 sc Q 0 0 0 0 sc');
  });

  it('leaves strings, arrays and inline image data alone', () => {
    const src = 'BT (1 0 0 rg) Tj [(0 0 0 RG) 5 (x)] TJ ET BI /W 2 /H 1 /CS /G /BPC 8 ID \x01rg EI 1 0 0 rg';
    expect(rw(src)).toBe('BT (1 0 0 rg) Tj [(0 0 0 RG) 5 (x)] TJ ET BI /W 2 /H 1 /CS /G /BPC 8 ID \x01rg EI 0 1 1 0 k');
  });

  it('reports open q and drops an unmatched Q', () => {
    const r = rewriteColours(Buffer.from('q q 1 0 0 rg Q'), map, () => 'other');
    expect(r.openSaves).toBe(1);
    const r2 = rewriteColours(Buffer.from('Q 0 g'), map, () => 'other');
    expect(Buffer.from(r2.bytes).toString()).toBe(' 0 g');
  });
});

describe('rewriteColours for print', () => {
  const OPTIONS: RewriteOptions = { fine: { textBelow: 12, rulesBelow: 1 }, overprint: ['N', 'F', 'S', 'B'] };
  const print = (src: string) => {
    const r = rewriteColours(Buffer.from(src, 'latin1'), map, () => 'other', OPTIONS);
    return { text: Buffer.from(r.bytes).toString('latin1'), used: [...r.usedStates].sort() };
  };
  const accent = '0.11372549019607843 0.35294117647058826 0.5490196078431373';

  it('overprints black text and strokes, and sets overprint off again for other colours', () => {
    const r = print('0 0 0 rg BT /F1 10 Tf [<01>] TJ ET 1 0 0 rg BT [<02>] TJ ET 0 0 0 RG 0.3 w 0 0 m 9 0 l S');
    expect(r.text).toBe('0 0 0 1 k BT /F1 10 Tf /F gs\n[<01>] TJ ET 0 1 1 0 k BT /N gs\n[<02>] TJ ET 0 0 0 1 K 0.3 w 0 0 m 9 0 l /S gs\nS');
    expect(r.used).toEqual(['F', 'N', 'S']);
  });

  it('knows that Q restores overprint and colour', () => {
    const r = print('q 0 0 0 rg BT /F1 10 Tf (a) Tj ET Q BT /F1 10 Tf (b) Tj ET');
    // After Q the fill is the initial black again, but overprint is off: it is set again.
    expect(r.text).toBe('q 0 0 0 1 k BT /F1 10 Tf /F gs\n(a) Tj ET Q BT /F1 10 Tf /F gs\n(b) Tj ET');
  });

  it('draws small text and thin rules in the fine form, large ones in the full colour', () => {
    const r = print(`${accent} rg BT /F1 10.5 Tf (s) Tj /F1 13 Tf (L) Tj ET ${accent} RG 0.5 w 0 0 m 1 1 l S 4 w 0 0 m 1 1 l S`);
    expect(r.text).toBe(
      '0.9 0.55 0.1 0 k BT /F1 10.5 Tf 0.9 0.55 0 0 k\n(s) Tj /F1 13 Tf 0.9 0.55 0.1 0 k\n(L) Tj ET ' +
        '0.9 0.55 0.1 0 K 0.5 w 0 0 m 1 1 l 0.9 0.55 0 0 K\nS 4 w 0 0 m 1 1 l 0.9 0.55 0.1 0 K\nS',
    );
  });

  it('measures text and lines in page units, through cm and Tm', () => {
    // 6 pt font scaled 3× by cm: 18 pt on the page, not small.
    expect(print(`${accent} rg 3 0 0 3 0 0 cm BT /F1 6 Tf (x) Tj ET`).text).toBe('0.9 0.55 0.1 0 k 3 0 0 3 0 0 cm BT /F1 6 Tf (x) Tj ET');
    // 24 pt font in a half-size text matrix: 12 pt, at the threshold, not small.
    expect(print(`${accent} rg BT /F1 24 Tf 0.5 0 0 0.5 0 0 Tm (x) Tj ET`).text).toBe('0.9 0.55 0.1 0 k BT /F1 24 Tf 0.5 0 0 0.5 0 0 Tm (x) Tj ET');
    expect(print(`${accent} rg BT /F1 24 Tf 0.4 0 0 0.4 0 0 Tm (x) Tj ET`).text).toContain('0.9 0.55 0 0 k\n(x) Tj');
  });

  it('starts forms and images without overprint', () => {
    expect(print('0 0 0 rg 0 0 9 9 re f /Fm1 Do').text).toBe('0 0 0 1 k 0 0 9 9 re /F gs\nf /N gs\n/Fm1 Do');
  });
});

describe('crop marks', () => {
  const g = geometry(595.275591, 841.889764, 8.504, 28.346);
  const segs = markSegments(g);
  const [bx0, by0, bx1, by1] = g.bleed;
  const [mx0, my0, mx1, my1] = g.media;

  it('stay outside the bleed box and inside the sheet', () => {
    expect(segs.length).toBe(16 + 8);
    for (const [x1, y1, x2, y2] of segs) {
      for (const t of [0, 0.25, 0.5, 0.75, 1]) {
        const x = x1 + (x2 - x1) * t;
        const y = y1 + (y2 - y1) * t;
        const inside = x > bx0 + 1e-9 && x < bx1 - 1e-9 && y > by0 + 1e-9 && y < by1 - 1e-9;
        expect(inside).toBe(false);
        expect(x >= mx0 && x <= mx1 && y >= my0 && y <= my1).toBe(true);
      }
    }
  });

  it('mark the trim and the bleed at every corner, in both directions', () => {
    const [tx0, ty0, tx1, ty1] = g.trim;
    for (const cx of [tx0, tx1]) {
      for (const cy of [ty0, ty1]) {
        const near = segs.filter(([x1, y1, x2, y2]) => Math.min(Math.abs(x1 - cx), Math.abs(x2 - cx)) < 10 && Math.min(Math.abs(y1 - cy), Math.abs(y2 - cy)) < 10);
        const horizontal = near.filter(([, y1, , y2]) => y1 === y2).map(([, y]) => y);
        const vertical = near.filter(([x1, , x2]) => x1 === x2).map(([x]) => x);
        expect(horizontal).toContain(cy); // trim
        expect(horizontal.some((y) => Math.abs(Math.abs(y - cy) - 8.504) < 1e-6)).toBe(true); // bleed
        expect(vertical).toContain(cx);
        expect(vertical.some((x) => Math.abs(Math.abs(x - cx) - 8.504) < 1e-6)).toBe(true);
      }
    }
  });

  it('a sheet has fold marks at the spine instead of the top and bottom centre marks', () => {
    const sheet = geometry(2 * 595.275591, 841.889764, 8.504, 28.346);
    const fold = markSegments(sheet, true);
    const spine = (sheet.trim[0] + sheet.trim[2]) / 2;
    const atSpine = fold.filter(([x1, , x2]) => Math.min(x1, x2) <= spine + 1e-6 && Math.max(x1, x2) >= spine - 1e-6);
    // One line above and one below the sheet, on the spine, no crossing bar.
    expect(atSpine.map(([x1, , x2]) => [x1, x2])).toEqual([
      [spine, spine],
      [spine, spine],
    ].map((p) => p.map((v) => Math.round(v * 1e6) / 1e6)));
    expect(fold.length).toBe(markSegments(sheet).length - 2);
  });

  it('centre marks sit on the middle of each edge', () => {
    const mx = (g.trim[0] + g.trim[2]) / 2;
    const my = (g.trim[1] + g.trim[3]) / 2;
    expect(segs.filter(([x1, , x2]) => Math.abs(x1 - mx) < 1e-6 && Math.abs(x2 - mx) < 1e-6)).toHaveLength(2);
    expect(segs.filter(([, y1, , y2]) => Math.abs(y1 - my) < 1e-6 && Math.abs(y2 - my) < 1e-6)).toHaveLength(2);
  });
});
