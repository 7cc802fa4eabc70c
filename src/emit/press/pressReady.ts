// Screen PDF → press-ready PDF: trim/bleed/media boxes, Japanese crop marks (トンボ) in
// registration colour, an optional slug, all colours in DeviceCMYK (theme colours exact),
// and a page count padded to a multiple of four with blanks before the back cover.
// Pure and deterministic: bytes in, bytes out, no clock.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFStream, PDFString, PDFHexString } from 'pdf-lib';
import { fmt, themeMap } from './colour.js';
import { ColourConverter } from './convert.js';
import { geometry, marksContent, round6, slugArea, type PageGeometry } from './marks.js';
import { boxOf, collectGarbage, flateStreamLike, loadPdf, savePdf, streamBytes } from './pdfUtil.js';
import { chooseSlugFont, slugOperators, textWidth, type SlugFont } from './slug.js';

export interface ColourPair {
  readonly rgb: string /* #rrggbb */;
  readonly cmyk: readonly [number, number, number, number] /* percent */;
}

export interface PressOptions {
  /** pt; 3 mm = 8.504 */
  readonly bleed: number;
  /** pt beyond the bleed for the crop marks, e.g. 10 mm = 28.346 */
  readonly markArea: number;
  readonly colours: readonly ColourPair[];
  /** Small text outside the trim, e.g. the edition name; the page number is appended. */
  readonly slug?: string;
}

export interface PressResult {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly blanksAdded: number;
  /** RGB content the conversion left alone (RGB images, mesh shadings …); empty for pdfmake output. */
  readonly unconverted: readonly string[];
}

const N = (s: string) => PDFName.of(s);
const SLUG_SIZE = 6;

export async function pressReady(screenPdf: Uint8Array, opts: PressOptions): Promise<PressResult> {
  for (const [key, v] of [
    ['bleed', opts.bleed],
    ['markArea', opts.markArea],
  ] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`press: ${key} must be a finite number ≥ 0, not ${v}`);
  }
  const map = themeMap(opts.colours);
  const doc = await loadPdf(screenPdf);
  const ctx = doc.context;
  const original = doc.getPageCount();
  if (original === 0) throw new Error('press: the PDF has no pages');

  // Blanks go before the back cover (the last page); a one-page PDF gets them after it.
  const target = Math.ceil(original / 4) * 4;
  const blanksAdded = target - original;
  const lastBox = boxOf(ctx, doc.getPage(original - 1).node.MediaBox()) ?? [0, 0, 595.28, 841.89];
  const at = original > 1 ? original - 1 : 1;
  for (let k = 0; k < blanksAdded; k++) doc.insertPage(at, [lastBox[2] - lastBox[0], lastBox[3] - lastBox[1]]);

  dropScreenOnlyParts(doc);

  const pages = doc.getPages();
  const slug = opts.slug?.replace(/\s+/g, ' ').trim() ?? '';
  let font: SlugFont | undefined;
  let fontName = 'PressSlug';
  if (slug !== '') {
    const chars = new Set(slug);
    for (let p = 1; p <= pages.length; p++) for (const ch of String(p)) chars.add(ch);
    font = chooseSlugFont(doc, chars);
    fontName = uniqueFontName(doc, fontName);
  }

  const conv = new ColourConverter(ctx, map);
  const shiftedPatterns = new Map<string, string>();
  const notes: string[] = [];
  pages.forEach((page, index) => {
    const node = page.node;
    const mb = boxOf(ctx, node.MediaBox()) ?? [0, 0, 595.28, 841.89];
    const [x0, y0, x1, y1] = mb;
    let res = node.Resources();
    if (!res) {
      res = ctx.obj({}) as PDFDict;
      node.set(N('Resources'), res);
    }
    conv.page(node, res);

    const g = geometry(x1 - x0, y1 - y0, opts.bleed, opts.markArea);
    const content = conv.rewrite(pageContent(doc, node), res);
    const head = `q 1 0 0 1 ${fmt(g.offset - x0, 6)} ${fmt(g.offset - y0, 6)} cm\n`;
    let tail = '\n' + 'Q\n'.repeat(content.openSaves) + 'Q\n' + marksContent(g);
    if (font) tail += slugText(font, fontName, `${slug} ${index + 1}`, g);
    const bytes = Buffer.concat([Buffer.from(head, 'latin1'), content.bytes, Buffer.from(tail, 'latin1')]);
    node.set(N('Contents'), ctx.register(flateStreamLike(ctx, new Uint8Array(bytes))));

    node.set(N('MediaBox'), ctx.obj([...g.media]));
    node.set(N('CropBox'), ctx.obj([...g.media]));
    node.set(N('BleedBox'), ctx.obj([...g.bleed]));
    node.set(N('TrimBox'), ctx.obj([...g.trim]));
    node.delete(N('ArtBox'));

    shiftAnnotations(doc, node, g, x0, y0, conv, res);
    shiftPatterns(doc, res, g.offset - x0, g.offset - y0, shiftedPatterns, notes);

    if (font) {
      const fonts = ctx.lookup(res.get(N('Font')));
      if (fonts instanceof PDFDict) fonts.set(N(fontName), font.ref);
      else res.set(N('Font'), ctx.obj({ [fontName]: font.ref }));
    }
  });
  conv.finish();
  collectGarbage(ctx);
  const bytes = await savePdf(doc);
  return { bytes, pages: pages.length, blanksAdded, unconverted: [...conv.notes, ...notes] };
}

