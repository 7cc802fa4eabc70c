// Printer's sheets for saddle stitching, from the print PDF. Each sheet side holds two
// trimmed pages that meet at the spine with no gap: a page keeps its bleed on the sheet's
// outer edges only and is clipped at the spine. The sheet has its own TrimBox (the two
// pages) and BleedBox, crop marks at its corners, centre marks on its left and right
// edges, fold marks at the spine, and a slug naming the sheet and its pages. Creep
// (shingling) moves the pages of inner sheets toward the spine, `creep` per sheet.
//
// Each page becomes a form XObject of its own page stream (the first of the print page's
// Contents, still compressed: marks and slug are the second and are left out) and its
// own resources, so fonts stay single objects however many sheets use them.
import { PDFArray, PDFContext, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { fmt } from './colour.js';
import { geometry, marksContent, round6 } from './marks.js';
import { derivedId, PDFX_PDF_VERSION, setFileId } from './pdfx.js';
import { boxOf, collectGarbage, flateStreamLike, loadPdf, savePdf, streamBytes } from './pdfUtil.js';
import type { EmbeddableFont } from '../../engine/index.js';
import { embedPressFont } from './pressFont.js';
import { addFonts, slugText, uniquePrefix } from './pressReady.js';

const N = (s: string) => PDFName.of(s);

export interface ImposeOptions {
  /** Fonts for the slug, in order of preference, as the engine parsed them. */
  readonly fonts: readonly EmbeddableFont[];
  /** Names the edition in each sheet's slug. */
  readonly slug?: string;
  /** pt per sheet from the outside: sheet k moves its pages k × creep toward the spine. */
  readonly creep?: number;
}

/**
 * Page numbers (1-based) on sheet side `side` (0-based) of an n-page saddle-stitched
 * booklet, [left, right]: side 0 is n | 1, side 1 is 2 | n−1, side 2 is n−2 | 3, …
 */
export function saddlePair(n: number, side: number): [number, number] {
  return side % 2 === 0 ? [n - side, side + 1] : [side + 1, n - side];
}

interface PageForm {
  readonly ref: PDFRef;
  readonly trim: readonly [number, number, number, number];
  readonly bleed: readonly [number, number, number, number];
  readonly media: readonly [number, number, number, number];
}

export async function imposeSaddle(printPdf: Uint8Array, opts: ImposeOptions): Promise<Uint8Array> {
  const creep = opts.creep ?? 0;
  if (!Number.isFinite(creep) || creep < 0) throw new RangeError(`impose: creep must be a finite number ≥ 0, not ${creep}`);
  const doc = await loadPdf(printPdf);
  const ctx = doc.context;
  const n = doc.getPageCount();
  if (n === 0 || n % 4 !== 0) throw new RangeError(`impose: a saddle-stitched booklet needs a multiple of 4 pages, not ${n}`);

  const forms: PageForm[] = doc.getPages().map((page) => {
    const node = page.node;
    const media = boxOf(ctx, node.MediaBox()) ?? [0, 0, 595.28, 841.89];
    const trim = boxOf(ctx, node.get(N('TrimBox'))) ?? media;
    const bleed = boxOf(ctx, node.get(N('BleedBox'))) ?? trim;
    const dict = ctx.obj({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [...bleed],
      Resources: node.get(N('Resources')) ?? node.Resources() ?? ctx.obj({}),
    }) as PDFDict;
    return { ref: ctx.register(formStream(ctx, node, dict)), trim, bleed, media };
  });

  const first = forms[0]!;
  const [tx0, ty0, tx1, ty1] = first.trim;
  const w = tx1 - tx0;
  const h = ty1 - ty0;
  const b = tx0 - first.bleed[0];
  const markArea = first.bleed[0] - first.media[0];
  for (const f of forms) {
    const same = (x: number, y: number) => Math.abs(x - y) < 1e-3;
    if (!same(f.trim[2] - f.trim[0], w) || !same(f.trim[3] - f.trim[1], h)) throw new RangeError('impose: every page must have the same trim size');
  }
  const g = geometry(2 * w, h, b, markArea);
  const [sx0, sy0, sx1, sy1] = g.trim;
  const [bx0, by0, bx1, by1] = g.bleed;
  const spine = round6(sx0 + w);

  for (let i = n - 1; i >= 0; i--) doc.removePage(i);
  doc.catalog.delete(N('StructTreeRoot'));
  doc.catalog.delete(N('MarkInfo'));

  const sides = n / 2;
  const slug = opts.slug?.replace(/\s+/g, ' ').trim() ?? '';
  const labels = Array.from({ length: sides }, (_, s) => {
    const [l, r] = saddlePair(n, s);
    return `${Math.floor(s / 2) + 1}/${sides / 2}${s % 2 === 0 ? '表' : '裏'} ${l}|${r}`;
  });
  const font = embedPressFont(doc, opts.fonts, [slug, '…', ...labels], uniquePrefix(doc, 'PBfont'));

  for (let side = 0; side < sides; side++) {
    const [l, r] = saddlePair(n, side);
    const left = forms[l - 1];
    const right = forms[r - 1];
    if (!left || !right) throw new Error('impose: page index out of range');
    const shift = Math.floor(side / 2) * creep;
    // Each page: clipped to its half of the sheet's bleed box, its trim placed against the spine.
    const place = (f: PageForm, clip: readonly [number, number, number, number], trimX: number, name: string) =>
      `q ${fmt(clip[0], 6)} ${fmt(clip[1], 6)} ${fmt(clip[2] - clip[0], 6)} ${fmt(clip[3] - clip[1], 6)} re W n\n` +
      `1 0 0 1 ${fmt(trimX - f.trim[0], 6)} ${fmt(sy0 - f.trim[1], 6)} cm /${name} Do Q\n`;
    const ops =
      place(left, [bx0, by0, spine, by1], sx0 + shift, 'PgL') +
      place(right, [spine, by0, bx1, by1], spine - shift, 'PgR') +
      marksContent(g, true) +
      slugText(font, slug, labels[side]!, g);
    const sheet = doc.addPage([g.media[2], g.media[3]]);
    const node = sheet.node;
    node.set(N('Contents'), ctx.register(flateStreamLike(ctx, new Uint8Array(Buffer.from(ops, 'latin1')))));
    const res = ctx.obj({ XObject: { PgL: left.ref, PgR: right.ref } }) as PDFDict;
    addFonts(doc, res, font);
    node.set(N('Resources'), res);
    node.set(N('MediaBox'), ctx.obj([...g.media]));
    node.set(N('CropBox'), ctx.obj([...g.media]));
    node.set(N('BleedBox'), ctx.obj([bx0, by0, bx1, by1]));
    node.set(N('TrimBox'), ctx.obj([sx0, sy0, sx1, sy1]));
  }
  setFileId(doc, derivedId(printPdf, 'saddle'));
  collectGarbage(ctx);
  return savePdf(doc, PDFX_PDF_VERSION);
}

/**
 * The page's own content as one form stream: the first of its Contents when there are
 * several (the print PDF's page; the rest are its marks), else the only one. A single
 * stream keeps its encoded bytes.
 */
function formStream(context: PDFContext, node: PDFDict, dict: PDFDict): PDFStream {
  const contents = context.lookup(node.get(N('Contents')));
  const page = contents instanceof PDFArray ? context.lookup(contents.get(0)) : contents;
  if (page instanceof PDFRawStream) {
    for (const key of ['Filter', 'DecodeParms']) {
      const v = page.dict.get(N(key));
      if (v) dict.set(N(key), v);
    }
    return PDFRawStream.of(dict, page.contents);
  }
  const bytes = page instanceof PDFStream ? streamBytes(page) : new Uint8Array(0);
  return flateStreamLike(context, bytes, dict);
}
