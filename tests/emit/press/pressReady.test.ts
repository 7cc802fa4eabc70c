import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { pressReady, type PressOptions } from '../../../src/emit/press/pressReady.js';
import { COLOURS, decodedStreams, fontPrograms, gradientPage, joined, objectTexts, pageTexts, screenBooklet } from './helpers.js';

const BLEED = 8.504;
const MARKS = 28.346;
const OPTS: PressOptions = { bleed: BLEED, markArea: MARKS, colours: COLOURS };

let screen6: Uint8Array; // 6 pages → 2 blanks
let screen8: Uint8Array; // 8 pages → none
let print6: Awaited<ReturnType<typeof pressReady>>;

beforeAll(async () => {
  screen6 = await screenBooklet(6);
  screen8 = await screenBooklet(8);
  print6 = await pressReady(screen6, { ...OPTS, slug: 'PAGE-' });
});

describe('pressReady boxes', () => {
  it('keeps the page as the TrimBox, adds the bleed around it and the mark area around that', async () => {
    const src = await PDFDocument.load(screen6, { updateMetadata: false });
    const { width, height } = src.getPage(0).getSize();
    const doc = await PDFDocument.load(print6.bytes, { updateMetadata: false });
    for (const page of doc.getPages()) {
      const trim = page.getTrimBox();
      const bleed = page.getBleedBox();
      const media = page.getMediaBox();
      expect(trim.width).toBeCloseTo(width, 9);
      expect(trim.height).toBeCloseTo(height, 9);
      expect(trim.x - bleed.x).toBeCloseTo(BLEED, 9);
      expect(trim.y - bleed.y).toBeCloseTo(BLEED, 9);
      expect(bleed.width).toBeCloseTo(width + 2 * BLEED, 9);
      expect(bleed.height).toBeCloseTo(height + 2 * BLEED, 9);
      expect(media.x).toBe(0);
      expect(media.y).toBe(0);
      expect(bleed.x - media.x).toBeCloseTo(MARKS, 9);
      expect(media.width).toBeCloseTo(width + 2 * (BLEED + MARKS), 9);
      expect(media.height).toBeCloseTo(height + 2 * (BLEED + MARKS), 9);
      expect(page.getCropBox()).toEqual(media);
    }
  });

  it('moves the content so that it sits inside the trim', async () => {
    const src = (await pageTexts(screen6))[0]!;
    const out = (await pageTexts(print6.bytes))[0]!;
    const find = (items: typeof src.items) => items.find((i) => i.str.includes('COVER-PAGE'))!;
    expect(find(out.items).x - find(src.items).x).toBeCloseTo(BLEED + MARKS, 3);
    expect(find(out.items).y - find(src.items).y).toBeCloseTo(BLEED + MARKS, 3);
  });
});

describe('pressReady pages', () => {
  it('pads to a multiple of 4 with blanks before the back cover', async () => {
    expect(print6.pages).toBe(8);
    expect(print6.blanksAdded).toBe(2);
    const pages = await pageTexts(print6.bytes);
    expect(pages).toHaveLength(8);
    const text = pages.map((p) => joined(p.items));
    for (let k = 1; k <= 5; k++) expect(text[k - 1]).toContain(`PAGE-${k}`);
    expect(text[0]).toContain('COVER-PAGE');
    // The inserted blanks carry only their slug; the back cover stays last.
    expect(text[5]).toBe('PAGE-6');
    expect(text[6]).toBe('PAGE-7');
    expect(text[7]).toContain('BACK-COVER');
    expect(text[7]).toContain('PAGE-6'); // its own text …
    expect(text[7]!.endsWith('PAGE-8')).toBe(true); // … and the slug with the print page number
  });

  it('adds nothing when the count is already a multiple of 4', async () => {
    const r = await pressReady(screen8, OPTS);
    expect(r.pages).toBe(8);
    expect(r.blanksAdded).toBe(0);
    const text = (await pageTexts(r.bytes)).map((p) => joined(p.items));
    expect(text[7]).toContain('BACK-COVER');
  });

  it('drops links, the outline and the PDF/A claim that no longer holds', async () => {
    const objects = (await objectTexts(print6.bytes)).join('\n');
    expect(objects).not.toContain('/Link');
    expect(objects).not.toContain('/Annots');
    expect(objects).not.toContain('/OutputIntents');
    const streams = await decodedStreams(print6.bytes);
    expect(streams.some((s) => s.text.includes('pdfaid'))).toBe(false);
    // sRGB profile gone with its output intent.
    expect(streams.some((s) => /\/N 3\b/.test(s.dict))).toBe(false);
  });
});

