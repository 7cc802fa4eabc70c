import { createRequire } from 'node:module';
import { FONT_FAMILIES, FONT_FILES, type FontFileKey } from '../typeset/fonts.js';
import { parseFontOnce, pdfkitFontkit } from '../typeset/fontCache.js';
import type { PdfNode } from '../typeset/blocks/context.js';
import { installFinishedLines } from './finishedLines.js';
import { subsetTag } from './subsetTag.js';
import { pathOperators } from '../typeset/watermark.js';
import { installTagging, type PdfKitDocClass } from './tagging/markContent.js';

// The only module that loads the pdfmake runtime (CommonJS).
const require = createRequire(import.meta.url);

/** The part of pdfmake's runtime we call (it ships CommonJS without types we can use). */
export interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void; existsSync(name: string): boolean };
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
}

let runtime: PdfMake | undefined;
let fontsInstalled = false;

/**
 * pdfkit calls fontkit.create() for every document, re-parsing 4–6 MB font files each
 * time. fontkit's exports are read-only getters, so before pdfkit is first loaded we put
 * a facade in its require-cache slot that parses each font buffer once per process.
 * Sharing the parsed font is safe: pdfkit keeps per-document state (subsets) in its own
 * EmbeddedFont objects.
 */
function loadRuntime(): PdfMake {
  if (runtime) return runtime;
  const { fontkit, path: fontkitPath } = pdfkitFontkit();
  const facade = {
    ...fontkit,
    create: (buf: Uint8Array, postscriptName?: string) =>
      postscriptName === undefined ? parseFontOnce(fontkit, buf) : fontkit.create(buf, postscriptName),
  };
  const cached = require.cache[fontkitPath];
  if (cached) cached.exports = facade;
  const pdfkitPath = require.resolve('pdfkit');
  const PDFDocument = require(pdfkitPath) as PdfKitClass;
  patchXmp(PDFDocument);
  unpoolChunks(PDFDocument);
  fixOutline(PDFDocument);
  tagSubsetsByGlyphs(PDFDocument);
  runtime = require('pdfmake') as PdfMake;
  installFinishedLines(require);
  drawPages(require);
  markArtifacts(require);
  installTagging(require, PDFDocument as unknown as PdfKitDocClass);
  // Never fetch anything: fonts come from memory, and data cannot name a URL or a file.
  runtime.setUrlAccessPolicy(() => false);
  runtime.setLocalAccessPolicy(() => false);
  return runtime;
}

interface PdfKitDoc {
  info: Record<string, unknown>;
  options: { lang?: string };
  appendXML(xml: string, newline?: boolean): void;
}
type PdfKitClass = {
  prototype: {
    _addInfo(this: PdfKitDoc): void;
    _write(this: PdfKitStream, data: unknown): void;
    endOutline(this: { outline: OutlineNode }): void;
    end(this: { _fontFamilies: Record<string, SubsetFontObject> }): void;
  };
};

interface OutlineNode {
  readonly outlineData: { Dest?: unknown[]; Count?: number };
  readonly children: OutlineNode[];
  readonly options: { expanded?: boolean };
}

/** pdfkit's EmbeddedFont, as far as naming its subset goes. */
interface SubsetFontObject {
  id: string;
  readonly font?: { readonly postscriptName?: string };
  readonly subset?: { readonly glyphs?: readonly number[] };
  embed?: () => void;
}
interface PdfKitStream {
  _offset: number;
  push(chunk: Buffer): void;
}

/**
 * pdfkit turns each object it writes (~170 bytes on average) into `Buffer.from(string)`,
 * a slice of an 8 KiB pool slab, and the queued chunks keep their slabs alive until the
 * document is read out: ~18 MB for an 800-page booklet. Each chunk gets its own exact
 * allocation instead; the bytes are the same.
 */
function unpoolChunks(PDFDocument: PdfKitClass): void {
  PDFDocument.prototype._write = function write(this: PdfKitStream, data: unknown) {
    let chunk: Buffer;
    if (Buffer.isBuffer(data)) chunk = data;
    else {
      const text = `${String(data)}\n`;
      chunk = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'binary'));
      chunk.write(text, 'binary');
    }
    this.push(chunk);
    this._offset += chunk.length;
  };
}

const xml = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * pdfkit writes Info values into the XMP packet without escaping, so a title with "&" or
 * "<" from the data would make the metadata (and PDF/A) invalid; it also writes no
 * language. This replacement writes the same properties escaped, plus dc:language,
 * dc:publisher and dc:coverage (the fiscal year): Dublin Core properties that PDF/A
 * accepts without an extension schema.
 */
