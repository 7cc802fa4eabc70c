// Builds small screen PDFs the way the pipeline does (pdfmake → pdfkit, PDF/A-2b, embedded
// BIZ UD subsets) and reads PDFs back with pdf-lib and pdf.js (Ghostscript and poppler
// checks are in tests/helpers/tools.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfMake } from '../../../src/engine/modules.js';
import { pdfEngine, type EmbeddableFont } from '../../../src/engine/index.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

export const THEME = {
  accent: { rgb: '#1d5a8c', cmyk: [90, 55, 10, 0], fine: [90, 55, 0, 0] },
  accentLight: { rgb: '#e6eef6', cmyk: [10, 4, 0, 0] },
  text: { rgb: '#000000', cmyk: [0, 0, 0, 100] },
  muted: { rgb: '#555555', cmyk: [0, 0, 0, 70] },
  rule: { rgb: '#9aa9b8', cmyk: [30, 15, 5, 15] },
  paper: { rgb: '#ffffff', cmyk: [0, 0, 0, 0] },
  watermark: { rgb: '#d8342c', cmyk: [0, 90, 85, 0] },
} as const;
export const COLOURS = Object.values(THEME);
const font = (f: string) => readFileSync(`${ROOT}/fonts/${f}.ttf`);
const engine = pdfEngine({ gothic: font('BIZUDGothic-Regular'), gothicBold: font('BIZUDGothic-Bold'), mincho: font('BIZUDMincho-Regular') });
/** The BIZ UD fonts the press step sets its slug and hidden folio in (Gothic first), as the engine parses them. */
export const FONTS: readonly EmbeddableFont[] = [engine.font('gothic'), engine.font('gothicBold'), engine.font('mincho')];
/** Not in the theme: converted with the naive formula. #336699 → 0.66667 0.33333 0 0.4 */
export const OFF_THEME = '#336699';


