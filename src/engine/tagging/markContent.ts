/**
 * Tagged PDF (PDF/UA-1) for documents whose definition says `tagged: true`.
 *
 * The typesetter put the logical structure on the leaves of the definition
 * (typeset/structure.ts). Here, while pdfmake draws, every line, image and SVG drawn from
 * a tagged leaf becomes a marked-content sequence with an MCID, recorded for its element;
 * everything else (running heads, folios, rules, fills, repeated table headers) is wrapped
 * as an artifact, consecutive artifacts sharing one sequence. When the document ends, the
 * structure tree is made from the elements in reading order (buildTree.ts).
 */
import { STRUCT, type StructElement } from './structTypes.js';
import { actualTextOf, pdfTextString } from './actualText.js';
import { buildStructTree, type LinkAnnotation, type PdfKitStructDoc } from './buildTree.js';
import { PDFUA_XMP } from './xmp.js';
import { drawnSpacing, withGapGlyphs, type GapFont } from './gapGlyph.js';

/** Per document: what has been marked so far. */
export interface TaggingState {
  /** An artifact sequence is open in the page's content. */
  artifact: boolean;
  /** The element whose content sequence is open: its next lines on the page join it. */
  open?: StructElement;
  /** Lines already drawn once (a repeated table header draws them again, as artifacts). */
  readonly drawn: WeakSet<object>;
  readonly contents: Map<StructElement, unknown[]>;
  readonly links: Map<StructElement, LinkAnnotation[]>;
  /** The element of the line being drawn, and its text (a link's description). */
  current?: { readonly el: StructElement; readonly text: string };
}

interface TaggedDoc extends PdfKitStructDoc {
  _font: GapFont;
  _fontSize: number;
  _tagging?: TaggingState;
  options: { tagged?: boolean };
  addPage(...args: unknown[]): unknown;
  addContent(data: string): unknown;
  markStructureContent(tag: string): unknown;
  endMarkedContent(): unknown;
  appendXML(xml: string): void;
  createStructParentTreeNextKey(): number;
  page: { dictionary: unknown; annotations: unknown[] };
}

interface LineInline {
  text: string;
  [key: string]: unknown;
}
interface DrawnLine {
  inlines: LineInline[];
}

