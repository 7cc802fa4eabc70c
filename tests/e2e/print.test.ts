// The press outputs of real builds, read back the way a print shop's preflight would:
// PDF/X-1a identification, boxes, separations (Ghostscript tiffsep), overprint, fine
// colours, a Ghostscript PDF/X round trip of every print PDF (final, draft, sample), the
// saddle sheets, and the screen PDF fixes that came with them.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts } from '../emit/press/helpers.js';
import { cli } from '../helpers/cli.js';
import { isK100, pageSource, paintedOn, platesOf } from '../helpers/contentWalk.js';
import { copyEdition, ROOT, scratch } from '../helpers/fixtures.js';
import { bookletLayout } from '../helpers/bookletLayout.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { watermarks } from '../helpers/watermark.js';
import { pdfxIdentification, pdfxProblems } from '../helpers/pdfx.js';
import { fontsOf } from '../helpers/pdfStructure.js';
import { gsPdfX, pdftotext, separations } from '../helpers/tools.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
/** Outputs of the nine-department 2020 edition as final, the same data as draft, and data/sample. */
const out = { final: '', draft: '', sample: '' };
let screen: Awaited<ReturnType<typeof readPdf>>;

const MM = 72 / 25.4;
const BLEED = 3 * MM;
const MARKS = 12 * MM;
const A4 = { w: 210 * MM, h: 297 * MM };
const FOLIO = { size: 5, fromSpine: 3 * MM, fromBottom: 5 * MM }; // templates/theme.yaml

const load = async (dir: string, file: string) => PDFDocument.load(await readFile(join(dir, file)), { updateMetadata: false });
const bytesOf = async (dir: string, file: string) => new Uint8Array(await readFile(join(dir, file)));
/** Embedded fonts by name without the subset tag, with how many subsets of each. */
function fontNames(bytes: Uint8Array): Record<string, number> {
  const names: Record<string, number> = {};
  const text = Buffer.from(bytes).toString('latin1');
  for (const m of text.matchAll(/\/FontName\s*\/[A-Z]{6}\+([^\s/>]+)/g)) names[m[1]!] = (names[m[1]!] ?? 0) + 1;
  return names;
}

const box = (doc: PDFDocument, page: number, name: string): number[] => {
  const arr = doc.getPage(page).node.lookup(PDFName.of(name), PDFArray);
  return arr.asArray().map((n) => (n as PDFNumber).asNumber());
};