function patchXmp(PDFDocument: PdfKitClass): void {
  PDFDocument.prototype._addInfo = function addInfo(this: PdfKitDoc) {
    const i = this.info;
    const date = i['CreationDate'] instanceof Date ? `${i['CreationDate'].toISOString().split('.')[0]}Z` : '';
    const alt = (v: unknown) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt>`;
    const parts = [
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:CreatorTool>${xml(i['Creator'])}</xmp:CreatorTool></rdf:Description>`,
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
      i['Title'] ? `<dc:title>${alt(i['Title'])}</dc:title>` : '',
      i['Author'] ? `<dc:creator><rdf:Seq><rdf:li>${xml(i['Author'])}</rdf:li></rdf:Seq></dc:creator>` : '',
      i['Author'] ? `<dc:publisher><rdf:Bag><rdf:li>${xml(i['Author'])}</rdf:li></rdf:Bag></dc:publisher>` : '',
      i['Subject'] ? `<dc:description>${alt(i['Subject'])}</dc:description>` : '',
      this.options.lang ? `<dc:language><rdf:Bag><rdf:li>${xml(this.options.lang)}</rdf:li></rdf:Bag></dc:language>` : '',
      i['Coverage'] ? `<dc:coverage>${xml(i['Coverage'])}</dc:coverage>` : '',
      '</rdf:Description>',
      `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${xml(i['Producer'])}</pdf:Producer>${i['Keywords'] ? `<pdf:Keywords>${xml(i['Keywords'])}</pdf:Keywords>` : ''}</rdf:Description>`,
    ];
    this.appendXML(parts.filter(Boolean).join('\n'));
  };
}

/**
 * pdfkit points every bookmark at the page's top-right corner with zoom 0 (it subtracts
 * `left` from the page width) and gives the outline root no /Count. Bookmarks go to the
 * top-left keeping the reader's zoom; the root counts its visible items.
 */
function fixOutline(PDFDocument: PdfKitClass): void {
  const endOutline = PDFDocument.prototype.endOutline;
  PDFDocument.prototype.endOutline = function endFixedOutline(this: { outline: OutlineNode }) {
    const visible = (node: OutlineNode): number =>
      node.children.reduce((n, child) => n + 1 + (child.options.expanded ? visible(child) : 0), 0);
    const walk = (node: OutlineNode) => {
      for (const child of node.children) {
        const dest = child.outlineData.Dest;
        if (dest?.[1] === 'XYZ') child.outlineData.Dest = [dest[0], 'XYZ', 0, dest[3], null];
        walk(child);
      }
    };
    walk(this.outline);
    const count = visible(this.outline);
    if (count > 0) this.outline.outlineData.Count = count;
    endOutline.call(this);
  };
}

/**
 * pdfkit names a subset after the font's resource name (F1 → BZZZZZ+), so two different
 * subsets in two files share a name. The tag is derived from the font and the glyphs in
 * the subset instead (six letters A–Z, as PDF asks).
 */
function tagSubsetsByGlyphs(PDFDocument: PdfKitClass): void {
  const end = PDFDocument.prototype.end;
  PDFDocument.prototype.end = function endWithTags(this: { _fontFamilies: Record<string, SubsetFontObject> }) {
    for (const font of Object.values(this._fontFamilies)) {
      const embed = font.embed;
      const glyphs = font.subset?.glyphs;
      if (!embed || !glyphs) continue;
      font.embed = function embedTagged(this: SubsetFontObject) {
        const id = this.id;
        // pdfkit makes the tag from characters 1–6 of the id, each + 17: 'A' + k comes from '0' + k.
        this.id = id.charAt(0) + [...subsetTag(this.font?.postscriptName ?? '', glyphs)].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('');
        try {
          embed.call(this);
        } finally {
          this.id = id;
        }
      };
    }
    end.call(this);
  };
}

interface LaidOutPage {
  items: unknown[];
  readonly pageMargins?: { readonly left: number; readonly right: number };
}

interface PdfKitPageDoc {
  addPage(...args: unknown[]): unknown;
  translate(x: number, y: number): unknown;
  addContent(data: string): unknown;
}

interface RendererClass {
  prototype: {
    pdfDocument: PdfKitPageDoc;
    renderPages(pages: LaidOutPage[]): void;
    renderVector(vector: Record<string, unknown>): void;
  };
}

