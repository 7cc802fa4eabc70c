import type { Edition } from '../model/types.js';
import type { Engine } from '../render/engine.js';
import type { HtmlResources } from '../resources.js';
import { collectGlyphs, collectStylesheetGlyphs, type FaceText } from './glyphs.js';
import { renderPages, type HtmlPage, type PdfFile } from './pages.js';
import { subsetFont } from './subsetFont.js';
import { sfntToWoff2 } from './woff2.js';

/** The HTML edition's folder inside the output folder. */
export const HTML_DIR = 'html';

export interface HtmlFile {
  /** Relative to the output folder (html/…). */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface FontSource {
  readonly bytes: Uint8Array;
  /** Of the font file, so a cached subset is never taken from another font. */
  readonly sha256: string;
}

export interface WebFontSources {
  readonly regular: FontSource;
  readonly bold: FontSource;
}

/**
 * Gives the bytes made earlier for the same `what` (a content key), or makes them. The
 * build passes its typesetting cache, so an unchanged edition's fonts are not subset again.
 */
export type ReuseBytes = (what: string, make: () => Promise<Uint8Array>) => Promise<Uint8Array>;
const makeEveryTime: ReuseBytes = (_what, make) => make();

/**
 * Brotli quality of the WOFF2 fonts. 5 makes a 160 KB subset ~115 KB in ~50 ms; 11 (the
 * maximum) saves another 7 % for ~2 s a face, a poor trade on every build.
 */
const BROTLI_QUALITY = 5;

const FACES = [
  ['regular', 'BIZUDGothic-Regular'],
  ['bold', 'BIZUDGothic-Bold'],
] as const;

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
  reuse: ReuseBytes = makeEveryTime,
): Promise<HtmlFile[]> {
  const encoder = new TextEncoder();
  const pages = renderPages(engine, edition, pdfs);
  const files: HtmlFile[] = pages.map((p) => ({ path: `${HTML_DIR}/${p.path}`, bytes: encoder.encode(p.text) }));
  for (const [name, bytes] of Object.entries(resources.assets)) files.push({ path: `${HTML_DIR}/${name}`, bytes });

  const glyphs = facesFor(engine, edition, pdfs, pages, resources);
  for (const [face, name] of FACES) {
    const codePoints = [...glyphs[face]].sort((a, b) => a - b);
    const what = `woff2 q${BROTLI_QUALITY}\0${fonts[face].sha256}\0${String.fromCodePoint(...codePoints)}`;
    const bytes = await reuse(what, async () => sfntToWoff2(await subsetFont(fonts[face].bytes, codePoints), BROTLI_QUALITY));
    files.push({ path: `${HTML_DIR}/fonts/${name}.woff2`, bytes });
  }
  return files;
}

/**
 * The characters of each face: those of the pages as if every PDF were there to link,
 * so that the fonts are the same whichever PDFs a build leaves in the folder.
 */
function facesFor(
  engine: Engine,
  edition: Edition,
  pdfs: ReadonlyMap<string, PdfFile>,
  pages: readonly HtmlPage[],
  resources: HtmlResources,
): FaceText {
  const every = new Map<string, PdfFile>(
    ['booklet.pdf', 'digest.pdf', ...edition.departments.map((d) => `inserts/${d.fileTag}.pdf`)].map((path) => [path, { path, bytes: 0, pages: 0 }]),
  );
  const complete = [...every.keys()].every((path) => pdfs.has(path));
  const glyphs = collectGlyphs('');
  for (const page of complete ? pages : renderPages(engine, edition, every)) collectGlyphs(page.text, glyphs);
  for (const [name, bytes] of Object.entries(resources.assets)) {
    if (name.endsWith('.css')) collectStylesheetGlyphs(new TextDecoder().decode(bytes), glyphs);
  }
  return glyphs;
}
