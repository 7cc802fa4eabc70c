import { describe, expect, it } from 'vitest';
import { compare } from './corpus/corpus.js';
import { LINE_END_PROHIBITED, LINE_START_PROHIBITED } from './helpers.js';

// The hard-paragraph corpus (corpus/hard-paragraphs.yaml) at the booklet's body measure,
// set by our line breaker and by Typst 0.14 (its npm build, same fonts, size and width).
describe('paragraphs against Typst at the booklet measure', () => {
  const rows = compare();

  it('needs no more lines than Typst for any paragraph', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const worse = rows.filter((r) => r.ours.lines.length > r.typst).map((r) => `${r.paragraph.name}: ${r.ours.lines.length} > ${r.typst}`);
    expect(worse).toEqual([]);
    // and Typst really set them: every paragraph here takes at least two lines
    expect(rows.every((r) => r.typst >= 2)).toBe(true);
  });

  it('leaves no last line of one or two letters', () => {
    const short = rows.filter((r) => r.ours.lastLetters <= 2).map((r) => `${r.paragraph.name}: …${r.ours.texts.at(-1)}`);
    expect(short).toEqual([]);
    // the corpus holds paragraphs that line-by-line breaking ends that way
    expect(rows.filter((r) => r.greedy.lastLetters <= 2).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps kinsoku and numbers whole', () => {
    for (const r of rows) {
      r.ours.texts.forEach((line, i) => {
        const chars = [...line];
        if (i > 0) expect(LINE_START_PROHIBITED.includes(chars[0]!), `${r.paragraph.name} line ${i + 1}: ${line}`).toBe(false);
        if (i < r.ours.texts.length - 1) {
          expect(LINE_END_PROHIBITED.includes(chars.at(-1)!), `${r.paragraph.name} line ${i + 1}: ${line}`).toBe(false);
          const next = r.ours.texts[i + 1]!;
          expect(/[0-9０-９]$/.test(line) && /^[0-9０-９年度月日号倍人件回円%％万億千]/.test(next), `${r.paragraph.name}: ${line} / ${next}`).toBe(false);
        }
      });
    }
  });

  it('sets no line looser than line-by-line breaking did', () => {
    const widest = (lines: readonly { spread?: number }[]): number => Math.max(0, ...lines.map((l) => l.spread ?? 0));
    for (const r of rows) expect(widest(r.ours.lines), r.paragraph.name).toBeLessThanOrEqual(Math.max(widest(r.greedy.lines), 0.05) + 1e-9);
  });
});