const renderer = (require: NodeJS.Require) => (require('pdfmake/js/Renderer') as { default: RendererClass }).default;

/**
 * How each laid-out page is drawn:
 * - Left-hand (even) pages are drawn mirrored: a page is laid out with the right-hand
 *   page's margins (inside left, outside right) and a left-hand page moves by the
 *   difference, so its inside margin is on the right. Equal margins move nothing.
 * - pdfmake keeps every laid-out page (lines, inlines, vectors) until the whole document
 *   is drawn, though a page is never looked at again once drawn: each page's items are
 *   dropped when pdfkit starts the next page, so a large booklet's memory falls while it
 *   is drawn.
 */
function drawPages(require: NodeJS.Require): void {
  const Renderer = renderer(require);
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function renderMirroredAndRelease(pages) {
    const doc = this.pdfDocument;
    const addPage = doc.addPage;
    let started = 0;
    doc.addPage = function addAndRelease(this: PdfKitPageDoc, ...args: unknown[]) {
      const drawn = pages[started - 1];
      if (drawn) drawn.items = [];
      const page = pages[started];
      started++;
      const result = addPage.apply(this, args);
      const margins = page?.pageMargins;
      if (started % 2 === 0 && margins && margins.right !== margins.left) this.translate(margins.right - margins.left, 0);
      return result;
    };
    try {
      renderPages.call(this, pages);
    } finally {
      doc.addPage = addPage;
    }
  };
}

/**
 * A vector with `artifact: word` (the watermark) is drawn from a form XObject made once
 * per document (one per position: left-hand pages have their own), wrapped as a
 * pagination artifact that names the word: not page text, yet a tool can tell which
 * watermark a page carries. Drawn inline, its outline cost ~650 bytes on every page.
 */
function markArtifacts(require: NodeJS.Require): void {
  const Renderer = renderer(require);
  const renderVector = Renderer.prototype.renderVector;
  Renderer.prototype.renderVector = function renderMarkedVector(vector) {
    const word = vector['artifact'];
    const d = vector['d'];
    const colour = vector['color'];
    if (typeof word !== 'string' || typeof d !== 'string' || typeof colour !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(colour)) {
      return renderVector.call(this, vector);
    }
    const doc = this.pdfDocument as PdfKitPageDoc & WatermarkForms;
    doc._watermarkForms ??= new Map();
    const key = `${colour} ${d}`;
    let form = doc._watermarkForms.get(key);
    if (!form) {
      const rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255).join(' ');
      const { width, height } = doc.page;
      const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, width, height], Resources: {} });
      ref.end(`${rgb} rg\n${pathOperators(d)}\nf\n`);
      form = { name: `Wm${doc._watermarkForms.size + 1}`, ref };
      doc._watermarkForms.set(key, form);
    }
    doc.page.xobjects[form.name] = form.ref;
    const hex = Buffer.from(word, 'utf16le').swap16().toString('hex').toUpperCase();
    doc.addContent(`/Artifact << /Type /Pagination /Subtype /Watermark /Contents <FEFF${hex}> >> BDC q /${form.name} Do Q EMC`);
  };
}

interface PdfKitRef {
  end(data: string): void;
}

interface WatermarkForms {
  _watermarkForms?: Map<string, { name: string; ref: PdfKitRef }>;
  readonly page: { readonly width: number; readonly height: number; readonly xobjects: Record<string, unknown> };
  ref(data: Record<string, unknown>): PdfKitRef;
}

export type FontBuffers = Readonly<Record<FontFileKey, Uint8Array>>;

/** Registers the fonts once per process; later calls with the same files are no-ops. */
export function installFonts(fonts: FontBuffers): void {
  const pdfmake = loadRuntime();
  if (fontsInstalled) return;
  for (const key of Object.keys(FONT_FILES) as FontFileKey[]) {
    // The same object, not a copy: pdfkit's parse is then shared with our glyph checks.
    const buf = fonts[key];
    pdfmake.virtualfs.writeFileSync(FONT_FILES[key], Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  }
  pdfmake.setFonts(FONT_FAMILIES);
  fontsInstalled = true;
}

export async function printPdf(docDefinition: PdfNode): Promise<Uint8Array> {
  const pdfmake = loadRuntime();
  if (!fontsInstalled) throw new Error('installFonts() must run before printPdf()');
  const buf = await pdfmake.createPdf(docDefinition).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
