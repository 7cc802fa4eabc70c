// PDF/X-1a:2001 identification of a press PDF (saved with savePdf(doc, PDFX_PDF_VERSION)):
// the GTS_PDFX output intent naming a registered characterization (no ICC profile: X-1a
// allows that), GTS_PDFX keys and /Trapped in Info, XMP that says the same inside its
// xpacket wrapper, and an /ID of the file's own. What the standard asks of the content (CMYK only, no transparency,
// fonts embedded, boxes) is the converter's and the page layout's job.
import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';

export interface OutputIntent {
  /** e.g. JC200103 */
  readonly identifier: string;
  /** e.g. Japan Color 2001 Coated */
  readonly condition: string;
  /** e.g. http://www.color.org */
  readonly registry: string;
}

export const PDFX_VERSION = 'PDF/X-1:2001';
/** The PDF version PDF/X-1a:2001 is built on; savePdf writes it. */
export const PDFX_PDF_VERSION = '1.3';
export const PDFX_CONFORMANCE = 'PDF/X-1a:2001';

const N = (s: string) => PDFName.of(s);

/** A text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with BOM. */
function textString(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/([\\()])/g, '\\$1')) : PDFHexString.fromText(s);
}

function infoText(doc: PDFDocument, info: PDFDict, key: string): string | undefined {
  const v = doc.context.lookup(info.get(N(key)));
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
}

/** Info's /Trapped (True or False) as XMP writes it. */
function trapped(doc: PDFDocument, info: PDFDict): string | undefined {
  const v = doc.context.lookup(info.get(N('Trapped')));
  return v === N('True') ? 'True' : v === N('False') ? 'False' : undefined;
}

/** D:YYYYMMDDHHmmSS with Z or ±HH'mm' → the same instant as XMP wants it. */
export function xmpDate(pdfDate: string): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(pdfDate);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  const tz = !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
}

const xml = (v: string): string => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** 16 bytes of /ID derived from the bytes the file is made from and what it is made as. */
export function derivedId(seed: string | Uint8Array, role: string): string {
  return createHash('sha256').update(seed).update(`\n${role}`).digest('hex').slice(0, 32).toUpperCase();
}

/**
 * Makes `doc` identify as PDF/X-1a:2001 with `intent`; `id` is its new /ID (32 hex
 * digits). Dates, title and the other Info entries are kept; a missing ModDate becomes
 * the CreationDate (preflight tools require both).
 */
export function identifyAsPdfX(doc: PDFDocument, intent: OutputIntent, id: string): void {
  const ctx = doc.context;

  let info = ctx.lookup(ctx.trailerInfo.Info);
  if (!(info instanceof PDFDict)) {
    info = ctx.obj({});
    ctx.trailerInfo.Info = ctx.register(info as PDFDict);
  }
  const infoDict = info as PDFDict;
  const created = infoText(doc, infoDict, 'CreationDate');
  if (created !== undefined && infoText(doc, infoDict, 'ModDate') === undefined) infoDict.set(N('ModDate'), PDFString.of(created));
  infoDict.set(N('GTS_PDFXVersion'), PDFString.of(PDFX_VERSION));
  infoDict.set(N('GTS_PDFXConformance'), PDFString.of(PDFX_CONFORMANCE));
  infoDict.set(N('Trapped'), N('False'));

  doc.catalog.set(
    N('OutputIntents'),
    ctx.obj([
      ctx.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFX',
        OutputCondition: textString(intent.condition),
        OutputConditionIdentifier: textString(intent.identifier),
        RegistryName: textString(intent.registry),
        Info: textString(intent.condition),
      }),
    ]),
  );

  setFileId(doc, id);
}

/**
 * Gives the file its /ID (32 hex digits) and writes its XMP from the Info dictionary, with
 * the ID as the XMP document and instance ID.
 */
export function setFileId(doc: PDFDocument, id: string): void {
  const ctx = doc.context;
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const info = ctx.lookup(ctx.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : (ctx.obj({}) as PDFDict);
  const text = (key: string) => infoText(doc, infoDict, key) ?? '';
  const pdfx = (key: string) => text(key) !== '';
  const modified = xmpDate(text('ModDate')) ?? xmpDate(text('CreationDate')) ?? '';
  const uuid = `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`.toLowerCase();
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt>`;
  const props = [
    '<dc:format>application/pdf</dc:format>',
    text('Title') ? `<dc:title>${alt(text('Title'))}</dc:title>` : '',
    text('Author') ? `<dc:creator><rdf:Seq><rdf:li>${xml(text('Author'))}</rdf:li></rdf:Seq></dc:creator>` : '',
    text('Subject') ? `<dc:description>${alt(text('Subject'))}</dc:description>` : '',
    `<xmp:CreateDate>${xmpDate(text('CreationDate')) ?? modified}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${modified}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${modified}</xmp:MetadataDate>`,
    text('Creator') ? `<xmp:CreatorTool>${xml(text('Creator'))}</xmp:CreatorTool>` : '',
    text('Producer') ? `<pdf:Producer>${xml(text('Producer'))}</pdf:Producer>` : '',
    text('Keywords') ? `<pdf:Keywords>${xml(text('Keywords'))}</pdf:Keywords>` : '',
    trapped(doc, infoDict) ? `<pdf:Trapped>${trapped(doc, infoDict)}</pdf:Trapped>` : '',
    pdfx('GTS_PDFXVersion') ? `<pdfx:GTS_PDFXVersion>${xml(text('GTS_PDFXVersion'))}</pdfx:GTS_PDFXVersion>` : '',
    pdfx('GTS_PDFXConformance') ? `<pdfx:GTS_PDFXConformance>${xml(text('GTS_PDFXConformance'))}</pdfx:GTS_PDFXConformance>` : '',
    `<xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>`,
  ].filter(Boolean);
  const packet = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"',
    ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    ...props,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    // Room for an editor to add properties in place, as XMP writers leave.
    ...Array.from({ length: 8 }, () => ' '.repeat(99)),
    '<?xpacket end="w"?>',
  ].join('\n');
  // XMP stays uncompressed so that tools can find it.
  const stream = PDFRawStream.of(ctx.obj({ Type: 'Metadata', Subtype: 'XML' }) as PDFDict, new Uint8Array(Buffer.from(packet, 'utf8')));
  const old = doc.catalog.get(N('Metadata'));
  if (old instanceof PDFRef) ctx.assign(old, stream);
  else doc.catalog.set(N('Metadata'), ctx.register(stream));
}
