import type { Edition } from '../model/types.js';
import type { Engine } from '../render/engine.js';
import type { HtmlResources } from '../resources.js';
import { collectGlyphs, collectStylesheetGlyphs } from './glyphs.js';
import { renderPages, type PdfFile } from './pages.js';
import { subsetFont } from './subsetFont.js';
import { sfntToWoff2 } from './woff2.js';

/** The HTML edition's folder inside the output folder. */
export const HTML_DIR = 'html';

export interface HtmlFile {
  /** Relative to the output folder (html/…). */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface WebFontSources {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/**
 * Brotli quality of the WOFF2 fonts. 5 makes a 160 KB subset ~115 KB in ~50 ms; 11 (the
 * maximum) saves another 7 % for ~2 s a face, a poor trade on every build.
 */
const BROTLI_QUALITY = 5;

/**
 * The HTML edition: an index page, a page per department, the stylesheet, and the two
 * BIZ UD Gothic faces cut down to the characters the pages use, as WOFF2. Deterministic:
 * the same edition, PDFs, templates and fonts give the same bytes.
 */
export async function buildHtml(
  engine: Engine,
  edition: Edition,
  resources: HtmlResources,
  fonts: WebFontSources,
  pdfs: ReadonlyMap<string, PdfFile>,
): Promise<HtmlFile[]> {
  const encoder = new TextEncoder();
  const pages = renderPages(engine, edition, pdfs);
  const glyphs = collectGlyphs('');
  for (const page of pages) collectGlyphs(page.text, glyphs);
  const files: HtmlFile[] = pages.map((p) => ({ path: `${HTML_DIR}/${p.path}`, bytes: encoder.encode(p.text) }));
  for (const [name, bytes] of Object.entries(resources.assets)) {
    if (name.endsWith('.css')) collectStylesheetGlyphs(new TextDecoder().decode(bytes), glyphs);
    files.push({ path: `${HTML_DIR}/${name}`, bytes });
  }
  const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);
  files.push(
    { path: `${HTML_DIR}/fonts/BIZUDGothic-Regular.woff2`, bytes: sfntToWoff2(await subsetFont(fonts.regular, sorted(glyphs.regular)), BROTLI_QUALITY) },
    { path: `${HTML_DIR}/fonts/BIZUDGothic-Bold.woff2`, bytes: sfntToWoff2(await subsetFont(fonts.bold, sorted(glyphs.bold)), BROTLI_QUALITY) },
  );
  return files;
}
