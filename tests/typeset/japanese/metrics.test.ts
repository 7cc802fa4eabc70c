import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type FontLike, fontMetrics } from '../../../src/typeset/japanese/metrics.js';
import { GOTHIC, GOTHIC_BOLD, MINCHO } from './helpers.js';

const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(p: string): FontLike & { characterSet: number[] } };

describe('fontMetrics', () => {
  for (const file of [MINCHO, GOTHIC, GOTHIC_BOLD]) {
    it(`${path.basename(file)}: a lone code point's advance equals fontkit layout`, () => {
      const font = fontkit.openSync(file);
      const m = fontMetrics(font);
      // every 7th mapped code point plus everything in the fixture
      const fixture = fs.readFileSync(path.resolve(path.dirname(MINCHO), '../tests/fixtures/seed/newsletter-2020.txt'), 'utf8');
      const cps = new Set<number>([...fixture].map((c) => c.codePointAt(0)!));
      font.characterSet.forEach((cp, i) => {
        if (i % 7 === 0) cps.add(cp);
      });
      for (const c of '𠮷\u200b\u00ad\t\u3099😀') cps.add(c.codePointAt(0)!); // missing, ignorable, marks
      for (const cp of cps) {
        const layout = font.layout(String.fromCodePoint(cp)).advanceWidth / font.unitsPerEm;
        expect(m.advance(cp), `U+${cp.toString(16)}`).toBe(layout);
      }
    });
  }

  it('gives em advances, half-width forms and cluster widths', () => {
    const m = fontMetrics(fontkit.openSync(MINCHO));
    const a = (s: string, f?: 'hwid'): number => m.advance(s.codePointAt(0)!, f);
    expect(a('漢')).toBe(1);
    expect(a('A')).toBe(0.5);
    expect(a(' ')).toBe(0.5);
    expect(a('、')).toBe(1);
    expect(a('、', 'hwid')).toBe(0.5);
    expect(a('「', 'hwid')).toBe(0.5);
    expect(a('漢', 'hwid')).toBe(1);
    expect(m.width('か\u309a')).toBe(1); // ligature: one glyph
    expect(m.has(0x20bb7)).toBe(false); // 𠮷 is not in BIZ UD
    expect(m.has('漢'.codePointAt(0)!)).toBe(true);
  });

  it('uses hwid only where the half glyph is not an ASCII glyph', () => {
    const m = fontMetrics(fontkit.openSync(MINCHO));
    for (const c of '「」『』、。・〔〕【】') expect(m.hwidKeepsText(c.codePointAt(0)!), c).toBe(true);
    for (const c of '（）［］，．：；') expect(m.hwidKeepsText(c.codePointAt(0)!), c).toBe(false);
  });
});
