// Printer's spreads for saddle stitching. Each page of the print PDF becomes a form
// XObject made from its own (still compressed) content stream and its own resources, so
// fonts and other resources stay single objects however many sheets use them; each sheet
// side shows two whole pages (marks included) side by side.
import { PDFArray, PDFContext, PDFDict, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';
import { fmt } from './colour.js';
import { boxOf, collectGarbage, flateStreamLike, loadPdf, savePdf, streamBytes } from './pdfUtil.js';

const N = (s: string) => PDFName.of(s);

/**
 * Page numbers (1-based) on sheet side `side` (0-based) of an n-page saddle-stitched
 * booklet, [left, right]: side 0 is n | 1, side 1 is 2 | n−1, side 2 is n−2 | 3, …
 */
export function saddlePair(n: number, side: number): [number, number] {
  return side % 2 === 0 ? [n - side, side + 1] : [side + 1, n - side];
}

export async function imposeSaddle(printPdf: Uint8Array): Promise<Uint8Array> {
  const doc = await loadPdf(printPdf);
  const ctx = doc.context;
  const n = doc.getPageCount();
  if (n === 0 || n % 4 !== 0) throw new RangeError(`impose: a saddle-stitched booklet needs a multiple of 4 pages, not ${n}`);

  const forms = doc.getPages().map((page) => {
    const node = page.node;
    const [x0, y0, x1, y1] = boxOf(ctx, node.MediaBox()) ?? [0, 0, 595.28, 841.89];
    const dict = ctx.obj({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [x0, y0, x1, y1],
      Resources: node.get(N('Resources')) ?? node.Resources() ?? ctx.obj({}),
    }) as PDFDict;
    const group = node.get(N('Group'));
    if (group) dict.set(N('Group'), group);
    const ref = ctx.register(formStream(ctx, node, dict));
    return { ref, x0, y0, w: x1 - x0, h: y1 - y0 };
  });

  for (let i = n - 1; i >= 0; i--) doc.removePage(i);
  doc.catalog.delete(N('StructTreeRoot'));
  doc.catalog.delete(N('MarkInfo'));

  for (let side = 0; side < n / 2; side++) {
    const [l, r] = saddlePair(n, side);
    const left = forms[l - 1];
    const right = forms[r - 1];
    if (!left || !right) throw new Error('impose: page index out of range');
    const width = left.w + right.w;
    const height = Math.max(left.h, right.h);
    const sheet = doc.addPage([width, height]);
    const place = (f: typeof left, x: number, nameOf: string) =>
      `q 1 0 0 1 ${fmt(x - f.x0, 6)} ${fmt((height - f.h) / 2 - f.y0, 6)} cm /${nameOf} Do Q\n`;
    const ops = place(left, 0, 'PgL') + place(right, left.w, 'PgR');
    sheet.node.set(N('Contents'), ctx.register(flateStreamLike(ctx, new Uint8Array(Buffer.from(ops, 'latin1')))));
    sheet.node.set(N('Resources'), ctx.obj({ XObject: { PgL: left.ref, PgR: right.ref } }));
  }
  collectGarbage(ctx);
  return savePdf(doc);
}

/** The page's content as one form stream: a single stream keeps its encoded bytes. */
function formStream(context: PDFContext, node: PDFDict, dict: PDFDict): PDFStream {
  const contents = context.lookup(node.get(N('Contents')));
  if (contents instanceof PDFRawStream) {
    for (const key of ['Filter', 'DecodeParms']) {
      const v = contents.dict.get(N(key));
      if (v) dict.set(N(key), v);
    }
    return PDFRawStream.of(dict, contents.contents);
  }
  const parts: Uint8Array[] = [];
  const streams = contents instanceof PDFArray ? contents.asArray().map((o) => context.lookup(o)) : contents ? [contents] : [];
  for (const s of streams) if (s instanceof PDFStream) parts.push(streamBytes(s), Buffer.from('\n'));
  return flateStreamLike(context, new Uint8Array(Buffer.concat(parts)), dict);
}
