// Department inserts go to an office printer, double-sided: an odd page count gets one
// blank page (same boxes as the last page) at the end so the next insert starts on a front.
import { PDFArray, PDFName } from 'pdf-lib';
import { boxOf, loadPdf, savePdf } from './pdfUtil.js';

const BOXES = ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox'] as const;

export async function padToEven(pdf: Uint8Array): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await loadPdf(pdf);
  const count = doc.getPageCount();
  if (count === 0) throw new Error('padToEven: the PDF has no pages');
  // Even already: the input is the answer, byte for byte.
  if (count % 2 === 0) return { bytes: pdf, pages: count };
  const last = doc.getPage(count - 1).node;
  const [x0, y0, x1, y1] = boxOf(doc.context, last.MediaBox()) ?? [0, 0, 595.28, 841.89];
  const blank = doc.addPage([x1 - x0, y1 - y0]).node;
  for (const key of BOXES) {
    const box = doc.context.lookup(key === 'MediaBox' ? last.MediaBox() : last.get(PDFName.of(key)));
    if (box instanceof PDFArray) blank.set(PDFName.of(key), box.clone(doc.context));
  }
  return { bytes: await savePdf(doc), pages: count + 1 };
}
