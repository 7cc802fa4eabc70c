// Screen PDF → press-ready PDF/X-1a:2001: trim/bleed/media boxes, Japanese crop marks
// (トンボ) in registration colour, a slug line and a hidden folio (隠しノンブル), all
// colours in DeviceCMYK (theme colours exact) with black overprinting and fine lines on
// at most two plates, no transparency, and a page count padded to a multiple of four with
// blanks before the back cover. Pure and deterministic: bytes in, bytes out, no clock.
//
// Each page's Contents is [page, marks, slug]: the page (moved into the trim, with its
// hidden folio), then what lies outside the bleed (the marks, one stream shared by all
// pages of a size, and the slug). Imposition uses the first only.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFPageLeaf, PDFRef, PDFStream } from 'pdf-lib';
import { fmt, themeMap } from './colour.js';
import { ColourConverter, OVERPRINT_STATES } from './convert.js';
import { geometry, marksContent, round6, slugArea, type PageGeometry } from './marks.js';
import { derivedId, identifyAsPdfX, PDFX_PDF_VERSION, type OutputIntent } from './pdfx.js';
import { boxOf, collectGarbage, flateStreamLike, loadPdf, savePdf, streamBytes } from './pdfUtil.js';
import type { EmbeddableFont } from '../../engine/index.js';
import { embedPressFont, textOperators, type PressFont } from './pressFont.js';
import { dropStructure } from './dropStructure.js';

export interface ColourPair {
  readonly rgb: string /* #rrggbb */;
  readonly cmyk: readonly [number, number, number, number] /* percent */;
  readonly fine?: readonly [number, number, number, number] | undefined /* percent, ≤ 2 plates */;
}

export interface PressOptions {
  /** pt; 3 mm = 8.504 */
  readonly bleed: number;
  /** pt beyond the bleed for the crop marks, e.g. 10 mm = 28.346 */
  readonly markArea: number;
  readonly colours: readonly ColourPair[];
  /** Fonts for the slug and the hidden folio, in order of preference (BIZ UD Gothic first), as the engine parsed them. */
  readonly fonts: readonly EmbeddableFont[];
  /** Small text outside the trim, e.g. the edition name; the page number is appended. */
  readonly slug?: string;
  /** pt: text smaller and strokes thinner than these use their colour's fine form. */
  readonly fine?: { readonly textBelow: number; readonly rulesBelow: number };
  /** 隠しノンブル near the spine at the foot of every page (pt). */
  readonly hiddenFolio?: { readonly size: number; readonly fromSpine: number; readonly fromBottom: number };
  /** The registered printing condition (default Japan Color 2001 Coated). */
  readonly outputIntent?: OutputIntent;
  /**
   * What the pages added to make a multiple of four show: nothing (blank, the default), or
   * a notes page: its title at the head of the body and ruled lines below, within the
   * page's margins (mirrored on left-hand pages), in theme colours.
   */
  readonly memo?: MemoPage;
}

export interface MemoPage {
  readonly title: string;
  /** pt, as on a right-hand page (inside = spine side). */
  readonly margins: { readonly top: number; readonly bottom: number; readonly inside: number; readonly outside: number };
  /** pt */
  readonly titleSize: number;
  /** pt between ruled lines. */
  readonly pitch: number;
  /** '#rrggbb' theme colours: the title and its rule, the ruled lines. */
  readonly titleColour: string;
  readonly ruleColour: string;
}

export interface PressResult {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly blanksAdded: number;
  /** What the conversion could not do as asked (RGB images, transparency removed, characters no font has …). */
  readonly unconverted: readonly string[];
}

export const JAPAN_COLOR_2001_COATED: OutputIntent = { identifier: 'JC200103', condition: 'Japan Color 2001 Coated', registry: 'http://www.color.org' };

