import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installShapingCache, canCacheShaping } from '../../src/typeset/shapingCache.js';
import { ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Buffer): any };

// Every character the committed editions use, in lines like those the typesetter draws.
const text = ['2020', 'sample']
  .flatMap((e) => [join(ROOT, 'data', e, 'edition.yaml'), ...readdirSync(join(ROOT, 'data', e, 'departments')).map((f) => join(ROOT, 'data', e, 'departments', f))])
  .map((f) => readFileSync(f, 'utf8'))
  .join('')
  .replace(/\s+/g, '');
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

  it('returns fresh positions each call (pdfkit scales them in place)', () => {
    const first = cached.layout('あいう');
    first.positions[0].xAdvance *= 0.5;
    expect(cached.layout('あいう').positions[0].xAdvance).toBe(plain.layout('あいう').positions[0].xAdvance);
  });
});