interface RendererProto {
  pdfDocument: TaggedDoc;
  renderPages(pages: unknown[]): void;
  renderLine(line: DrawnLine, x: number, y: number): void;
  renderVector(vector: Record<string, unknown>): void;
  renderImage(image: Record<string, unknown>): void;
  renderSVG(svg: Record<string, unknown>): void;
}
interface DocMeasureProto {
  measureLeaf(node: Record<string, unknown>): unknown;
}
export interface PdfKitDocClass {
  prototype: {
    end(this: TaggedDoc): void;
    annotate(this: TaggedDoc, x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  };
}

function openArtifact(doc: TaggedDoc, st: TaggingState): void {
  if (st.artifact) return;
  closeContent(doc, st);
  doc.addContent('/Artifact BMC');
  st.artifact = true;
}

function closeArtifact(doc: TaggedDoc, st: TaggingState): void {
  if (!st.artifact) return;
  doc.addContent('EMC');
  st.artifact = false;
}

function closeContent(doc: TaggedDoc, st: TaggingState): void {
  if (!st.open) return;
  doc.endMarkedContent();
  delete st.open;
}

/** Ends whatever sequence is open: before a page ends, a figure, the watermark. */
function closeAll(doc: TaggedDoc, st: TaggingState): void {
  closeArtifact(doc, st);
  closeContent(doc, st);
}

function record<T>(map: Map<StructElement, T[]>, el: StructElement, item: T): void {
  const list = map.get(el);
  if (list) list.push(item);
  else map.set(el, [item]);
}

/**
 * Opens a content sequence (an MCID) for `el` unless one is open for it: the lines of a
 * paragraph drawn one after another share one sequence, which keeps the ParentTree and
 * the elements' kids short.
 */
function openContent(doc: TaggedDoc, st: TaggingState, el: StructElement): void {
  if (st.open === el) return;
  closeAll(doc, st);
  record(st.contents, el, doc.markStructureContent(el.role));
  st.open = el;
}

/**
 * Draws a finished line with `open` … EMC inside its text object (BT … ET), and its wide
 * gaps as gap glyphs (gapGlyph.ts). Readers place an ActualText by the text space in
 * force at its EMC: after the line's ET its transform is restored away, and pdftotext put
 * the text elsewhere on the page. The line is drawn by finishedLines; its operators are
 * amended here on their way into the page, so that module needs no hook.
 */
function withinText(doc: TaggedDoc, open: string, draw: () => void): void {
  const addContent = doc.addContent;
  let spacing = 0;
  doc.addContent = function addAroundText(this: TaggedDoc, data: string) {
    if (data === 'ET') addContent.call(this, 'EMC');
    const tc = data.endsWith(' Tc') ? /^(-?[\d.]+) Tc$/.exec(data) : null;
    if (tc) {
      spacing = Number(tc[1]);
      return addContent.call(this, `${drawnSpacing(spacing, this._fontSize)} Tc`);
    }
    const result = addContent.call(this, data.endsWith('] TJ') ? withGapGlyphs(data, this._font, this._fontSize, spacing) : data);
    if (data === 'BT') addContent.call(this, open);
    return result;
  };
  try {
    draw();
  } finally {
    doc.addContent = addContent;
  }
}

let installed = false;

/** Patches pdfmake's measuring and drawing and pdfkit's annotations and end; once per process. */
export interface TaggingClasses {
  readonly PDFDocument: PdfKitDocClass;
  readonly DocMeasure: { prototype: DocMeasureProto };
  readonly Renderer: { prototype: RendererProto };
}

export function installTagging({ PDFDocument, DocMeasure, Renderer }: TaggingClasses): void {
  if (installed) return;
  installed = true;

  // A leaf's element travels with the inlines measured from it: lines are made of inlines.
  const measureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function measureTagged(node) {
    const result = measureLeaf.call(this, node);
    const el = node[STRUCT];
    const inlines = node['_inlines'];
    if (el && Array.isArray(inlines)) for (const inline of inlines) (inline as Record<string, unknown>)[STRUCT] = el;
    return result;
  };

  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function renderTaggedPages(pages) {
    const doc = this.pdfDocument;
    if (!doc.options.tagged) return renderPages.call(this, pages);
    const st: TaggingState = (doc._tagging = { artifact: false, drawn: new WeakSet(), contents: new Map(), links: new Map() });
    const addPage = doc.addPage;
    // A marked-content sequence may not run from one page's content into the next.
    doc.addPage = function addPageClosed(this: TaggedDoc, ...args: unknown[]) {
      closeAll(this, st);
      return addPage.apply(this, args);
    };
    try {
      renderPages.call(this, pages);
      closeAll(doc, st);
    } finally {
      doc.addPage = addPage;
    }
  };

  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function renderTaggedLine(line, x, y) {
    const doc = this.pdfDocument;
    const st = doc._tagging;
    if (!st) return renderLine.call(this, line, x, y);
    const first = line.inlines[0]!;
    const el = first[STRUCT] as StructElement | undefined;
    const actual = actualTextOf(line.inlines);
    // Page furniture (running heads, folios) is an artifact, and so is an empty line (a
    // spacer's: it draws no text but still paints a fill of no area).
    const furniture = !el || st.drawn.has(first) || !line.inlines.some((i) => i.text !== '');
    // poppler loses the lines after an ActualText in the same sequence: such a line has its
    // own, whether it is text of the tree or furniture set by the line breaker (令和 2 年度).
    if (actual !== undefined) closeAll(doc, st);
    if (furniture) openArtifact(doc, st);
    else {
      st.drawn.add(first);
      openContent(doc, st, el);
      // Read when a link asks: pdfmake writes a page reference's number into its inline
      // while drawing the line, after this (before, it holds the placeholder 00000).
      st.current = {
        el,
        get text() {
          return line.inlines.map((i) => i.text).join('');
        },
      };
    }
    try {
      if (actual === undefined) return renderLine.call(this, line, x, y);
      withinText(doc, `/Span <</ActualText ${pdfTextString(actual)}>> BDC`, () => renderLine.call(this, line, x, y));
      closeAll(doc, st);
    } finally {
      delete st.current;
    }
  };

  const renderVector = Renderer.prototype.renderVector;
  Renderer.prototype.renderVector = function renderArtifactVector(vector) {
    const doc = this.pdfDocument;
    const st = doc._tagging;
    if (st) {
      // The watermark marks itself as a pagination artifact of its own.
      if (typeof vector['artifact'] === 'string') closeAll(doc, st);
      else openArtifact(doc, st);
    }
    return renderVector.call(this, vector);
  };

  for (const name of ['renderImage', 'renderSVG'] as const) {
    const render = Renderer.prototype[name];
    Renderer.prototype[name] = function renderFigure(item) {
      const doc = this.pdfDocument;
      const st = doc._tagging;
      const el = item[STRUCT] as StructElement | undefined;
      if (!st) return render.call(this, item);
      if (!el) {
        openArtifact(doc, st);
        return render.call(this, item);
      }
      openContent(doc, st, el);
      render.call(this, item);
      closeContent(doc, st);
    };
  }

  // A link drawn with a tagged line belongs to its element (an OBJR kid) and says where it goes.
  const annotate = PDFDocument.prototype.annotate;
  PDFDocument.prototype.annotate = function annotateTagged(x, y, w, h, options) {
    const current = this._tagging?.current;
    if (!current || options['Subtype'] !== 'Link') return annotate.call(this, x, y, w, h, options);
    const key = this.createStructParentTreeNextKey();
    options['StructParent'] = key;
    options['Contents'] ??= new String(current.text);
    const result = annotate.call(this, x, y, w, h, options);
    record(this._tagging!.links, current.el, { ref: this.page.annotations[this.page.annotations.length - 1], page: this.page.dictionary, key });
    return result;
  };

  const end = PDFDocument.prototype.end;
  PDFDocument.prototype.end = function endTagged(this: TaggedDoc) {
    const st = this._tagging;
    if (st) {
      buildStructTree(this, st.contents, st.links);
      this.appendXML(PDFUA_XMP);
    }
    end.call(this);
  };
}
