import { describe, expect, it, vi } from 'vitest';

// The work of breaking a paragraph is counted, not timed: every line the breaker
// considers is measured once through naturalWidth.
const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/typeset/japanese/prepare.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/typeset/japanese/prepare.js')>();
  return {
    ...original,
    naturalWidth: (...args: Parameters<typeof original.naturalWidth>) => {
      calls.n++;
      return original.naturalWidth(...args);
    },
  };
});

const { breakParagraph } = await import('../../../src/typeset/japanese/breakLines.js');
const { minchoMetrics } = await import('./helpers.js');

describe('breakParagraph: work grows with the text', () => {
  it('measures a bounded number of candidate lines per character, linearly in the length', () => {
    const base =
      '「各部の運営方針と目標」は、施政方針などに掲げる事業の実現を目指し、各部が主体的に取り組むための「部の経営の全体構想」を示すものです。東京2020オリンピック・パラリンピック開催に伴い、約3倍の2,150,000円を計上しました（PDF）。';
    const work = (chars: number, measureEm: number): number => {
      let text = '';
      while (text.length < chars) text += base;
      calls.n = 0;
      const lines = breakParagraph(text.slice(0, chars), { metrics: minchoMetrics(), fontSize: 10, measure: measureEm * 10, justify: true });
      expect(lines.length).toBeGreaterThan(chars / measureEm / 1.2);
      return calls.n;
    };
    for (const measureEm of [20, 40]) {
      const w5 = work(5_000, measureEm);
      const w10 = work(10_000, measureEm);
      const w20 = work(20_000, measureEm);
      console.log(`breakParagraph at ${measureEm} em: ${w5}, ${w10}, ${w20} lines measured for 5,000, 10,000, 20,000 characters`);
      expect(w10 / w5).toBeLessThan(2.3);
      expect(w20 / w10).toBeLessThan(2.3);
      expect(w20 / 20_000).toBeLessThan(60);
    }
  });
});
