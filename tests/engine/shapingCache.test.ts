import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installShapingCache, canCacheShaping, substitutedGlyphs } from '../../src/engine/shapingCache.js';
import { committedEditionsText, ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Buffer): any };

// Every character the committed editions use, in lines like those the typesetter draws.
const text = committedEditionsText();
const lines = Array.from({ length: Math.ceil(text.length / 40) }, (_, i) => text.slice(i * 40, i * 40 + 40));

describe.each(['BIZUDMincho-Regular', 'BIZUDGothic-Regular', 'BIZUDGothic-Bold'])('%s', (name) => {
  const bytes = readFileSync(join(ROOT, 'fonts', `${name}.ttf`));
  const plain = fontkit.create(bytes);
  const cached = fontkit.create(bytes);
  installShapingCache(cached);

  it('qualifies for the cache (no GPOS, kern or morx)', () => expect(canCacheShaping(plain)).toBe(true));

  it.each([undefined, ['hwid']])('gives the same glyphs and positions as full shaping (features %j)', (features) => {
    for (const line of [...lines, 'か゚き゚', '葛󠄀飾', '「東京2020」、。']) {
      const a = plain.layout(line, features);
      const b = cached.layout(line, features);
      expect(b.glyphs.map((g: { id: number }) => g.id), line).toEqual(a.glyphs.map((g: { id: number }) => g.id));
      expect(b.positions.map((p: object) => ({ ...p }))).toEqual(a.positions.map((p: object) => ({ ...p })));
      expect(b.advanceWidth).toBe(a.advanceWidth);
    }
  });

  it('shapes characters alone like fontkit across the whole font (the cmap shortcut)', () => {
    // Every 7th character the font maps, so both sides of the shortcut are exercised:
    // characters no default/hwid lookup touches (cmap glyph) and those some lookup does.
    const chars = (plain.characterSet as number[]).filter((_, i) => i % 7 === 0).map((cp) => String.fromCodePoint(cp));
    expect(chars.length).toBeGreaterThan(1000);
    for (const features of [undefined, ['hwid']]) {
      for (const ch of chars) {
        const a = plain.layout(ch, features);
        const b = cached.layout(ch, features);
        expect(b.glyphs.map((g: { id: number }) => g.id), `${ch} ${features}`).toEqual(a.glyphs.map((g: { id: number }) => g.id));
        expect(b.positions.map((p: object) => ({ ...p })), ch).toEqual(a.positions.map((p: object) => ({ ...p })));
      }
    }
  });

  it('knows which glyphs a lookup may change (only simple lookups in BIZ UD)', () => {
    const plainSet = substitutedGlyphs(plain, []);
    const hwidSet = substitutedGlyphs(plain, ['hwid']);
    expect(plainSet?.size).toBeGreaterThan(0);
    expect(hwidSet!.size).toBeGreaterThan(plainSet!.size);
    expect(hwidSet!.has(plain.glyphForCodePoint(0x3001).id)).toBe(true); // 、 has a half-width form
    expect(plainSet!.has(plain.glyphForCodePoint(0x6c38).id)).toBe(false); // 永 is never substituted unasked
  });

  it('returns fresh positions each call (pdfkit scales them in place)', () => {
    const first = cached.layout('あいう');
    first.positions[0].xAdvance *= 0.5;
    expect(cached.layout('あいう').positions[0].xAdvance).toBe(plain.layout('あいう').positions[0].xAdvance);
  });
});