/** The page's content streams, decoded and joined by newlines (pdf-lib blank pages have none). */
function pageContent(doc: PDFDocument, node: PDFDict): Uint8Array {
  const ctx = doc.context;
  const contents = ctx.lookup(node.get(N('Contents')));
  const streams: PDFStream[] = [];
  if (contents instanceof PDFStream) streams.push(contents);
  else if (contents instanceof PDFArray) {
    for (const o of contents.asArray()) {
      const s = ctx.lookup(o);
      if (s instanceof PDFStream) streams.push(s);
    }
  }
  const parts: Uint8Array[] = [];
  for (const s of streams) parts.push(streamBytes(s), Buffer.from('\n'));
  return new Uint8Array(Buffer.concat(parts));
}

/** Slug in registration colour in the bottom mark strip, shrunk to fit if it must. */
function slugText(font: SlugFont, res: string, text: string, g: PageGeometry): string {
  const area = slugArea(g);
  const width = textWidth(font, text);
  const size = Math.min(SLUG_SIZE, area.maxSize, width > 0 ? (area.maxWidth * 1000) / width : SLUG_SIZE);
  if (!(size >= 2)) return '';
  return slugOperators(font, res, text, area.x, area.baselineMid - size * 0.35, size);
}

function uniqueFontName(doc: PDFDocument, base: string): string {
  const used = new Set<string>();
  for (const page of doc.getPages()) {
    const fonts = doc.context.lookup(page.node.Resources()?.get(N('Font')));
    if (fonts instanceof PDFDict) for (const [k] of fonts.entries()) used.add(k.decodeText());
  }
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}${i}`;
  return name;
}

/**
 * A page's patterns live in the page's default space, which the content's `cm` does not
 * move: their /Matrix gets the same translation (once per pattern object).
 */
function shiftPatterns(doc: PDFDocument, res: PDFDict, dx: number, dy: number, done: Map<string, string>, notes: string[]): void {
  const ctx = doc.context;
  const patterns = ctx.lookup(res.get(N('Pattern')));
  if (!(patterns instanceof PDFDict)) return;
  const key = `${fmt(dx, 6)} ${fmt(dy, 6)}`;
  for (const [, ref] of patterns.entries()) {
    if (!(ref instanceof PDFRef)) continue;
    const prev = done.get(ref.tag);
    if (prev !== undefined) {
      if (prev !== key) notes.push('a pattern shared by pages of different sizes keeps the first page\'s position');
      continue;
    }
    done.set(ref.tag, key);
    const pat = ctx.lookup(ref);
    const dict = pat instanceof PDFStream ? pat.dict : pat instanceof PDFDict ? pat : undefined;
    if (!dict) continue;
    const m = ctx.lookup(dict.get(N('Matrix')));
    const v = m instanceof PDFArray && m.size() === 6 ? m.asArray().map((o) => (ctx.lookup(o) as PDFNumber | undefined)?.asNumber?.() ?? 0) : [1, 0, 0, 1, 0, 0];
    dict.set(N('Matrix'), ctx.obj([v[0] ?? 1, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1, (v[4] ?? 0) + dx, (v[5] ?? 0) + dy].map(round6)));
  }
}

/**
 * Links are dropped (print has no use for them); other annotations keep their place on
 * the trimmed page. Their appearance streams get the same colour conversion.
 */
function shiftAnnotations(doc: PDFDocument, node: PDFDict, g: PageGeometry, x0: number, y0: number, conv: ColourConverter, res: PDFDict): void {
  const ctx = doc.context;
  const annots = ctx.lookup(node.get(N('Annots')));
  if (!(annots instanceof PDFArray)) {
    node.delete(N('Annots'));
    return;
  }
  const dx = g.offset - x0;
  const dy = g.offset - y0;
  const kept: PDFObject[] = [];
  for (const ref of annots.asArray()) {
    const a = ctx.lookup(ref);
    if (!(a instanceof PDFDict) || a.get(N('Subtype'))?.toString() === '/Link') continue;
    for (const key of ['Rect', 'QuadPoints']) {
      const arr = ctx.lookup(a.get(N(key)));
      if (!(arr instanceof PDFArray)) continue;
      const v = arr.asArray().map((o, i) => {
        const x = ctx.lookup(o);
        return x instanceof PDFNumber ? x.asNumber() + (i % 2 === 0 ? dx : dy) : 0;
      });
      a.set(N(key), ctx.obj(v));
    }
    conv.appearances(a, res);
    kept.push(ref);
  }
  if (kept.length === 0) node.delete(N('Annots'));
  else node.set(N('Annots'), ctx.obj(kept));
}

/**
 * The print PDF has no outline, named destinations or link targets, and no longer claims
 * PDF/A with an sRGB output intent (its colours are DeviceCMYK now).
 */
function dropScreenOnlyParts(doc: PDFDocument): void {
  const ctx = doc.context;
  const catalog = doc.catalog;
  catalog.delete(N('Outlines'));
  catalog.delete(N('Dests'));
  catalog.delete(N('OutputIntents'));
  if (catalog.get(N('PageMode'))?.toString() === '/UseOutlines') catalog.delete(N('PageMode'));
  const names = ctx.lookup(catalog.get(N('Names')));
  if (names instanceof PDFDict) {
    names.delete(N('Dests'));
    if (names.entries().length === 0) catalog.delete(N('Names'));
  }
  const open = ctx.lookup(catalog.get(N('OpenAction')));
  if (open instanceof PDFDict) {
    const d = ctx.lookup(open.get(N('D')));
    if (d instanceof PDFString || d instanceof PDFHexString || d instanceof PDFName) catalog.delete(N('OpenAction'));
  }
  const metaRef = catalog.get(N('Metadata'));
  const meta = ctx.lookup(metaRef);
  if (metaRef instanceof PDFRef && meta instanceof PDFStream) {
    let xmp: string;
    try {
      xmp = Buffer.from(streamBytes(meta)).toString('latin1');
    } catch {
      return;
    }
    const stripped = xmp
      .replace(/<rdf:Description\b[^>]*xmlns:pdfaid=[^>]*>[\s\S]*?<\/rdf:Description>\s*/g, '')
      .replace(/<pdfaid:\w+>[^<]*<\/pdfaid:\w+>\s*/g, '')
      .replace(/\s+pdfaid:\w+="[^"]*"/g, '');
    if (stripped !== xmp) {
      // XMP stays uncompressed so that tools can find it.
      const dict = meta.dict.clone(ctx);
      dict.delete(N('Filter'));
      dict.delete(N('DecodeParms'));
      ctx.assign(metaRef, PDFRawStream.of(dict, new Uint8Array(Buffer.from(stripped, 'latin1'))));
    }
  }
}
