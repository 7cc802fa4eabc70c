import { pathOperators } from './pdfPath.js';
import { printState } from './printState.js';

// pdfmake's page renderer, patched once per process.

interface LaidOutPage {
  items: unknown[];
  readonly pageMargins?: { readonly left: number; readonly right: number };
}

interface PdfKitPageDoc {
  addPage(...args: unknown[]): unknown;
  translate(x: number, y: number): unknown;
  addContent(data: string): unknown;
}

export interface RendererClass {
  prototype: {
    pdfDocument: PdfKitPageDoc;
    renderPages(pages: LaidOutPage[]): void;
    renderVector(vector: Record<string, unknown>): void;
  };
}

/**
 * How each laid-out page is drawn:
 * - Left-hand (even) pages are drawn mirrored: a page is laid out with the right-hand
 *   page's margins (inside left, outside right) and a left-hand page moves by the
 *   difference, so its inside margin is on the right. Equal margins move nothing.
 * - pdfmake keeps every laid-out page (lines, inlines, vectors) until the whole document
 *   is drawn, though a page is never looked at again once drawn: each page's items are
 *   dropped when pdfkit starts the next page, so a large booklet's memory falls while it
 *   is drawn.
 * - The page count is noted for print() (printState.ts).
 */
export function drawPages(Renderer: RendererClass): void {
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function renderMirroredAndRelease(pages) {
    const state = printState();
    if (state) state.pageCount = pages.length;
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
export function markArtifacts(Renderer: RendererClass): void {
  const renderVector = Renderer.prototype.renderVector;
  Renderer.prototype.renderVector = function renderMarkedVector(vector) {
    const word = vector['artifact'];
    const d = vector['d'];
    const colour = vector['color'];
    if (typeof word !== 'string' || typeof d !== 'string' || typeof colour !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(colour)) {
      return renderVector.call(this, vector);
    }
    const doc = this.pdfDocument as PdfKitPageDoc & FormDoc;
    let forms = watermarkForms.get(doc);
    if (!forms) watermarkForms.set(doc, (forms = new Map()));
    const key = `${colour} ${d}`;
    let form = forms.get(key);
    if (!form) {
      const rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255).join(' ');
      const { width, height } = doc.page;
      const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, width, height], Resources: {} });
      ref.end(`${rgb} rg\n${pathOperators(d)}\nf\n`);
      form = { name: `Wm${forms.size + 1}`, ref };
      forms.set(key, form);
    }
    doc.page.xobjects[form.name] = form.ref;
    const hex = Buffer.from(word, 'utf16le').swap16().toString('hex').toUpperCase();
    doc.addContent(`/Artifact << /Type /Pagination /Subtype /Watermark /Contents <FEFF${hex}> >> BDC q /${form.name} Do Q EMC`);
  };
}

interface PdfKitRef {
  end(data: string): void;
}

/** The watermark forms made in each document, by colour and outline. */
const watermarkForms = new WeakMap<object, Map<string, { name: string; ref: PdfKitRef }>>();

interface FormDoc {
  readonly page: { readonly width: number; readonly height: number; readonly xobjects: Record<string, unknown> };
  ref(data: Record<string, unknown>): PdfKitRef;
}