const N = (s: string) => PDFName.of(s);
const SLUG_SIZE = 6;
const SLUG_MIN_SIZE = 4;

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
  // They carry the watermark the typeset pages carry (a draft's blank says 校正 too).
  const target = Math.ceil(original / 4) * 4;
  const blanksAdded = target - original;
  const lastBox = boxOf(ctx, doc.getPage(original - 1).node.MediaBox()) ?? [0, 0, 595.28, 841.89];
  const at = original > 1 ? original - 1 : 1;
  const blankContent = blanksAdded > 0 ? watermarkOf(doc) : undefined;
  const added: PDFPageLeaf[] = [];
  for (let k = 0; k < blanksAdded; k++) {
    const blank = doc.insertPage(at, [lastBox[2] - lastBox[0], lastBox[3] - lastBox[1]]).node;
    added.push(blank);
    if (blankContent) {
      blank.set(N('Contents'), ctx.register(flateStreamLike(ctx, blankContent.bytes)));
      blank.set(N('Resources'), blankContent.resources);
    }
  }

  dropScreenOnlyParts(doc);

  const pages = doc.getPages();
  const slug = opts.slug?.replace(/\s+/g, ' ').trim() ?? '';
  const numbers = pages.map((_, i) => String(i + 1));
  // slugText sets `name tail` and `name… tail`: the space between is a glyph of the subset too.
  const font = embedPressFont(doc, opts.fonts, [slug, '… ', ...numbers, opts.memo?.title ?? ''], uniquePrefix(doc, 'PBfont'));
  if (opts.memo) {
    const memo = opts.memo;
    // Inserted at `at` one after another: the first one added is the last of them.
    added.forEach((node, k) => {
      const number = at + (added.length - k);
      const [x0, y0, x1, y1] = boxOf(ctx, node.MediaBox()) ?? [0, 0, 595.28, 841.89];
      const ops = memoContent(font, memo, number, x1 - x0, y1 - y0);
      const contents = [...(node.get(N('Contents')) ? [node.get(N('Contents'))!] : []), ctx.register(flateStreamLike(ctx, new Uint8Array(Buffer.from(ops, 'latin1'))))];
      node.set(N('Contents'), ctx.obj(contents));
      if (!node.get(N('Resources'))) node.set(N('Resources'), ctx.obj({}));
    });
  }
  const notes: string[] = [];
  if (font.missing.size > 0) notes.push(`characters in no font left out of the slug: ${[...font.missing].join('')}`);

  const conv = new ColourConverter(ctx, map, opts.fine ? { fine: opts.fine } : {});
  // Pages of one size have the same marks: one stream for all of them.
  const marks = new Map<string, PDFRef>();
  const marksOf = (g: PageGeometry): PDFRef => {
    const key = g.media.join(' ');
    let ref = marks.get(key);
    if (!ref) marks.set(key, (ref = ctx.register(flateStreamLike(ctx, new Uint8Array(Buffer.from(marksContent(g), 'latin1'))))));
    return ref;
  };
  const shiftedPatterns = new Map<string, string>();
  pages.forEach((page, index) => {
    const node = page.node;
    const [x0, y0, x1, y1] = boxOf(ctx, node.MediaBox()) ?? [0, 0, 595.28, 841.89];
    let res = node.Resources();
    if (!res) {
      res = ctx.obj({}) as PDFDict;
      node.set(N('Resources'), res);
    }
    conv.page(node, res);

    const g = geometry(x1 - x0, y1 - y0, opts.bleed, opts.markArea);
    const content = conv.rewrite(pageContent(doc, node), res);
    const head = `q 1 0 0 1 ${fmt(g.offset - x0, 6)} ${fmt(g.offset - y0, 6)} cm\n`;
    let tail = '\n' + 'Q\n'.repeat(content.openSaves) + 'Q\n';
    const folio = opts.hiddenFolio ? hiddenFolio(font, numbers[index]!, index + 1, g, opts.hiddenFolio) : '';
    if (folio !== '') {
      tail += folio;
      conv.useStates(res, new Set([OVERPRINT_STATES[1]]));
    }
    const pageBytes = Buffer.concat([Buffer.from(head, 'latin1'), content.bytes, Buffer.from(tail, 'latin1')]);
    const streams = [ctx.register(flateStreamLike(ctx, new Uint8Array(pageBytes))), marksOf(g)];
    const slugOps = slug === '' ? '' : slugText(font, slug, numbers[index]!, g);
    if (slugOps !== '') streams.push(ctx.register(flateStreamLike(ctx, new Uint8Array(Buffer.from(slugOps, 'latin1')))));
    node.set(N('Contents'), ctx.obj(streams));

    node.set(N('MediaBox'), ctx.obj([...g.media]));
    node.set(N('CropBox'), ctx.obj([...g.media]));
    node.set(N('BleedBox'), ctx.obj([...g.bleed]));
    node.set(N('TrimBox'), ctx.obj([...g.trim]));
    node.delete(N('ArtBox'));

    shiftAnnotations(doc, node, g, x0, y0, conv, res);
    shiftPatterns(doc, res, g.offset - x0, g.offset - y0, shiftedPatterns, notes);
    addFonts(doc, res, font);
  });
  conv.finish();
  identifyAsPdfX(doc, opts.outputIntent ?? JAPAN_COLOR_2001_COATED, derivedId(screenPdf, 'print'));
  collectGarbage(ctx);
  const bytes = await savePdf(doc, PDFX_PDF_VERSION);
  return { bytes, pages: pages.length, blanksAdded, unconverted: [...conv.notes, ...notes] };
}

