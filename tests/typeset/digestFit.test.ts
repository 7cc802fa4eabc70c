import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIGEST_MIN_TEXT, digestScale, scaledTheme } from '../../src/typeset/digestFit.js';
import { resolveTheme, type ThemeFile } from '../../src/typeset/theme.js';
import { ROOT } from '../helpers/fixtures.js';

const theme = resolveTheme(parse(readFileSync(join(ROOT, 'templates/theme.yaml'), 'utf8')) as ThemeFile, 'rgb');
const floor = DIGEST_MIN_TEXT / theme.sizes.small;

/** A layout that takes two pages above `limit` and one at or below it, recording the scales tried. */
function layout(limit: number) {
  const tried: number[] = [];
  return { tried, pages: async (s: number) => (tried.push(s), s > limit ? 2 : 1) };
}

describe('digestScale', () => {
  it('keeps the full size, in one trial, when even the 7 pt floor takes two pages', async () => {
    const l = layout(0.5);
    expect(await digestScale(theme, l.pages)).toBe(1);
    expect(l.tried).toEqual([floor]);
  });
  it('finds the largest scale that fits, to 0.02, never below the floor, in a few trials', async () => {
    for (const limit of [0.83, 0.9, 0.97, 0.99]) {
      const l = layout(limit);
      const scale = await digestScale(theme, l.pages);
      expect(scale).toBeLessThanOrEqual(limit);
      expect(scale).toBeGreaterThan(limit - 0.02);
      expect(scale * theme.sizes.small).toBeGreaterThanOrEqual(DIGEST_MIN_TEXT);
      expect(l.tried.length).toBeLessThanOrEqual(5);
    }
  });
  it('scales every type size and leaves line heights, margins and colours', () => {
    const s = scaledTheme(theme, 0.9);
    expect(s.sizes.small).toBeCloseTo(theme.sizes.small * 0.9, 2);
    expect(s.sizes.h1).toBeCloseTo(theme.sizes.h1 * 0.9, 2);
    expect(s.sizes.lineHeight).toBe(theme.sizes.lineHeight);
    expect(s.digestMargins).toEqual(theme.digestMargins);
    expect(s.colour('accent')).toBe(theme.colour('accent'));
  });
});
