import { subsetTag } from './subsetTag.js';
import { xrefStream } from './xrefStream.js';

// pdfkit's document class, patched once per process before any document is made. Each
// patch keeps pdfkit's bytes except where its comment says what it fixes.

interface PdfKitDoc {
  info: Record<string, unknown>;
  options: { lang?: string };
  appendXML(xml: string, newline?: boolean): void;
}
export type PdfKitClass = {
  prototype: {
    _addInfo(this: PdfKitDoc): void;
    _write(this: PdfKitStream, data: unknown): void;
    endOutline(this: { outline: OutlineNode }): void;
    end(this: { _fontFamilies: Record<string, SubsetFontObject> }): void;
    ref(this: unknown, data: object): object;
    push(this: PdfKitStream, chunk: Buffer | null): boolean;
    _setColorCore(this: ColourDoc, color: unknown, stroke: boolean): boolean;
    _finalize(this: FinalizingDoc): void;
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
  /** Text written and not yet pushed (ours). */
  _pendingText?: string;
  push(chunk: Buffer | null): boolean;
}

/** Text written to the file is handed on in pieces of about this many bytes. */
const PIECE = 64 * 1024;

/**
 * pdfkit writes a document as thousands of short strings (~170 bytes per object on
 * average, several writes each), each made a Buffer and pushed through the stream on
 * its own: Buffers that were slices of 8 KiB pool slabs, kept alive until the document
 * was read out, and per-chunk stream bookkeeping that cost more than the bytes. Text is
 * gathered here and pushed in pieces of PIECE bytes, each its own allocation; a Buffer
 * (a stream's deflated data) goes out as it is, after the text before it. Offsets move
 * as before (a text chunk is written in latin1, one byte per UTF-16 unit), so the bytes
 * are the same.
 */
export function gatherWrites(PDFDocument: PdfKitClass): void {
  const send = (doc: PdfKitStream) => {
    if (doc._pendingText === undefined) return;
    const text = doc._pendingText;
    doc._pendingText = undefined;
    const chunk = Buffer.allocUnsafeSlow(text.length);
    chunk.write(text, 'latin1');
    doc.push(chunk);
  };
  PDFDocument.prototype._write = function write(this: PdfKitStream, data: unknown) {
    if (Buffer.isBuffer(data)) {
      send(this);
      this.push(data);
      this._offset += data.length;
      return;
    }
    const text = (data as string) + '\n';
    this._offset += text.length;
    this._pendingText = this._pendingText === undefined ? text : this._pendingText + text;
    if (this._pendingText.length >= PIECE) send(this);
  };
  // The last text goes out before the stream ends (pdfkit's _finalize pushes null).
  const push = PDFDocument.prototype.push;
  PDFDocument.prototype.push = function pushLast(this: PdfKitStream, chunk: Buffer | null) {
    if (chunk === null) send(this);
    return push.call(this, chunk);
  };
}

/** pdfkit's PDFReference, as far as its stream goes. */
interface StreamReference {
  readonly buffer: unknown[];
  /** Text written since the last chunk of bytes (ours). */
  _pendingText?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

/**
 * pdfkit turns every operator it adds to a page (`q`, `BT`, `/F1 10 Tf` …: a dozen per
 * line of text) into a Buffer of its own, and concatenates them all when the page ends.
 * Text written to a stream is kept as one string instead and becomes one Buffer when
 * bytes follow or the stream ends: the same bytes, in the same order, with the same
 * Length (a text chunk is written in latin1, one byte per UTF-16 unit).
 */
export function joinStreamText(PDFDocument: PdfKitClass): void {
  // pdfkit does not export the class: a reference made for a stand-in document reaches it.
  const proto = Object.getPrototypeOf(PDFDocument.prototype.ref.call({ _offsets: [], _waiting: 0 }, {})) as StreamReference;
  const { write, finalize } = proto;
  const flush = (ref: StreamReference) => {
    const text = ref._pendingText;
    if (text === undefined) return;
    ref._pendingText = undefined;
    write.call(ref, Buffer.from(text, 'latin1'));
  };
  proto.write = function writeJoined(this: StreamReference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      flush(this);
      write.call(this, chunk);
    } else this._pendingText = (this._pendingText ?? '') + (chunk as string) + '\n';
  };
  proto.finalize = function finalizeJoined(this: StreamReference) {
    flush(this);
    finalize.call(this);
  };
}

interface ColourDoc {
  _normalizeColor(color: unknown): number[] | null;
  _setColorSpace(space: string, stroke: boolean): unknown;
  addContent(data: string): unknown;
}

/**
 * pdfkit parses a '#rrggbb' colour and writes its three fractions out again (17 digits
 * each) every time a line or rule sets it: thousands of times per booklet for a handful
 * of theme colours. The components are written once per colour; the operators are the
 * same. Other colours (named, CMYK, spot, patterns) take pdfkit's way.
 */
export function rememberColours(PDFDocument: PdfKitClass): void {
  const setColorCore = PDFDocument.prototype._setColorCore;
  const components = new Map<string, string>();
  PDFDocument.prototype._setColorCore = function setRememberedColour(this: ColourDoc, color: unknown, stroke: boolean) {
    if (typeof color !== 'string' || color.length !== 7 || color.charAt(0) !== '#') return setColorCore.call(this, color, stroke);
    let rgb = components.get(color);
    if (rgb === undefined) {
      const normal = this._normalizeColor(color);
      if (!normal || normal.length !== 3) return setColorCore.call(this, color, stroke);
      components.set(color, (rgb = normal.join(' ')));
    }
    this._setColorSpace('DeviceRGB', stroke);
    this.addContent(`${rgb} ${stroke ? 'SCN' : 'scn'}`);
    return true;
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
export function patchXmp(PDFDocument: PdfKitClass): void {
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
export function fixOutline(PDFDocument: PdfKitClass): void {
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
export function tagSubsetsByGlyphs(PDFDocument: PdfKitClass): void {
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

interface FinalizingDoc extends PdfKitStream {
  readonly version: number;
  readonly _offsets: number[];
  readonly _root: { readonly id: number };
  readonly _info: { readonly id: number };
  readonly _id: Buffer;
  readonly _security?: unknown;
  _write(data: unknown): void;
}

/**
 * The file ends with a cross-reference stream instead of pdfkit's table when the document
 * is PDF 1.5 or later and not encrypted (every screen PDF: PDF/A-2, 1.7); see xrefStream.ts
 * for why. The trailer's keys (Size, Root, Info, ID) move into the stream's dictionary.
 */
export function writeXrefStream(PDFDocument: PdfKitClass): void {
  const finalize = PDFDocument.prototype._finalize;
  PDFDocument.prototype._finalize = function finalizeWithXrefStream(this: FinalizingDoc) {
    if (!(this.version >= 1.5) || this._security) return finalize.call(this);
    const offset = this._offset;
    const self = this._offsets.length + 1;
    const x = xrefStream([...this._offsets, offset]);
    const id = this._id.toString('hex');
    this._write(`${self} 0 obj`);
    this._write(
      `<</Type/XRef/Size ${self + 1}/W[${x.widths.join(' ')}]/Root ${this._root.id} 0 R/Info ${this._info.id} 0 R/ID[<${id}><${id}>]` +
        `/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns ${x.columns}>>/Length ${x.data.length}>>`,
    );
    this._write('stream');
    this._write(x.data);
    this._write('\nendstream');
    this._write('endobj');
    this._write('startxref');
    this._write(String(offset));
    this._write('%%EOF');
    this.push(null);
  };
}
