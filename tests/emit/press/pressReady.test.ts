import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDocument, PDFName, rgb, StandardFonts } from 'pdf-lib';
import { pressReady, type MemoPage, type PressOptions } from '../../../src/emit/press/pressReady.js';
import { isK100, paintedOn, platesOf } from '../../helpers/contentWalk.js';
import { ROOT } from '../../helpers/fixtures.js';
import { pdfxIdentification, pdfxProblems } from '../../helpers/pdfx.js';
import { COLOURS, decodedStreams, FONTS, fontPrograms, gradientPage, joined, objectTexts, pageTexts, screenBooklet, THEME } from './helpers.js';

const BLEED = 8.504;
const MARKS = 28.346;
const OPTS: PressOptions = { bleed: BLEED, markArea: MARKS, colours: COLOURS, fonts: FONTS };
const FINE = { textBelow: 12, rulesBelow: 1 };
const FOLIO = { size: 5, fromSpine: 8.5, fromBottom: 14 };

let screen6: Uint8Array; // 6 pages → 2 blanks
let screen8: Uint8Array; // 8 pages → none
let print6: Awaited<ReturnType<typeof pressReady>>;

beforeAll(async () => {
  screen6 = await screenBooklet(6);
  screen8 = await screenBooklet(8);
  print6 = await pressReady(screen6, { ...OPTS, slug: 'PAGE-', fine: FINE });
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

  it('makes the padding pages notes pages when asked: the title at the head, ruled lines in theme colours, within mirrored margins', async () => {
    const memo: MemoPage = {
      title: 'メモ',
      margins: { top: 60, bottom: 50, inside: 70, outside: 40 },
      titleSize: 14,
      pitch: 22,
      titleColour: THEME.accent.rgb,
      ruleColour: THEME.rule.rgb,
    };
    const r = await pressReady(screen6, { ...OPTS, memo });
    expect(r.pages).toBe(8);
    const pages = await pageTexts(r.bytes);
    const text = pages.map((p) => joined(p.items));
    expect(text[5]).toBe('メモ');
    expect(text[6]).toBe('メモ');
    expect(text[7]).toContain('BACK-COVER');
    for (const t of text.slice(0, 5)) expect(t).not.toContain('メモ');
    const doc = await PDFDocument.load(r.bytes, { updateMetadata: false });
    for (const index of [5, 6]) {
      const trim = doc.getPage(index).getTrimBox();
      const title = pages[index]!.items.find((i) => i.str.includes('メモ'))!;
      // Page 6 is a left-hand page (spine on the right: outside margin on the left), page 7 a right-hand one.
      expect(title.x - trim.x).toBeCloseTo(index === 5 ? memo.margins.outside : memo.margins.inside, 3);
      expect(trim.y + trim.height - (title.y + memo.titleSize)).toBeCloseTo(memo.margins.top, 3);
      const painted = paintedOn(doc, index);
      expect(painted.filter((p) => p.kind === 'text' && p.size === memo.titleSize)).toEqual([expect.objectContaining({ cmyk: [0.9, 0.55, 0.1, 0] })]);
      const rules = painted.filter((p) => p.kind === 'stroke');
      expect(rules.some((p) => p.size === 0.8 && p.cmyk?.join() === [0.9, 0.55, 0.1, 0].join())).toBe(true);
      expect(rules.some((p) => p.size === 0.4 && p.cmyk?.join() === [0.3, 0.15, 0.05, 0.15].join())).toBe(true);
    }
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
    expect(objects).not.toContain('/GTS_PDFA1');
    expect(objects).not.toContain('/Outlines');
    const streams = await decodedStreams(print6.bytes);
    expect(streams.some((s) => s.text.includes('pdfaid'))).toBe(false);
    // sRGB profile gone with its output intent.
    expect(streams.some((s) => /\/N 3\b/.test(s.dict))).toBe(false);
  });

  it('prints a hidden folio on every page, blanks included, inside the trim near the spine', async () => {
    const r = await pressReady(screen6, { ...OPTS, hiddenFolio: FOLIO });
    const doc = await PDFDocument.load(r.bytes, { updateMetadata: false });
    const pages = await pageTexts(r.bytes);
    pages.forEach((p, i) => {
      const trim = doc.getPage(i).getTrimBox();
      const folio = p.items.filter((it) => it.str === String(i + 1) && Math.abs(it.y - (trim.y + FOLIO.fromBottom)) < 0.01);
      expect(folio, `page ${i + 1}`).toHaveLength(1);
      // Odd (right-hand) pages: the spine is on the left; even pages: on the right.
      if (i % 2 === 0) expect(folio[0]!.x - trim.x).toBeCloseTo(FOLIO.fromSpine, 3);
      else {
        const fromRight = trim.x + trim.width - folio[0]!.x; // the folio's width more than fromSpine
        expect(fromRight).toBeGreaterThan(FOLIO.fromSpine);
        expect(fromRight).toBeLessThan(FOLIO.fromSpine + FOLIO.size);
      }
    });
    // Black and overprinting, like all black text.
    const painted = paintedOn(doc, 6);
    expect(painted.filter((p) => p.kind === 'text' && p.size === FOLIO.size)).toEqual([expect.objectContaining({ cmyk: [0, 0, 0, 1], overprint: true })]);
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
  });

  it('overprints black text and black rules, and nothing else', async () => {
    const doc = await PDFDocument.load(print6.bytes, { updateMetadata: false });
    const painted = doc.getPages().flatMap((_, i) => paintedOn(doc, i));
    const black = painted.filter((p) => isK100(p.cmyk) && p.kind === 'text');
    expect(black.length).toBeGreaterThan(5);
    for (const p of black) expect(p.overprint).toBe(true);
    for (const p of painted.filter((q) => !isK100(q.cmyk) && q.cmyk?.join() !== '1,1,1,1')) expect(p.overprint, JSON.stringify(p)).toBe(false);
  });

  it('sets small text and thin rules on at most two plates, larger ones in the full colour', async () => {
    const doc = await PDFDocument.load(print6.bytes, { updateMetadata: false });
    const painted = doc.getPages().flatMap((_, i) => paintedOn(doc, i));
    const inTrim = painted.filter((p) => p.cmyk?.join() !== '1,1,1,1'); // registration marks and slug
    for (const p of inTrim) {
      if ((p.kind === 'text' && p.size < FINE.textBelow) || (p.kind === 'stroke' && p.size < FINE.rulesBelow)) {
        expect(platesOf(p.cmyk ?? []), JSON.stringify(p)).toBeLessThanOrEqual(2);
      }
    }
    // 10.5 pt accent text: the theme's fine form; the 20 pt cover title keeps its white.
    expect(inTrim.some((p) => p.kind === 'text' && p.cmyk?.join() === '0.9,0.55,0,0')).toBe(true);
    // The 0.5 pt rule colour (four plates, no fine form given): a K tint as dark as it.
    expect(inTrim.filter((p) => p.kind === 'stroke' && p.size === 0.5).map((p) => p.cmyk?.join())).toContain('0,0,0,0.35');
    // Without the option nothing is changed.
    const plain = await pressReady(screen6, OPTS);
    const plainDoc = await PDFDocument.load(plain.bytes, { updateMetadata: false });
    const accent = plainDoc.getPages().flatMap((_, i) => paintedOn(plainDoc, i)).filter((p) => p.kind === 'text' && p.cmyk?.join() === '0.9,0.55,0.1,0');
    expect(accent.length).toBeGreaterThan(0);
  });

  it('removes transparency, saying so', async () => {
    // The screen booklet's watermark is drawn with /ca 0.12.
    expect((await objectTexts(screen6)).join('\n')).toMatch(/\/ca 0\.12/);
    expect(print6.unconverted).toContain('transparency removed (/ca 0.12)');
    const objects = (await objectTexts(print6.bytes)).join('\n');
    expect(objects).not.toMatch(/\/ca 0\.|\/CA 0\./);
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
    expect(all).toMatch(/\/PBopS gs\s+B\b/); // the black border overprints, its accent fill does not
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
    // The half-transparent ellipse is printed opaque, and that is reported.
    expect(r.unconverted).toEqual(['transparency removed (/ca 0.5)']);
  });
});