describe('pressReady colours', () => {
  it('leaves no RGB colour operator or DeviceRGB anywhere', async () => {
    const streams = await decodedStreams(print6.bytes);
    const before = await decodedStreams(screen6);
    expect(before.some((s) => s.text.includes('/DeviceRGB cs'))).toBe(true);
    for (const s of streams) {
      expect(s.text).not.toMatch(/ rg\b/);
      expect(s.text).not.toMatch(/ RG\b/);
      expect(s.text).not.toContain('/DeviceRGB');
      expect(s.dict).not.toContain('/DeviceRGB');
    }
    for (const o of await objectTexts(print6.bytes)) expect(o).not.toContain('/DeviceRGB');
  });

  it('maps theme colours exactly, black to K only, others with the naive formula', async () => {
    const all = (await decodedStreams(print6.bytes)).map((s) => s.text).join('\n');
    expect(all).toContain('/DeviceCMYK cs\n0 0 0 1 scn'); // black text
    expect(all).not.toMatch(/\b1 1 1 1 scn/); // no rich black fill
    expect(all).toContain('/DeviceCMYK cs\n0.9 0.55 0.1 0 scn'); // accent
    expect(all).toContain('/DeviceCMYK cs\n0.1 0.04 0 0 scn'); // accentLight fill
    expect(all).toContain('/DeviceCMYK cs\n0 0 0 0.7 scn'); // muted
    expect(all).toContain('/DeviceCMYK CS\n0.3 0.15 0.05 0.15 SCN'); // rule stroke
    expect(all).toContain('/DeviceCMYK cs\n0 0.9 0.85 0 scn'); // watermark
    expect(all).toContain('/DeviceCMYK cs\n0.66667 0.33333 0 0.4 scn'); // #336699, naive
    expect(print6.unconverted).toEqual([]);
  });

  it('converts rg/RG and form XObjects written by other tools (pdf-lib)', async () => {
    const inner = await PDFDocument.create({ updateMetadata: false });
    inner.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(29 / 255, 90 / 255, 140 / 255), borderColor: rgb(0, 0, 0), borderWidth: 1 });
    const doc = await PDFDocument.create({ updateMetadata: false });
    const [form] = await doc.embedPdf(await inner.save());
    const page = doc.addPage([300, 400]);
    page.drawPage(form!, { x: 20, y: 20 });
    page.drawRectangle({ x: 100, y: 250, width: 80, height: 40, color: rgb(1, 0, 0) });
    const r = await pressReady(await doc.save(), OPTS);
    const all = (await decodedStreams(r.bytes)).map((s) => s.text).join('\n');
    expect(all).not.toMatch(/ rg\b| RG\b/);
    expect(all).toContain('0.9 0.55 0.1 0 k'); // accent inside the form XObject
    expect(all).toContain('0 0 0 1 K'); // black border
    expect(all).toContain('0 1 1 0 k'); // pure red, naive
    expect(r.pages).toBe(4);
  });
});

describe('pressReady gradients', () => {
  it('converts shading functions and keeps the pattern on the moved content', async () => {
    const src = await gradientPage();
    const before = (await objectTexts(src)).join('\n');
    expect(before).toMatch(/\/ShadingType 2 \/ColorSpace \/DeviceRGB/);
    const r = await pressReady(src, OPTS);
    const after = (await objectTexts(r.bytes)).join('\n');
    expect(after).not.toContain('/DeviceRGB');
    expect(after).toMatch(/\/ShadingType 2 \/ColorSpace \/DeviceCMYK/);
    expect(after).toContain('/C0 [ 0.9 0.55 0.1 0 ] /C1 [ 0 0 0 0 ]');
    // pdfkit's pattern matrix [1 0 0 -1 0 H] plus the trim offset.
    const m = /\/PatternType 2 .*\/Matrix \[ 1 0 0 -1 (\S+) (\S+) \]/.exec(after);
    expect(Number(m?.[1])).toBeCloseTo(BLEED + MARKS, 6);
    expect(Number(m?.[2])).toBeCloseTo(841.89 + BLEED + MARKS, 2);
    expect(r.unconverted).toEqual([]);
  });
});

describe('pressReady marks, fonts and slug', () => {
  it('strokes the crop marks in registration colour', async () => {
    const all = (await decodedStreams(print6.bytes)).map((s) => s.text).join('\n');
    expect(all.split('0.25 w 0 J 0 j [] 0 d 1 1 1 1 K').length - 1).toBe(8);
  });

  it('keeps the fonts embedded, once each, and sets the slug in an embedded font', async () => {
    const before = await fontPrograms(screen6);
    const after = await fontPrograms(print6.bytes);
    expect(after.programs).toBeGreaterThan(0);
    expect(after).toEqual(before);
    const objects = (await objectTexts(print6.bytes)).join('\n');
    expect(objects).not.toContain('/Helvetica');
  });

  it('falls back to Helvetica for ASCII the subsets lack, and refuses other characters', async () => {
    const r = await pressReady(screen6, { ...OPTS, slug: 'Mitaka 2020 xyz' });
    expect((await objectTexts(r.bytes)).join('\n')).toContain('/BaseFont /Helvetica');
    const text = (await pageTexts(r.bytes)).map((p) => joined(p.items));
    expect(text[6]).toBe('Mitaka2020xyz7');
    await expect(pressReady(screen6, { ...OPTS, slug: '鷹' })).rejects.toThrow(/slug characters/);
  });

  it('validates its options', async () => {
    await expect(pressReady(screen6, { ...OPTS, bleed: -1 })).rejects.toThrow(RangeError);
    await expect(pressReady(screen6, { ...OPTS, colours: [{ rgb: 'red', cmyk: [0, 0, 0, 0] }] })).rejects.toThrow(RangeError);
  });

  it('is deterministic: same input, same bytes', async () => {
    const again = await pressReady(screen6, { ...OPTS, slug: 'PAGE-' });
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(print6.bytes))).toBe(0);
  });

  it('works on a PDF without fonts or resources', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([300, 300]);
    doc.addPage([300, 300]).drawText('X', { font: await doc.embedFont(StandardFonts.Helvetica) });
    const r = await pressReady(await doc.save(), { ...OPTS, slug: 'ed' });
    expect(r.pages).toBe(4);
    expect((await pageTexts(r.bytes)).map((p) => joined(p.items))).toEqual(['ed1', 'ed2', 'ed3', 'Xed4']);
  });
});