const WATERMARK = /\/Artifact\s*<<\s*\/Type\s*\/Pagination\s*\/Subtype\s*\/Watermark\b[^]*?\bEMC\b/;

/**
 * The watermark of the first page (a right-hand page: no mirror shift), as the content
 * and resources of a blank page of that size; the engine marks it as a /Watermark artifact.
 */
function watermarkOf(doc: PDFDocument): { bytes: Uint8Array; resources: PDFDict } | undefined {
  const first = doc.getPage(0).node;
  const match = WATERMARK.exec(Buffer.from(pageContent(doc, first)).toString('latin1'));
  if (!match) return undefined;
  const [, , , height] = boxOf(doc.context, first.MediaBox()) ?? [0, 0, 0, 841.89];
  // pdfkit draws in a space flipped to y-down; the artifact is drawn in that space, from
  // a form XObject of the page's resources.
  const res = first.Resources();
  const resources = doc.context.obj({}) as PDFDict;
  for (const key of ['XObject', 'ExtGState']) {
    const v = res?.get(N(key));
    if (v) resources.set(N(key), v);
  }
  return { bytes: new Uint8Array(Buffer.from(`q 1 0 0 -1 0 ${fmt(height, 6)} cm\n${match[0]}\nQ\n`, 'latin1')), resources };
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

const rgbOf = (hex: string): string =>
  [1, 3, 5].map((i) => fmt(parseInt(hex.slice(i, i + 2), 16) / 255, 6)).join(' ');

/**
 * A notes page (page `number`, 1-based; odd = right-hand): the title at the head of the
 * body with a rule under it, then ruled lines `pitch` apart down to the foot of the body.
 * Drawn in the screen colours; the conversion below makes them the theme's CMYK.
 */
function memoContent(font: PressFont, memo: MemoPage, number: number, width: number, height: number): string {
  const m = memo.margins;
  const left = number % 2 === 1 ? m.inside : m.outside;
  const right = width - (number % 2 === 1 ? m.outside : m.inside);
  const top = height - m.top;
  const bottom = m.bottom;
  const baseline = top - memo.titleSize;
  const title = textOperators(font, memo.title, left, baseline, memo.titleSize);
  const head = top - memo.titleSize * 1.6;
  const lines: string[] = [];
  for (let y = head - memo.pitch; y >= bottom; y -= memo.pitch) lines.push(`${fmt(left, 6)} ${fmt(y, 6)} m ${fmt(right, 6)} ${fmt(y, 6)} l`);
  return [
    'q',
    title === '' ? '' : `${rgbOf(memo.titleColour)} rg\n${title}`,
    `${rgbOf(memo.titleColour)} RG 0.8 w ${fmt(left, 6)} ${fmt(head, 6)} m ${fmt(right, 6)} ${fmt(head, 6)} l S`,
    `${rgbOf(memo.ruleColour)} RG 0.4 w`,
    lines.join('\n'),
    lines.length > 0 ? 'S' : '',
    'Q',
    '',
  ].filter((l, i, all) => l !== '' || i === all.length - 1).join('\n');
}

/**
 * The hidden folio in K 100 (overprinting), inside the trim at its foot, `fromSpine` from
 * the spine: the left edge on a right-hand (odd) page, the right edge on a left-hand one.
 */
function hiddenFolio(font: PressFont, text: string, page: number, g: PageGeometry, f: NonNullable<PressOptions['hiddenFolio']>): string {
  const [tx0, ty0, tx1] = g.trim;
  const width = (font.width(text) * f.size) / 1000;
  const x = page % 2 === 1 ? tx0 + f.fromSpine : tx1 - f.fromSpine - width;
  const ops = textOperators(font, text, x, ty0 + f.fromBottom, f.size);
  return ops === '' ? '' : `q\n/${OVERPRINT_STATES[1]} gs\n0 0 0 1 k\n${ops}Q\n`;
}

/**
 * Slug in registration colour in the bottom mark strip: `name` then `tail` (the page or
 * sheet), shrunk to fit down to 4 pt, below that the name shortened with … (the tail
 * always stays whole).
 */
export function slugText(font: PressFont, name: string, tail: string, g: PageGeometry): string {
  const area = slugArea(g);
  let chars = [...name];
  let text = name === '' ? tail : `${name} ${tail}`;
  const sizeFor = (t: string) => {
    const width = font.width(t);
    return Math.min(SLUG_SIZE, area.maxSize, width > 0 ? (area.maxWidth * 1000) / width : SLUG_SIZE);
  };
  while (chars.length > 0 && sizeFor(text) < SLUG_MIN_SIZE) {
    chars = chars.slice(0, -1);
    text = `${chars.join('')}… ${tail}`;
  }
  const size = Math.min(sizeFor(text), SLUG_SIZE);
  if (!(size >= SLUG_MIN_SIZE)) return '';
  const ops = textOperators(font, text, area.x, area.baselineMid - size * 0.35, size);
  return ops === '' ? '' : `q\n1 1 1 1 k\n${ops}Q\n`;
}

/** The press font's resources on a page. */
export function addFonts(doc: PDFDocument, res: PDFDict, font: PressFont): void {
  if (font.resources.size === 0) return;
  let fonts = doc.context.lookup(res.get(N('Font')));
  if (!(fonts instanceof PDFDict)) {
    fonts = doc.context.obj({});
    res.set(N('Font'), fonts as PDFDict);
  }
  for (const [name, ref] of font.resources) (fonts as PDFDict).set(N(name), ref);
}

/** A resource-name prefix no page's font resources use. */
export function uniquePrefix(doc: PDFDocument, base: string): string {
  const used: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = doc.context.lookup(page.node.Resources()?.get(N('Font')));
    if (fonts instanceof PDFDict) for (const [k] of fonts.entries()) used.push(k.decodeText());
  }
  let prefix = base;
  for (let i = 1; used.some((u) => u.startsWith(prefix)); i++) prefix = `${base}${i}x`;
  return prefix;
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
 * Links are dropped (print has no use for them, and PDF/X allows no annotation inside the
 * bleed); other annotations keep their place on the trimmed page, their appearance
 * streams converted like the page.
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
 * PDF/A with an sRGB output intent (its colours are DeviceCMYK now; pdfx.ts writes its
 * own intent and metadata).
 */
function dropScreenOnlyParts(doc: PDFDocument): void {
  const ctx = doc.context;
  const catalog = doc.catalog;
  catalog.delete(N('Outlines'));
  catalog.delete(N('Dests'));
  catalog.delete(N('OutputIntents'));
  catalog.delete(N('Metadata'));
  if (catalog.get(N('PageMode'))?.toString() === '/UseOutlines') catalog.delete(N('PageMode'));
  const names = ctx.lookup(catalog.get(N('Names')));
  if (names instanceof PDFDict) {
    names.delete(N('Dests'));
    if (names.entries().length === 0) catalog.delete(N('Names'));
  }
  // PDF/X allows no actions.
  catalog.delete(N('OpenAction'));
  catalog.delete(N('AA'));
  dropStructure(doc);
}
