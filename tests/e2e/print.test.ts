import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFArray, PDFNumber } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { fontsOf } from '../helpers/pdfStructure.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;
let screen: Awaited<ReturnType<typeof readPdf>>;

const box = (doc: PDFDocument, page: number, name: string): number[] => {
  const arr = doc.getPage(page).node.lookup(PDFName.of(name), PDFArray);
  return arr.asArray().map((n) => (n as PDFNumber).asNumber());
};

beforeAll(async () => {
  tmp = await scratch();
  // Nine departments: 22 typeset pages, so the print PDF must be padded to 24.
  const dir = await copyEdition('2020', tmp.dir);
  const file = join(dir, 'edition.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^(departments:.*)$/m, (l) => l).replace(/\n\s*- kyoiku\b|, kyoiku\b/, ''));
  await rm(join(dir, 'departments/kyoiku.yaml'));
  out = join(tmp.dir, 'out');
  const r = await cli(['build', dir, '--out', out, '--only', 'booklet,print', '--impose', 'saddle']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  screen = await readPdf(new Uint8Array(await readFile(join(out, 'booklet.pdf'))));
});
afterAll(() => tmp.cleanup());

describe('press-ready booklet-print.pdf', () => {
  it('has A4 TrimBox, a 3 mm BleedBox and room for marks in the MediaBox on every page', async () => {
    const doc = await PDFDocument.load(await readFile(join(out, 'booklet-print.pdf')), { updateMetadata: false });
    for (let i = 0; i < doc.getPageCount(); i++) {
      const [tx0, ty0, tx1, ty1] = box(doc, i, 'TrimBox') as [number, number, number, number];
      const [bx0, by0, bx1, by1] = box(doc, i, 'BleedBox') as [number, number, number, number];
      const [mx0, my0, mx1, my1] = box(doc, i, 'MediaBox') as [number, number, number, number];
      expect(tx1 - tx0).toBeCloseTo(595.28, 1);
      expect(ty1 - ty0).toBeCloseTo(841.89, 1);
      for (const d of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(d).toBeCloseTo(8.504, 2);
      for (const d of [bx0 - mx0, by0 - my0, mx1 - bx1, my1 - by1]) expect(d).toBeGreaterThan(20);
    }
  });

  it('pads to a multiple of 4 before the back cover; departments stay on odd pages', async () => {
    expect(screen.numPages).toBe(22);
    const print = await readPdf(new Uint8Array(await readFile(join(out, 'booklet-print.pdf'))));
    expect(print.numPages).toBe(24);
    // Every page carries the slug line outside the trim: the edition and the page number.
    print.pages.forEach((p, i) => expect(squash(p)).toMatch(new RegExp(`令和2年度各部の運営方針と目標${i + 1}$`)));
    print.pages.forEach((p, i) => (print.pages[i] = squash(p).replace(/令和2年度各部の運営方針と目標\d+$/, '')));
    expect(squash(print.pages[23]!)).toContain('発行三鷹市');
    expect(squash(print.pages[21]!)).toBe('');
    expect(squash(print.pages[22]!)).toBe('');
    for (const title of ['01企画部', '02総務部', '09都市再生部']) {
      const page = print.pages.findIndex((p) => p.includes(`${title}主要事業と目標指標`));
      expect(page, title).toBeGreaterThan(0);
      expect((page + 1) % 2, `${title} on page ${page + 1}`).toBe(1);
    }
  });

  it('uses no RGB colour and keeps black text in K only; fonts embedded', async () => {
    const bytes = await readFile(join(out, 'booklet-print.pdf'));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    let content = '';
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (obj instanceof PDFRawStream) {
        const filter = obj.dict.get(PDFName.of('Filter'));
        const raw = Buffer.from(obj.contents);
        content += filter?.toString() === '/FlateDecode' ? (() => { try { return inflateSync(raw).toString('latin1'); } catch { return ''; } })() : raw.toString('latin1');
      }
    }
    expect(content).not.toMatch(/\/DeviceRGB/);
    expect(content).not.toMatch(/\d\s+rg\b|\d\s+RG\b/);
    expect(content).toMatch(/\/DeviceCMYK cs\s+0 0 0 1 scn/);
    for (const f of fontsOf(new Uint8Array(bytes))) expect(f.embedded, f.baseFont).toBe(true);
  });

  it('imposes saddle spreads: half as many sheet sides, the last page beside the first', async () => {
    const imposed = await readPdf(new Uint8Array(await readFile(join(out, 'booklet-imposed.pdf'))));
    expect(imposed.numPages).toBe(12);
    const firstSide = squash(imposed.lines[0]!.join(''));
    expect(firstSide).toContain('発行三鷹市');
    expect(firstSide).toContain('各部の運営方針と目標');
  });
});
