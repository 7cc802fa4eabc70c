import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { canCacheSubsets, installSubsetCache } from '../../src/engine/subsetCache.js';
import { committedEditionsText, ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Buffer): any };

// Every character the committed editions use, cut into "documents" that share most glyphs.
const text = committedEditionsText();
const documents = [
  ...Array.from({ length: 6 }, (_, i) => text.slice(i * 1500, i * 1500 + 2500)),
  '「東京2020」（令和2年）、。・：ー〜ABCxyz0123456789％＆',
  text,
];
const HWID = '（）「」『』【】、。・：；！？';

/** The glyph ids a document would embed, in the order pdfkit meets them (hwid forms included). */
function glyphIdsOf(font: any, doc: string): number[] {
  const ids = font.layout(doc).glyphs.map((g: { id: number }) => g.id);
  return [...ids, ...font.layout(HWID + doc.slice(0, 200), ['hwid']).glyphs.map((g: { id: number }) => g.id)];
}

function encode(font: any, ids: readonly number[]): Uint8Array {
  const subset = font.createSubset();
  for (const id of ids) subset.includeGlyph(id);
  return subset.encode();
}

/** How many times fontkit's own TTFSubset.encode ran for `font` during fn. */
function fontkitEncodes(font: any, fn: () => void): number {
  const spy = vi.spyOn(Object.getPrototypeOf(font.createSubset()), 'encode');
  try {
    fn();
    return spy.mock.contexts.filter((s: any) => s.font === font).length;
  } finally {
    spy.mockRestore();
  }
}

const fontFile = (name: string) => readFileSync(join(ROOT, 'fonts', `${name}.ttf`));

describe.each(['BIZUDMincho-Regular', 'BIZUDGothic-Regular', 'BIZUDGothic-Bold'])('%s', (name) => {
  const plain = fontkit.create(fontFile(name));
  const cached = fontkit.create(fontFile(name));
  installSubsetCache(cached);

  it('qualifies for the cache (TrueType outlines, no variations)', () => expect(canCacheSubsets(plain)).toBe(true));

  it('gives fontkit’s bytes for documents built one after another, without fontkit’s encoder', () => {
    const calls = fontkitEncodes(cached, () => {
      for (const doc of documents) {
        const ids = glyphIdsOf(plain, doc);
        expect(ids.length).toBeGreaterThan(20);
        expect(Buffer.from(encode(cached, ids)).equals(Buffer.from(encode(plain, ids)))).toBe(true);
      }
    });
    expect(calls).toBe(1); // the one-glyph subset the layout is read from
  });

  it('gives fontkit’s bytes for the missing glyph alone and for glyphs out of order', () => {
    const ids = glyphIdsOf(plain, documents[0]!).reverse();
    for (const list of [[], [0], ids, [100, 1, 2, 3]]) expect(Buffer.from(encode(cached, list)).equals(Buffer.from(encode(plain, list)))).toBe(true);
  });

  it('falls back to fontkit for a glyph id the font does not have', () => {
    const ids = [5, plain.numGlyphs + 10, 7];
    const calls = fontkitEncodes(cached, () => expect(Buffer.from(encode(cached, ids)).equals(Buffer.from(encode(plain, ids)))).toBe(true));
    expect(calls).toBe(1);
  });
});

// BIZ UD has no compound glyphs; Liberation Sans (from pdfjs-dist) has many, and a short loca.
describe('a font with compound glyphs', () => {
  const file = readFileSync(require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'));
  const plain = fontkit.create(file);
  const cached = fontkit.create(file);
  installSubsetCache(cached);
  const docs = ['Ångström café naïve', 'Ça ñ ü ö ä é è ê ë ÿ Ž š', 'plain ASCII 0123456789', 'Ångström café naïve Ž'];

  it('includes the components and renumbers them as fontkit does', () => {
    expect(plain.loca.version).toBe(0);
    expect(canCacheSubsets(plain)).toBe(true);
    const calls = fontkitEncodes(cached, () => {
      for (const doc of docs) {
        const ids = plain.layout(doc).glyphs.map((g: { id: number }) => g.id);
        const subset = cached.createSubset();
        for (const id of ids) subset.includeGlyph(id);
        const bytes = subset.encode();
        expect(Buffer.from(bytes).equals(Buffer.from(encode(plain, ids)))).toBe(true);
        if (/[^\x20-\x7e]/.test(doc)) expect(subset.glyphs.length).toBeGreaterThan(new Set([0, ...ids]).size);
      }
    });
    expect(calls).toBe(1);
  });
});
