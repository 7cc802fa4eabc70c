import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixGlyphCodePoints } from '../../src/engine/glyphCodePoints.js';
import { ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Buffer): any };

describe('glyph code points follow the text, not the first use of the glyph', () => {
  const bytes = readFileSync(join(ROOT, 'fonts/BIZUDMincho-Regular.ttf'));

  it('without the fix, ( after a half-width （ reports U+FF08 (the bug this guards against)', () => {
    const font = fontkit.create(bytes);
    expect(font.layout('（', ['hwid']).glyphs[0].id).toBe(font.glyphForCodePoint(0x28).id);
    expect(font.layout('(').glyphs[0].codePoints).toEqual([0xff08]);
  });

  it('with the fix, each glyph carries the code points it was asked for, outline and metrics unchanged', () => {
    const font = fontkit.create(bytes);
    fixGlyphCodePoints(font);
    const half = font.layout('（', ['hwid']).glyphs[0];
    const ascii = font.layout('(').glyphs[0];
    expect(half.codePoints).toEqual([0xff08]);
    expect(ascii.codePoints).toEqual([0x28]);
    expect(ascii.id).toBe(half.id);
    expect(ascii.advanceWidth).toBe(half.advanceWidth);
    expect(font.layout('「', ['hwid']).glyphs[0].codePoints).toEqual([0x300c]);
    expect(font.glyphForCodePoint(0xff62).codePoints).toEqual([0xff62]);
  });
});