beforeAll(async () => {
  tmp = await scratch();
  // Nine departments: 9 typeset pages (two short departments a page), so the print PDF
  // must be padded to 12.
  const dir = await copyEdition('2020', tmp.dir);
  const file = join(dir, 'edition.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/\n\s*- kyoiku\b|, kyoiku\b/, ''));
  await rm(join(dir, 'departments/kyoiku.yaml'));
  const draft = join(tmp.dir, 'draft');
  await cp(dir, draft, { recursive: true });
  await writeFile(join(draft, 'edition.yaml'), (await readFile(file, 'utf8')).replace(/^status: final$/m, 'status: draft'));
  out.final = join(tmp.dir, 'out');
  out.draft = join(tmp.dir, 'out-draft');
  out.sample = join(tmp.dir, 'out-sample');
  for (const [edition, o, only] of [
    [dir, out.final, 'booklet,print,digest'],
    [draft, out.draft, 'booklet,print'],
    [join('data', 'sample'), out.sample, 'booklet,print'],
  ] as const) {
    const r = await cli(['build', edition, '--out', o, '--only', only, '--impose', 'saddle']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
  screen = await readPdf(await bytesOf(out.final, 'booklet.pdf'));
}, 240_000);
afterAll(() => tmp.cleanup());

describe('booklet-print.pdf boxes and pages', () => {
  it('has A4 TrimBox, a 3 mm BleedBox and room for marks in the MediaBox on every page', async () => {
    const doc = await load(out.final, 'booklet-print.pdf');
    for (let i = 0; i < doc.getPageCount(); i++) {
      const [tx0, ty0, tx1, ty1] = box(doc, i, 'TrimBox') as [number, number, number, number];
      const [bx0, by0, bx1, by1] = box(doc, i, 'BleedBox') as [number, number, number, number];
      const [mx0, my0, mx1, my1] = box(doc, i, 'MediaBox') as [number, number, number, number];
      expect(tx1 - tx0).toBeCloseTo(A4.w, 2);
      expect(ty1 - ty0).toBeCloseTo(A4.h, 2);
      for (const d of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(d).toBeCloseTo(BLEED, 3);
      for (const d of [bx0 - mx0, by0 - my0, mx1 - bx1, my1 - by1]) expect(d).toBeCloseTo(MARKS, 3);
      expect(box(doc, i, 'CropBox')).toEqual(box(doc, i, 'MediaBox'));
    }
  });

  it('pads to a multiple of 4 with notes pages before the back cover', async () => {
    expect(screen.numPages).toBe(9);
    const print = await readPdf(await bytesOf(out.final, 'booklet-print.pdf'));
    expect(print.numPages).toBe(12);
    // Every page carries the slug line outside the trim: the edition and the page number.
    print.pages.forEach((p, i) => expect(squash(p)).toMatch(new RegExp(`令和2年度各部の運営方針と目標${i + 1}$`)));
    // The page number stands apart from the name (the space is in the slug's own font subset).
    print.pages.forEach((p, i) => expect(p.trimEnd()).toMatch(new RegExp(`目標\\s+${i + 1}$`)));
    const pages = print.pages.map((p) => squash(p).replace(/令和2年度各部の運営方針と目標\d+$/, ''));
    expect(pages[11]).toContain('発行三鷹市');
    // The added pages are notes pages: their title and hidden folio, nothing else.
    expect(pages.slice(8, 11)).toEqual(['メモ9', 'メモ10', 'メモ11']);
    for (let k = 0; k < 8; k++) expect(pages[k]).toBe(squash(screen.pages[k]!) + String(k + 1));
  });

  it('data/sample (issue 13: 20 pages, 4 blank, before): 16 pages, none blank, no header row or heading left at a page foot', async () => {
    const layout = await bookletLayout(join(ROOT, 'data/sample'), out.sample);
    expect(layout.pages).toBe(16);
    expect(layout.blank).toEqual([]);
    expect(layout.headerRows).toEqual([]);
    expect(layout.stranded).toEqual([]);
    expect(layout.printPages).toBe(16);
    expect(layout.added).toEqual([]);
  });

  it('prints a hidden folio on every page, inside the trim at its foot, near the spine', async () => {
    const doc = await load(out.final, 'booklet-print.pdf');
    const pages = await pageTexts(await bytesOf(out.final, 'booklet-print.pdf'));
    pages.forEach((p, i) => {
      const trim = doc.getPage(i).getTrimBox();
      const folio = p.items.filter((it) => it.str === String(i + 1) && Math.abs(it.y - (trim.y + FOLIO.fromBottom)) < 0.01);
      expect(folio, `page ${i + 1}`).toHaveLength(1);
      const f = folio[0]!;
      // Right-hand (odd) pages have the spine on the left, left-hand pages on the right.
      if ((i + 1) % 2 === 1) expect(f.x - trim.x).toBeCloseTo(FOLIO.fromSpine, 3);
      else expect(trim.x + trim.width - (f.x + f.width)).toBeCloseTo(FOLIO.fromSpine, 3);
    });
  });
});

describe('booklet-print.pdf is PDF/X-1a:2001', () => {
  it('passes the preflight in every edition status, and so do the imposed sheets', async () => {
    for (const dir of Object.values(out)) {
      for (const file of ['booklet-print.pdf', 'booklet-imposed.pdf']) expect(await pdfxProblems(await bytesOf(dir, file)), `${dir}/${file}`).toEqual([]);
    }
  });

  it('reads back the PDF/X keys, the Japan Color 2001 Coated intent and matching XMP', async () => {
    const id = await pdfxIdentification(await bytesOf(out.final, 'booklet-print.pdf'));
    expect(id.info).toMatchObject({
      GTS_PDFXVersion: 'PDF/X-1:2001',
      GTS_PDFXConformance: 'PDF/X-1a:2001',
      Trapped: 'False',
      Title: '令和2年度 各部の運営方針と目標',
      CreationDate: 'D:20200331150000Z',
      ModDate: 'D:20200331150000Z',
    });
    expect(id.intent).toMatchObject({
      count: '1',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: 'JC200103',
      OutputCondition: 'Japan Color 2001 Coated',
      RegistryName: 'http://www.color.org',
      Info: 'Japan Color 2001 Coated',
    });
    expect(id.xmp).toContain('<pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>');
    expect(id.xmp).toContain('<xmp:ModifyDate>2020-03-31T15:00:00Z</xmp:ModifyDate>');
    expect((await readFile(join(out.final, 'booklet-print.pdf'), 'latin1')).startsWith('%PDF-1.3\n')).toBe(true);
  });

  it('gives booklet, print and imposed PDFs an /ID each', async () => {
    const ids = await Promise.all(['booklet.pdf', 'booklet-print.pdf', 'booklet-imposed.pdf'].map(async (f) => (await pdfxIdentification(await bytesOf(out.final, f))).id));
    for (const id of ids) expect(id[0]).toMatch(/^[0-9A-F]{32}$/);
    expect(new Set(ids.map((id) => id[0])).size).toBe(3);
  });
});

describe('prepress details', () => {
  it('black text and black rules overprint; small text and thin rules use at most two plates', async () => {
    for (const dir of [out.final, out.sample]) {
      const doc = await load(dir, 'booklet-print.pdf');
      let blackText = 0;
      let fine = 0;
      for (let i = 0; i < doc.getPageCount(); i++) {
        for (const p of paintedOn(doc, i)) {
          if (p.cmyk?.join() === '1,1,1,1') continue; // registration: marks and slug outside the bleed
          if (isK100(p.cmyk) && p.kind !== 'fill') {
            expect(p.overprint, `page ${i + 1} ${JSON.stringify(p)}`).toBe(true);
            if (p.kind === 'text') blackText++;
          }
          if (!isK100(p.cmyk)) expect(p.overprint, `page ${i + 1} ${JSON.stringify(p)}`).toBe(false);
          if ((p.kind === 'text' && p.size < 12) || (p.kind === 'stroke' && p.size < 1)) {
            expect(p.cmyk, `page ${i + 1}`).toBeDefined();
            expect(platesOf(p.cmyk!), `page ${i + 1} ${JSON.stringify(p)}`).toBeLessThanOrEqual(2);
            if (p.cmyk?.join() === '0.9,0.55,0,0' || p.cmyk?.join() === '0,0,0,0.4') fine++;
          }
        }
      }
      expect(blackText).toBeGreaterThan(100);
      expect(fine, 'the theme colours\' fine forms are used').toBeGreaterThan(10);
    }
  });

  it('separations: body text on K only, marks on every plate', async () => {
    const file = join(out.final, 'booklet-print.pdf');
    const pages = await pageTexts(await bytesOf(out.final, 'booklet-print.pdf'));
    const intro = pages.findIndex((p) => p.items.some((i) => i.str.includes('施政方針'))); // はじめに
    const items = pages[intro]!.items;
    const plates = separations(file, intro + 1, 72);
    const h = plates.Black.height; // 72 dpi: one pixel per point; rows run downward
    const body = items.find((i) => i.str.includes('施政方針'))!;
    const r = [Math.floor(body.x), Math.round(h - body.y - 8), Math.ceil(body.x + body.width), Math.round(h - body.y)] as const;
    expect(plates.Black.max(...r)).toBe(255);
    for (const p of [plates.Cyan, plates.Magenta, plates.Yellow]) expect(p.max(...r)).toBe(0);
    // A corner's crop marks, outside the bleed: registration, so on all four plates.
    for (const p of [plates.Cyan, plates.Magenta, plates.Yellow, plates.Black]) expect(p.max(0, 0, Math.ceil(MARKS + BLEED), Math.ceil(MARKS))).toBe(255);
  });

  it('separations: black text does not knock out the tint beneath it (cells, the 見本 watermark)', async () => {
    const file = join(out.sample, 'booklet-print.pdf');
    const items = (await pageTexts(await bytesOf(out.sample, 'booklet-print.pdf')))[4]!.items; // 01 企画政策部
    const plates = separations(file, 5, 72);
    const { width: w, height: h } = plates.Black;
    let onTint = 0;
    let overWatermark = 0;
    for (const it of items) {
      // Under each text item: magenta (the accentLight cell fill, M 4; the watermark, M 11)
      // beside the letters and under them.
      let k = 0;
      let kTint = 0;
      let other = 0;
      let otherTint = 0;
      for (let y = Math.round(h - it.y - 8); y < Math.round(h - it.y); y++) {
        for (let x = Math.floor(it.x); x < it.x + it.width; x++) {
          const black = plates.Black.ink[y * w + x]! === 255;
          const tint = plates.Magenta.ink[y * w + x]! > 0 && plates.Magenta.ink[y * w + x]! < 60;
          if (black) (k++, tint && kTint++);
          else (other++, tint && otherTint++);
        }
      }
      if (k < 20 || other === 0) continue;
      const around = otherTint / other;
      if (around === 1) {
        onTint++;
        expect(kTint, it.str).toBe(k); // knocked out, it would be 0
      } else if (around > 0.1) {
        overWatermark++;
        expect(kTint / k, it.str).toBeGreaterThan(around / 2);
      }
    }
    expect(onTint).toBeGreaterThan(0);
    expect(overWatermark).toBeGreaterThan(0);
  });

  it('mirrors the margins: the inside (spine) margin has the gutter, on the left of odd pages and the right of even ones', async () => {
    const pages = await pageTexts(await bytesOf(out.final, 'booklet.pdf'));
    const inside = 22 * MM; // 19 mm + 3 mm gutter
    const outside = 18 * MM;
    for (const [index, left] of [
      [2, inside], // page 3, はじめに
      [3, outside], // page 4, 目次
    ] as const) {
      const head = pages[index]!.items.filter((i) => i.y > A4.h - 40 * MM && i.y < A4.h - 15 * MM);
      const xs = head.map((i) => i.x);
      const rights = head.map((i) => i.x + i.width);
      expect(Math.min(...xs), `page ${index + 1} left`).toBeGreaterThanOrEqual(left - 0.01);
      expect(Math.max(...rights), `page ${index + 1} right`).toBeLessThanOrEqual(A4.w - (left === inside ? outside : inside) + 0.01);
    }
  });
});

describe('Ghostscript PDF/X round trip', () => {
  for (const status of ['final', 'draft', 'sample'] as const) {
    for (const file of ['booklet-print.pdf', 'booklet-imposed.pdf']) {
      it(`${status} ${file}: keeps text as text, rasterises nothing and reports nothing`, async () => {
        const dir = out[status];
        const input = await bytesOf(dir, file);
        const r = gsPdfX(join(dir, file));
        expect(r.output).toBe('');
        expect(r.status).toBe(0);
        const doc = await PDFDocument.load(r.bytes, { updateMetadata: false });
        expect(doc.getPageCount()).toBe((await PDFDocument.load(input, { updateMetadata: false })).getPageCount());
        const images = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
        expect(images).toEqual([]);
        // Every font of the input is still an embedded font (subset names may change) …
        expect(fontNames(r.bytes)).toEqual(fontNames(input));
        // … and each page still shows text with it.
        for (let i = 0; i < doc.getPageCount(); i++) expect(pageSource(doc, i), `page ${i + 1}`).toMatch(/\bTf\b/);
      });
    }
  }
});

describe('watermarks', () => {
  it('校正 and 見本 are not page text: extracted text is the same as the final edition\'s', async () => {
    for (const file of ['booklet.pdf', 'booklet-print.pdf']) {
      for (const extract of [(f: string) => pdftotext(f), async (f: string) => (await readPdf(new Uint8Array(await readFile(f)))).pages.join('\n')]) {
        const draft = await extract(join(out.draft, file));
        const final = await extract(join(out.final, file));
        expect(draft).not.toContain('校正');
        expect(draft).toBe(final);
      }
    }
  });

  it('is drawn on every page as an artifact that names the word, with no transparency', async () => {
    for (const [dir, word] of [
      [out.draft, '校正'],
      [out.sample, '見本'],
    ] as const) {
      for (const file of ['booklet.pdf', 'booklet-print.pdf']) {
        const bytes = await bytesOf(dir, file);
        const marks = await watermarks(bytes);
        expect(marks.length).toBeGreaterThan(8);
        expect(marks, file).toEqual(marks.map(() => word));
        const doc = await PDFDocument.load(bytes, { updateMetadata: false });
        const text = doc.context.enumerateIndirectObjects().map(([, o]) => (o instanceof PDFDict ? o.toString() : ''));
        expect(text.join('\n')).not.toMatch(/\/ca 0\.|\/CA 0\./);
      }
    }
    expect(new Set(await watermarks(await bytesOf(out.final, 'booklet.pdf')))).toEqual(new Set(['']));
  });
});

describe('booklet-imposed.pdf', () => {
  it('each sheet side: two trims wide, its own TrimBox and BleedBox, pages in saddle order', async () => {
    const doc = await load(out.final, 'booklet-imposed.pdf');
    expect(doc.getPageCount()).toBe(6); // 12 pages, two a sheet side
    const o = BLEED + MARKS;
    for (let i = 0; i < 6; i++) {
      const [tx0, ty0, tx1, ty1] = box(doc, i, 'TrimBox') as [number, number, number, number];
      const [bx0, by0, bx1, by1] = box(doc, i, 'BleedBox') as [number, number, number, number];
      expect([tx0, ty0, tx1 - tx0, ty1 - ty0].map((v) => v.toFixed(3))).toEqual([o, o, 2 * A4.w, A4.h].map((v) => v.toFixed(3)));
      expect([tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1].map((v) => v.toFixed(3))).toEqual([BLEED, BLEED, BLEED, BLEED].map((v) => v.toFixed(3)));
    }
    const firstSide = squash((await readPdf(await bytesOf(out.final, 'booklet-imposed.pdf'))).lines[0]!.join(''));
    expect(firstSide).toContain('発行三鷹市');
    expect(firstSide).toContain('各部の運営方針と目標');
  });

  it('the two trims meet at the spine: their distance measures 0 on every sheet side', async () => {
    const sheets = await pageTexts(await bytesOf(out.final, 'booklet-imposed.pdf'));
    const spine = BLEED + MARKS + A4.w;
    sheets.forEach((s, k) => {
      const [l, r] = k % 2 === 0 ? [12 - k, k + 1] : [k + 1, 12 - k];
      const foot = (n: number) => s.items.find((i) => i.str === String(n) && Math.abs(i.y - (BLEED + MARKS + FOLIO.fromBottom)) < 0.01 && Math.abs(i.x - spine) < 30)!;
      const left = foot(l);
      const right = foot(r);
      expect(right.x - FOLIO.fromSpine - (left.x + left.width + FOLIO.fromSpine), `side ${k + 1}`).toBeCloseTo(0, 3);
    });
  });

  it('bleeds only on the sheet\'s outer edges: the cover\'s colour block stops at the spine', async () => {
    const plates = separations(join(out.final, 'booklet-imposed.pdf'), 1, 72);
    const spine = Math.round(BLEED + MARKS + A4.w);
    const bandTop = Math.round(MARKS) + 1; // in the bleed above the trim
    const bandRows = [bandTop, bandTop + 100] as const;
    // Side 1 is 12 | 1: the cover (right) has its accent block (C 90) up to the spine …
    expect(plates.Cyan.min(spine + 1, bandRows[0], spine + 200, bandRows[1])).toBeGreaterThan(200);
    // … into its outer bleed (top and right) …
    expect(plates.Cyan.min(Math.round(MARKS + 2 * BLEED + 2 * A4.w) - 2, bandRows[0], Math.round(MARKS + 2 * BLEED + 2 * A4.w), bandRows[1])).toBeGreaterThan(200);
    // … and not a pixel past the spine onto the back cover.
    expect(plates.Cyan.max(spine - 200, bandRows[0], spine - 1, bandRows[1])).toBe(0);
  });
});

describe('screen PDF fixes', () => {
  it('the outline root counts its bookmarks; each points at its page\'s top-left', async () => {
    const doc = await load(out.final, 'booklet.pdf');
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const items: PDFDict[] = [];
    for (let ref = outlines.get(PDFName.of('First')); ref instanceof PDFRef; ) {
      const item = doc.context.lookup(ref, PDFDict);
      items.push(item);
      ref = item.get(PDFName.of('Next'));
    }
    expect(items.length).toBe(screen.outline.length);
    expect((outlines.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(items.length);
    for (const item of items) {
      const dest = item.lookup(PDFName.of('Dest'), PDFArray).asArray();
      expect(dest[1]).toBe(PDFName.of('XYZ'));
      expect((dest[2] as PDFNumber).asNumber()).toBe(0);
      expect((dest[3] as PDFNumber).asNumber()).toBeCloseTo(A4.h, 2);
      expect(dest[4]?.toString()).toBe('null');
    }
  });

  it('names each font subset after its glyphs: different subsets never share a tag', async () => {
    const booklet = fontsOf(await bytesOf(out.final, 'booklet.pdf'));
    const digest = fontsOf(await bytesOf(out.final, 'digest.pdf'));
    for (const f of [...booklet, ...digest]) expect(f.baseFont).toMatch(/^[A-Z]{6}\+BIZUD/);
    const tags = (fonts: typeof booklet) => new Map(fonts.map((f) => [f.baseFont.slice(7), f.baseFont.slice(0, 6)]));
    const a = tags(booklet);
    const b = tags(digest);
    for (const [font, tag] of a) if (b.has(font)) expect(b.get(font), font).not.toBe(tag);
    expect(new Set(a.values()).size).toBe(a.size);
  });
});
