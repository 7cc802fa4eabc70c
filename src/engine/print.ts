import { FONT_FAMILIES, FONT_FILES, type FontBuffers, type FontFileKey } from './fonts.js';
import { withPrintState } from './printState.js';
import { pdfmakeRuntime } from './runtime.js';

/** pdfmake content, kept loose: pdfmake's own types reject valid nodes it documents. */
export type PdfNode = Record<string, unknown>;

/** Where a part landed: its first and last page (1-based). */
export interface PartPages {
  readonly firstPage: number;
  readonly lastPage: number;
}

/** What a page's furniture is drawn from. */
export interface PageOf<Part> {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** The part whose content the page shows first; undefined on a page without content. */
  readonly part: Part | undefined;
}

/**
 * A document for the engine: pdfmake's document definition with its content given as
 * parts (each labelled by the caller), and page furniture that may depend on the part a
 * page belongs to.
 */
export interface PrintDocument<Part extends object> {
  /** Page size, margins, info, default style …: everything but content, header, footer and background. */
  readonly definition: PdfNode;
  /** The content in order; each part's node is laid out as pdfmake lays out any node (its pageBreak included). */
  readonly parts: readonly { readonly part: Part; readonly content: PdfNode }[];
  readonly header?: (page: PageOf<Part>) => PdfNode | null;
  readonly footer?: (page: PageOf<Part>) => PdfNode | null;
  /** Called as each page is started, before anything is placed on it. */
  readonly background?: (page: number) => PdfNode | null;
}

export interface Printed<Part extends object> {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** Every part that landed on a page, in order, with its pages. */
  readonly parts: readonly (Part & PartPages)[];
}

export interface PrintSettings {
  /** The font files, as the engine hands them to pdfkit (parsefonts.ts: fontBytesFor). */
  readonly fonts: FontBuffers;
  readonly finishedLines: boolean;
}

/** What pdfmake writes onto every node it lays out. */
interface Placed {
  readonly positions?: readonly { readonly pageNumber: number }[];
}

/** Prints run one after another: the patched prototypes read the document's settings (printState.ts). */
let queue: Promise<unknown> = Promise.resolve();

export function print<Part extends object>(doc: PrintDocument<Part>, settings: PrintSettings): Promise<Printed<Part>> {
  const run = queue.then(() => printNow(doc, settings));
  queue = run.catch(() => undefined);
  return run;
}

async function printNow<Part extends object>(doc: PrintDocument<Part>, settings: PrintSettings): Promise<Printed<Part>> {
  const pdfmake = pdfmakeRuntime();
  // The virtual file system is the process's: this engine's fonts go in for each document.
  for (const key of Object.keys(FONT_FILES) as FontFileKey[]) {
    const buf = settings.fonts[key];
    pdfmake.virtualfs.writeFileSync(FONT_FILES[key], Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  }
  pdfmake.setFonts(FONT_FAMILIES);

  const parts = doc.parts.map((p) => ({ part: p.part, content: p.content as PdfNode & Placed }));
  // Page → part, built once per layout: searching every part's positions for every
  // header and footer grew with pages × parts (a quarter second at 800 pages).
  let byPage = new Map<number, Part>();
  let indexed = -1;
  const partOf = (page: number): Part | undefined => {
    const placed = parts.reduce((n, p) => n + (p.content.positions?.length ?? 0), 0);
    if (placed !== indexed) {
      byPage = new Map();
      for (const p of parts) for (const q of p.content.positions ?? []) if (!byPage.has(q.pageNumber)) byPage.set(q.pageNumber, p.part);
      indexed = placed;
    }
    return byPage.get(page);
  };
  const furniture = (draw: ((page: PageOf<Part>) => PdfNode | null) | undefined) =>
    draw && ((page: number, pages: number) => draw({ page, pages, part: partOf(page) }));
  const definition: PdfNode = {
    ...doc.definition,
    content: parts.map((p) => p.content),
    ...(doc.background ? { background: doc.background } : {}),
    ...(doc.header ? { header: furniture(doc.header) } : {}),
    ...(doc.footer ? { footer: furniture(doc.footer) } : {}),
  };
  const state = { finishedLines: settings.finishedLines, pageCount: 0 };
  const buf = await withPrintState(state, () => pdfmake.createPdf(definition).getBuffer());
  const placed: (Part & PartPages)[] = [];
  for (const p of parts) {
    const pages = (p.content.positions ?? []).map((q) => q.pageNumber);
    if (pages.length > 0) placed.push({ ...p.part, firstPage: Math.min(...pages), lastPage: Math.max(...pages) });
  }
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), pageCount: state.pageCount, parts: placed };
}
