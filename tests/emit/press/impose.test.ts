import { beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { imposeSaddle, saddlePair } from '../../../src/emit/press/impose.js';
import { pressReady, type PressOptions } from '../../../src/emit/press/pressReady.js';
import { scratch } from '../../helpers/fixtures.js';
import { pdfxIdentification, pdfxProblems } from '../../helpers/pdfx.js';
import { separations } from '../../helpers/tools.js';
import { COLOURS, FONTS, fontPrograms, fullBleedPages, pageTexts, screenBooklet } from './helpers.js';

const BLEED = 8.504;
const MARKS = 28.346;
const FOLIO = { size: 5, fromSpine: 8.5, fromBottom: 14 };
const OPTS: PressOptions = { bleed: BLEED, markArea: MARKS, colours: COLOURS, fonts: FONTS, hiddenFolio: FOLIO };
const A4 = { w: 595.28, h: 841.89 }; // pdfmake's A4

let print: Uint8Array;
let imposed: Uint8Array;

beforeAll(async () => {
  print = (await pressReady(await screenBooklet(6), OPTS)).bytes;
  imposed = await imposeSaddle(print, { fonts: FONTS, slug: 'SLUG' });
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

describe('imposeSaddle sheets', () => {
  it('has n/2 sheet sides: two trims wide, with the sheet\'s own TrimBox, BleedBox and mark area', async () => {
    const src = await PDFDocument.load(print, { updateMetadata: false });
    const out = await PDFDocument.load(imposed, { updateMetadata: false });
    expect(out.getPageCount()).toBe(src.getPageCount() / 2);
    const o = BLEED + MARKS;
    for (const sheet of out.getPages()) {
      const trim = sheet.getTrimBox();
      const bleed = sheet.getBleedBox();
      const media = sheet.getMediaBox();
      expect([trim.x, trim.y, trim.width, trim.height].map((v) => +v.toFixed(4))).toEqual([o, o, 2 * A4.w, A4.h].map((v) => +v.toFixed(4)));
      expect([trim.x - bleed.x, trim.y - bleed.y, bleed.width - trim.width, bleed.height - trim.height].map((v) => +v.toFixed(4))).toEqual(
        [BLEED, BLEED, 2 * BLEED, 2 * BLEED].map((v) => +v.toFixed(4)),
      );
      expect([media.x, media.y, +media.width.toFixed(4), +media.height.toFixed(4)]).toEqual([0, 0, +(2 * A4.w + 2 * o).toFixed(4), +(A4.h + 2 * o).toFixed(4)]);
      expect(sheet.getCropBox()).toEqual(media);
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

  it('brings the two trims together at the spine: the gap between them measures 0', async () => {
    const sheets = await pageTexts(imposed);
    const spine = BLEED + MARKS + A4.w;
    sheets.forEach((s, k) => {
      const [l, r] = saddlePair(8, k);
      // The hidden folios sit fromSpine inside each page's spine edge.
      const left = s.items.find((i) => i.str === String(l) && i.width > 0 && Math.abs(i.y - (BLEED + MARKS + FOLIO.fromBottom)) < 0.01)!;
      const right = s.items.find((i) => i.str === String(r) && i.x > spine && Math.abs(i.y - (BLEED + MARKS + FOLIO.fromBottom)) < 0.01)!;
      const leftTrimEdge = left.x + left.width + FOLIO.fromSpine;
      const rightTrimEdge = right.x - FOLIO.fromSpine;
      expect(rightTrimEdge - leftTrimEdge, `side ${k + 1}`).toBeCloseTo(0, 3);
      expect(rightTrimEdge).toBeCloseTo(spine, 3);
    });
  });

  it('gives each sheet a slug naming its pages, in a font of its own', async () => {
    const sheets = await pageTexts(imposed);
    expect(sheets.map((s) => s.items.filter((i) => i.str.startsWith('SLUG')).map((i) => i.str).join(''))).toEqual([
      'SLUG 1/2表 8|1',
      'SLUG 1/2裏 2|7',
      'SLUG 2/2表 6|3',
      'SLUG 2/2裏 4|5',
    ]);
    const before = await fontPrograms(print);
    const after = await fontPrograms(imposed);
    // The pages' fonts stay single objects; the sheet slug adds one subset.
    expect(after.programs).toBe(before.programs + 1);
    expect(imposed.length).toBeLessThan(print.length * 1.1 + 8000);
  });

  it('is PDF/X-1a too, with an /ID of its own', async () => {
    expect(await pdfxProblems(imposed)).toEqual([]);
    expect((await pdfxIdentification(imposed)).id[0]).not.toBe((await pdfxIdentification(print)).id[0]);
  });

  it('is deterministic and refuses page counts that do not fold', async () => {
    expect(Buffer.compare(Buffer.from(await imposeSaddle(print, { fonts: FONTS, slug: 'SLUG' })), Buffer.from(imposed))).toBe(0);
    const odd = await PDFDocument.create({ updateMetadata: false });
    for (let i = 0; i < 6; i++) odd.addPage([100, 100]);
    await expect(imposeSaddle(await odd.save(), { fonts: FONTS })).rejects.toThrow(/multiple of 4/);
    await expect(imposeSaddle(print, { fonts: FONTS, creep: -1 })).rejects.toThrow(RangeError);
  });
});

describe('imposeSaddle creep', () => {
  it('moves the pages of sheet k by k × creep toward the spine', async () => {
    const creep = 2;
    const shifted = await pageTexts(await imposeSaddle(print, { fonts: FONTS, creep }));
    const plain = await pageTexts(imposed);
    const x = (sheets: typeof plain, k: number, page: number) =>
      sheets[k]!.items.find((i) => i.str === String(page) && Math.abs(i.y - (BLEED + MARKS + FOLIO.fromBottom)) < 0.01)!.x;
    for (let side = 0; side < 4; side++) {
      const [l, r] = saddlePair(8, side);
      const k = Math.floor(side / 2);
      expect(x(shifted, side, l) - x(plain, side, l)).toBeCloseTo(k * creep, 3);
      expect(x(shifted, side, r) - x(plain, side, r)).toBeCloseTo(-k * creep, 3);
    }
  });
});

describe('imposeSaddle separations', () => {
  it('keeps bleed on the sheet\'s outer edges only: each page ends exactly at the spine', async () => {
    const tmp = await scratch();
    try {
      const full = (await pressReady(await fullBleedPages(8), { ...OPTS, hiddenFolio: undefined })).bytes;
      const file = `${tmp.dir}/sheets.pdf`;
      await writeFile(file, await imposeSaddle(full, { fonts: FONTS }));
      // 72 dpi: one pixel per point. Side 1 is 8 | 1: page 8 (magenta) left, page 1 (cyan) right.
      const plates = separations(file, 1, 72);
      const spine = Math.round(BLEED + MARKS + A4.w);
      const y0 = Math.round(MARKS + 2); // just inside the sheet's bleed, top (pixel rows run downward)
      const y1 = Math.round(MARKS + BLEED + A4.h + BLEED - 2);
      const bleedLeft = Math.round(MARKS);
      const bleedRight = Math.round(MARKS + 2 * BLEED + 2 * A4.w);
      // Cyan from the spine to the right bleed edge, nothing left of the spine …
      expect(plates.Cyan.min(spine + 1, y0, bleedRight - 1, y1)).toBe(255);
      expect(plates.Cyan.max(bleedLeft + 1, y0, spine - 1, y1)).toBe(0);
      // … magenta from the left bleed edge to the spine, nothing right of it.
      expect(plates.Magenta.min(bleedLeft + 1, y0, spine - 1, y1)).toBe(255);
      expect(plates.Magenta.max(spine + 1, y0, bleedRight - 1, y1)).toBe(0);
      // Outside the sheet's bleed only marks (registration: all four plates at once).
      for (const p of [plates.Cyan, plates.Magenta, plates.Yellow, plates.Black]) expect(p.max(0, 0, bleedLeft + 10, 10)).toBe(255);
      expect(plates.Yellow.max(bleedLeft + 1, y0, bleedRight - 1, y1)).toBe(0);
    } finally {
      await tmp.cleanup();
    }
  });
});