describe('pressReady PDF/X-1a:2001', () => {
  it('passes the preflight: version, output intent, Info and XMP, boxes, colours, fonts', async () => {
    expect(await pdfxProblems(print6.bytes)).toEqual([]);
    const id = await pdfxIdentification(print6.bytes);
    expect(id.intent).toMatchObject({ S: 'GTS_PDFX', OutputConditionIdentifier: 'JC200103', RegistryName: 'http://www.color.org', OutputCondition: 'Japan Color 2001 Coated' });
    expect(id.intent['DestOutputProfile']).toBeUndefined();
    expect(id.info).toMatchObject({ GTS_PDFXVersion: 'PDF/X-1:2001', GTS_PDFXConformance: 'PDF/X-1a:2001', Trapped: 'False', Title: 'press test' });
  });

  it('has an /ID of its own, derived from the screen PDF', async () => {
    const screen = await pdfxIdentification(screen6);
    const print = await pdfxIdentification(print6.bytes);
    expect(print.id[0]).toMatch(/^[0-9A-F]{32}$/);
    expect(print.id[0]).not.toBe(screen.id[0]);
    expect(print.xmp).toContain(`uuid:${print.id[0]!.slice(0, 8).toLowerCase()}-`);
    const other = await pdfxIdentification((await pressReady(screen8, OPTS)).bytes);
    expect(other.id[0]).not.toBe(print.id[0]);
  });

  it('takes the printing condition from the options', async () => {
    const r = await pressReady(screen8, { ...OPTS, outputIntent: { identifier: 'FOGRA39', condition: 'Coated FOGRA39', registry: 'http://www.color.org' } });
    expect((await pdfxIdentification(r.bytes)).intent).toMatchObject({ OutputConditionIdentifier: 'FOGRA39', Info: 'Coated FOGRA39' });
  });
});

