import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { imposeSaddle, saddlePair } from '../../../src/emit/press/impose.js';
import { pressReady } from '../../../src/emit/press/pressReady.js';
import { COLOURS, fontPrograms, pageTexts, screenBooklet } from './helpers.js';

let print: Uint8Array;
let imposed: Uint8Array;

beforeAll(async () => {
  print = (await pressReady(await screenBooklet(6), { bleed: 8.504, markArea: 28.346, colours: COLOURS })).bytes;
  imposed = await imposeSaddle(print);
});

describe('saddlePair', () => {
  it('pairs pages the way a saddle-stitched booklet folds', () => {
    expect([0, 1, 2, 3].map((s) => saddlePair(8, s))).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
    // Every page exactly once.
    const all = Array.from({ length: 12 }, (_, s) => saddlePair(24, s)).flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });
});

describe('imposeSaddle', () => {
  it('has n/2 sheet sides, each two whole pages wide', async () => {
    const src = await PDFDocument.load(print, { updateMetadata: false });
    const out = await PDFDocument.load(imposed, { updateMetadata: false });
    expect(out.getPageCount()).toBe(src.getPageCount() / 2);
    const page = src.getPage(0).getMediaBox();
    for (const sheet of out.getPages()) {
      expect(sheet.getWidth()).toBeCloseTo(2 * page.width, 6);
      expect(sheet.getHeight()).toBeCloseTo(page.height, 6);
    }
  });

  it('puts the last page left and the first page right on side 1, then 2 | n−1, n−2 | 3', async () => {
    const sheets = await pageTexts(imposed);
    const side = (k: number, needle: string) => {
      const s = sheets[k]!;
      const item = s.items.find((i) => i.str.includes(needle));
      expect(item, `${needle} on side ${k + 1}`).toBeDefined();
      return item!.x < s.width / 2 ? 'left' : 'right';
    };
    expect(side(0, 'BACK-COVER')).toBe('left');
    expect(side(0, 'COVER-PAGE')).toBe('right');
    expect(side(1, 'PAGE-2')).toBe('left');
    expect(side(2, 'PAGE-3')).toBe('right');
    expect(side(3, 'PAGE-4')).toBe('left');
    expect(side(3, 'PAGE-5')).toBe('right');
  });

  it('shares fonts between sheets instead of copying them', async () => {
    expect(await fontPrograms(imposed)).toEqual(await fontPrograms(print));
    expect(imposed.length).toBeLessThan(print.length * 1.1);
  });

  it('is deterministic and refuses page counts that do not fold', async () => {
    expect(Buffer.compare(Buffer.from(await imposeSaddle(print)), Buffer.from(imposed))).toBe(0);
    const odd = await PDFDocument.create({ updateMetadata: false });
    for (let i = 0; i < 6; i++) odd.addPage([100, 100]);
    await expect(imposeSaddle(await odd.save())).rejects.toThrow(/multiple of 4/);
  });
});
