import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { padToEven } from '../../../src/emit/press/padEven.js';
import { pageTexts, screenBooklet } from './helpers.js';

describe('padToEven', () => {
  it('appends one blank page of the same size to an odd count', async () => {
    const three = await screenBooklet(3);
    const r = await padToEven(three);
    expect(r.pages).toBe(4);
    const doc = await PDFDocument.load(r.bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(4);
    expect(doc.getPage(3).getSize()).toEqual(doc.getPage(2).getSize());
    const text = await pageTexts(r.bytes);
    expect(text[2]!.items.map((i) => i.str).join('')).toContain('BACK-COVER');
    expect(text[3]!.items).toEqual([]);
    const again = await padToEven(three);
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(r.bytes))).toBe(0);
  });

  it('returns an even document unchanged', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 300]);
    doc.addPage([200, 300]);
    const bytes = await doc.save();
    const r = await padToEven(bytes);
    expect(r.pages).toBe(2);
    expect(r.bytes).toBe(bytes);
  });

  it('pads a one-page insert to two pages', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([300, 400]);
    const r = await padToEven(await doc.save());
    expect(r.pages).toBe(2);
    const out = await PDFDocument.load(r.bytes);
    expect(out.getPage(1).getSize()).toEqual({ width: 300, height: 400 });
  });
});
