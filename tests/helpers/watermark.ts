// 校正/見本 are drawn as outlines, not text: a page's watermark is found by the pagination
// artifact that wraps it and names the word (src/engine/pdfmakePatches.ts writes it).
import { PDFDocument } from 'pdf-lib';
import { pageSource } from './contentWalk.js';

const ARTIFACT = /\/Artifact\s*<<\s*\/Type\s*\/Pagination\s*\/Subtype\s*\/Watermark\s*\/Contents\s*<FEFF([0-9A-Fa-f]*)>\s*>>\s*BDC/;

/** The watermark word of each page ('' for none). */
export async function watermarks(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((_, i) => {
    const hex = ARTIFACT.exec(pageSource(doc, i))?.[1];
    return hex === undefined ? '' : Buffer.from(hex, 'hex').swap16().toString('utf16le');
  });
}