let pdfmake: PdfMake | undefined;
function runtime(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  // Fonts are Buffers in pdfmake's virtual file system, registered under these names.
  pm.virtualfs.writeFileSync('press-gothic.ttf', readFileSync(`${ROOT}/fonts/BIZUDGothic-Regular.ttf`));
  pm.virtualfs.writeFileSync('press-gothic-bold.ttf', readFileSync(`${ROOT}/fonts/BIZUDGothic-Bold.ttf`));
  pm.setFonts({
    Gothic: { normal: 'press-gothic.ttf', bold: 'press-gothic-bold.ttf', italics: 'press-gothic.ttf', bolditalics: 'press-gothic-bold.ttf' },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  pdfmake = pm;
  return pm;
}

/**
 * A screen booklet of `pages` A4 pages: a cover with an accent band and white title, body
 * pages with coloured table fills, black, accent and off-theme text, rules and a link, a
 * translucent watermark, and a back cover. Page k (1-based) prints `PAGE-k`; the cover
 * also prints COVER-PAGE, the last page BACK-COVER.
 */
export async function screenBooklet(pages: number): Promise<Uint8Array> {
  const content: unknown[] = [];
  for (let p = 1; p <= pages; p++) {
    const brk = p > 1 ? { pageBreak: 'before' as const } : {};
    if (p === 1) {
      content.push({
        ...brk,
        table: { widths: ['*'], body: [[{ text: 'COVER-PAGE 令和6年度 各部の運営方針と目標', color: THEME.paper.rgb, fontSize: 20, bold: true, fillColor: THEME.accent.rgb }]] },
        layout: 'noBorders',
      });
      content.push({ text: 'PAGE-1', color: THEME.accent.rgb, id: 'cover' });
      content.push({ text: 'No. 0123456789', color: THEME.muted.rgb });
    } else if (p === pages) {
      content.push({ ...brk, text: 'BACK-COVER 見本市', color: THEME.text.rgb });
      content.push({ text: `PAGE-${p}`, color: THEME.muted.rgb });
    } else {
      content.push({ ...brk, text: `PAGE-${p} 本文の黒い文字`, color: THEME.text.rgb });
      content.push({ text: '強調の文字', color: THEME.accent.rgb });
      content.push({ text: 'off-theme colour', color: OFF_THEME });
      content.push({ text: 'to the cover', linkToDestination: 'cover', color: THEME.accent.rgb });
      content.push({ canvas: [{ type: 'line', x1: 0, y1: 4, x2: 400, y2: 4, lineWidth: 0.5, lineColor: THEME.rule.rgb }] });
      content.push({
        table: {
          widths: ['*', '*'],
          body: [
            [{ text: '項目', fillColor: THEME.accentLight.rgb }, { text: '目標', fillColor: THEME.accentLight.rgb }],
            [{ text: '指標', color: THEME.text.rgb }, { text: '100%', color: THEME.accent.rgb }],
          ],
        },
      });
    }
  }
  const dd = {
    pageSize: 'A4',
    pageMargins: [56, 68, 56, 62],
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'ja-JP',
    compress: true,
    info: { title: 'press test', author: 'test', creator: 'test', producer: 'test', creationDate: new Date(Date.UTC(2024, 4, 31)), modDate: new Date(Date.UTC(2024, 4, 31)) },
    defaultStyle: { font: 'Gothic', fontSize: 10.5, color: THEME.text.rgb },
    watermark: { text: '見本', color: THEME.watermark.rgb, opacity: 0.12, bold: true },
    content,
  };
  const buf = await runtime().createPdf(dd).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * `pages` A4 pages, each entirely covered by a rectangle that runs 20 pt past every edge
 * (as far as any bleed): cyan on odd pages, magenta on even ones, so separations show
 * where each page lands on an imposed sheet.
 */
export async function fullBleedPages(pages: number): Promise<Uint8Array> {
  const dd = {
    pageSize: 'A4',
    defaultStyle: { font: 'Gothic' },
    // A path: pdfmake measures rectangles and would not place one taller than the page.
    background: (page: number) => ({ canvas: [{ type: 'path', d: 'M-20 -20L615.28 -20L615.28 861.89L-20 861.89Z', color: page % 2 === 1 ? '#00ffff' : '#ff00ff' }] }),
    content: Array.from({ length: pages }, (_, i) => ({ text: `PAGE-${i + 1}`, ...(i > 0 ? { pageBreak: 'before' } : {}) })),
  };
  const buf = await runtime().createPdf(dd).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** One page with a canvas gradient (a shading pattern) and a translucent shape, as pdfmake writes them. */
export async function gradientPage(): Promise<Uint8Array> {
  const dd = {
    defaultStyle: { font: 'Gothic' },
    content: [
      {
        canvas: [
          { type: 'rect', x: 0, y: 0, w: 300, h: 100, linearGradient: [THEME.accent.rgb, THEME.paper.rgb] },
          { type: 'ellipse', x: 100, y: 200, r1: 30, r2: 30, color: THEME.watermark.rgb, fillOpacity: 0.5 },
        ],
      },
    ],
  };
  const buf = await runtime().createPdf(dd).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Every stream of the file, decoded (undecodable ones as empty), with its dictionary text. */
export async function decodedStreams(bytes: Uint8Array): Promise<{ dict: string; text: string }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { dict: string; text: string }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    let text = '';
    try {
      text = Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
    } catch {
      text = '';
    }
    out.push({ dict: obj.dict.toString(), text });
  }
  return out;
}

/** All non-stream objects as text (dictionaries, arrays …), whitespace runs as one space. */
export async function objectTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.context
    .enumerateIndirectObjects()
    .filter(([, o]) => !(o instanceof PDFRawStream))
    .map(([, o]) => o.toString().replace(/\s+/g, ' '));
}

/** Embedded font programs and font descriptors by font name. */
export async function fontPrograms(bytes: Uint8Array): Promise<{ descriptors: string[]; programs: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const descriptors: string[] = [];
  let programs = 0;
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    const dict = o instanceof PDFRawStream ? undefined : o;
    const s = dict?.toString() ?? '';
    if (s.includes('/Type /FontDescriptor')) {
      descriptors.push(/\/FontName \/(\S+)/.exec(s)?.[1] ?? '?');
      if (s.includes('/FontFile2')) programs++;
    }
  }
  return { descriptors: descriptors.sort(), programs };
}

export interface TextItem {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  /** advance of the item, page units */
  readonly width: number;
}

/** Text items per page with their positions in page space (pdf.js). */
export async function pageTexts(bytes: Uint8Array): Promise<{ width: number; height: number; items: TextItem[] }[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { width: number; height: number; items: TextItem[] }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      items.push({ str: it.str, x: (it.transform[4] ?? 0) - x0, y: (it.transform[5] ?? 0) - y0, width: it.width });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, items });
  }
  await doc.destroy();
  return pages;
}

export const joined = (items: readonly TextItem[]): string => items.map((i) => i.str).join('').replace(/\s+/g, '');