describe('pressReady fonts and slug', () => {
  it('strokes the crop marks in registration colour, one stream for all pages of a size', async () => {
    const all = (await decodedStreams(print6.bytes)).map((s) => s.text).join('\n');
    expect(all.split('0.25 w 0 J 0 j [] 0 d 1 1 1 1 K').length - 1).toBe(1);
    const doc = await PDFDocument.load(print6.bytes, { updateMetadata: false });
    const marks = doc.getPages().map((p) => p.node.lookup(PDFName.of('Contents'), PDFArray).get(1)?.toString());
    expect(new Set(marks).size).toBe(1);
    expect(marks).toHaveLength(8);
  });

  it('keeps the page fonts embedded, once each, and adds one small subset for its own text', async () => {
    const before = await fontPrograms(screen6);
    const after = await fontPrograms(print6.bytes);
    expect(after.programs).toBe(before.programs + 1);
    for (const d of before.descriptors) expect(after.descriptors).toContain(d);
    expect(after.descriptors.filter((d) => !before.descriptors.includes(d))).toEqual([expect.stringMatching(/^[A-Z]{6}\+BIZUDGothic-Regular$/)]);
    expect((await objectTexts(print6.bytes)).join('\n')).not.toContain('/Helvetica');
  });

  it('sets any slug text the fonts have, whatever the page text used', async () => {
    for (const slug of ['Mitaka 2020 xyz', '鷹 令和7年度 𠮷']) {
      const r = await pressReady(screen6, { ...OPTS, slug });
      const text = (await pageTexts(r.bytes)).map((p) => joined(p.items));
      expect(text[6]).toBe(`${slug.replace(/\s/g, '').replace('𠮷', '')}7`);
      // 𠮷 is in none of the fonts: left out and reported, never a crash.
      expect(r.unconverted.some((n) => n.includes('𠮷'))).toBe(slug.includes('𠮷'));
    }
  });

  it('sets a slug of hundreds of different characters, none of them on the pages', async () => {
    // Every kanji and kana of the sample edition's data: the page text shares none of most.
    const data = readFileSync(join(ROOT, 'data/sample/departments/kikaku-seisaku.yaml'), 'utf8');
    const all = [...new Set(data.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu))].join('');
    expect(all.length).toBeGreaterThan(300);
    for (let i = 0; i < all.length; i += 40) {
      const slug = all.slice(i, i + 40);
      const r = await pressReady(screen8, { ...OPTS, slug });
      expect(r.unconverted.filter((n) => !n.startsWith('transparency removed'))).toEqual([]);
      expect(joined((await pageTexts(r.bytes))[1]!.items).endsWith(`${slug}2`)).toBe(true);
    }
  });

  it('shortens a slug too long for the strip, keeping the page number', async () => {
    const r = await pressReady(screen8, { ...OPTS, slug: '各部の運営方針と目標'.repeat(20) });
    const last = joined((await pageTexts(r.bytes))[7]!.items);
    // The first words of the name at 4 pt, then … and the page number.
    expect(last).toMatch(/見本(各部の運営方針と目標){5,}[^…]*…8$/);
    expect(last.length).toBeLessThan(150);
  });

  it('validates its options', async () => {
    await expect(pressReady(screen6, { ...OPTS, bleed: -1 })).rejects.toThrow(RangeError);
    await expect(pressReady(screen6, { ...OPTS, colours: [{ rgb: 'red', cmyk: [0, 0, 0, 0] }] })).rejects.toThrow(RangeError);
    await expect(pressReady(screen6, { ...OPTS, colours: [{ rgb: '#102030', cmyk: [50, 40, 30, 0], fine: [50, 40, 30, 0] }] })).rejects.toThrow(/more than two plates/);
  });

  it('is deterministic: same input, same bytes', async () => {
    const again = await pressReady(screen6, { ...OPTS, slug: 'PAGE-', fine: FINE });
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
