import { describe, expect, it } from 'vitest';
import { Parser } from '../../../src/vendor/budoux/parser.js';
import { model } from '../../../src/vendor/budoux/ja.js';
import { breakHeading, setHeading } from '../../../src/typeset/japanese/heading.js';
import { lineText, naturalWidth, prepare } from '../../../src/typeset/japanese/breakLines.js';
import { LINE_START_PROHIBITED, minchoMetrics } from './helpers.js';

const metrics = minchoMetrics();
const FS = 16;
const width = (s: string): number => {
  const p = prepare(s, metrics);
  return naturalWidth(p, 0, p.n);
};
const heading = (text: string, measureEm: number): string[] =>
  breakHeading(text, { metrics, fontSize: FS, measure: measureEm * FS });

describe('breakHeading', () => {
  it('keeps a heading that fits on one line', () => {
    expect(heading('各部の取り組みを紹介します', 20)).toEqual(['各部の取り組みを紹介します']);
  });

  it('balances two lines at phrase boundaries', () => {
    const lines = heading('「各部の運営方針と目標」を策定しました', 15.6);
    expect(lines).toEqual(['「各部の運営方針と', '目標」を策定しました']);
    const phrases = new Parser(model).parse('「各部の運営方針と目標」を策定しました');
    // every break is a phrase boundary
    let acc = '';
    const bounds = new Set(phrases.map((p) => (acc += p).length));
    expect(bounds.has(lines[0]!.length)).toBe(true);
  });

  it('prefers the balanced split to the greedy one', () => {
    const text = '三鷹市の市民協働センターにおける新たな参加と協働の仕組みづくり';
    const lines = heading(text, 22);
    expect(lines.join('')).toBe(text);
    expect(lines).toHaveLength(2);
    const [a, b] = lines.map(width) as [number, number];
    // greedy would fill the first line to the measure; balanced keeps the lines close
    expect(Math.abs(a - b)).toBeLessThan(8);
    for (const l of lines) expect(width(l)).toBeLessThanOrEqual(22);
  });

  it('never leaves a single character alone on the last line', () => {
    for (let m = 4; m <= 16; m += 0.5) {
      for (const text of ['市民満足度の高い窓口サービスの質の維持向上へ', '生活環境部の取り組み。', '東京2020オリンピック・パラリンピック開催に伴う市民一体となった感動体験の創出']) {
        const lines = heading(text, m);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        if (lines.length > 1) {
          const last = [...lines.at(-1)!].filter((c) => !'。、」』）'.includes(c));
          expect(last.length, `${m}: ${lines.join('|')}`).toBeGreaterThanOrEqual(2);
        }
        for (const [i, l] of lines.entries()) {
          if (i > 0) expect(LINE_START_PROHIBITED.includes(l[0]!), `${m}: ${lines.join('|')}`).toBe(false);
        }
      }
    }
  });

  it('falls back to ordinary breaks inside a phrase wider than the measure', () => {
    const lines = heading('東京2020オリンピック・パラリンピック', 6);
    expect(lines.join('')).toBe('東京2020オリンピック・パラリンピック');
    for (const l of lines) expect(width(l)).toBeLessThanOrEqual(6 + 1e-9);
  });

  it('sets heading lines unjustified, for centring by pdfmake', () => {
    const lines = setHeading('各部の取り組みを\n紹介します', { metrics, fontSize: FS, measure: 30 * FS });
    expect(lines.map(lineText)).toEqual(['各部の取り組みを', '紹介します']);
    expect(lines.every((l) => !l.justified)).toBe(true);
    expect(lines[1]!.width).toBeCloseTo(5 * FS, 6);
  });
});
