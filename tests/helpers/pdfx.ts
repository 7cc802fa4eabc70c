// A PDF/X-1a:2001 preflight for the tests, written from the standard's list of
// requirements (ISO 15930-1 as preflight tools check it), independent of src/emit/press.
// It returns every problem found; a conforming file gives [].
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { tokens } from './contentWalk.js';

const N = (s: string) => PDFName.of(s);

export interface PdfXInfo {
  readonly info: Record<string, string>;
  readonly xmp: string;
  readonly intent: Record<string, string>;
  readonly id: readonly string[];
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : o instanceof PDFNumber ? String(o.asNumber()) : undefined;

function streamText(s: PDFRawStream): string {
  const f = s.dict.get(N('Filter'));
  const raw = Buffer.from(s.contents);
  if (f === undefined) return raw.toString('latin1');
  try {
    return f === N('FlateDecode') ? inflateSync(raw).toString('latin1') : '';
  } catch {
    return '';
  }
}

/** Info, XMP, output intent and /ID as the file states them. */
export async function pdfxIdentification(bytes: Uint8Array): Promise<PdfXInfo> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const info: Record<string, string> = {};
  const infoDict = ctx.lookup(ctx.trailerInfo.Info);
  if (infoDict instanceof PDFDict) for (const [k, v] of infoDict.entries()) info[k.decodeText()] = text(ctx.lookup(v)) ?? '';
  const meta = doc.catalog.lookup(N('Metadata'));
  const xmp = meta instanceof PDFRawStream ? Buffer.from(streamText(meta), 'latin1').toString('utf8') : '';
  const intents = doc.catalog.lookup(N('OutputIntents'));
  const intent: Record<string, string> = {};
  const first = intents instanceof PDFArray ? ctx.lookup(intents.get(0)) : undefined;
  if (first instanceof PDFDict) for (const [k, v] of first.entries()) intent[k.decodeText()] = text(ctx.lookup(v)) ?? '(object)';
  if (intents instanceof PDFArray) intent['count'] = String(intents.size());
  const id = ctx.lookup(ctx.trailerInfo.ID);
  const ids = id instanceof PDFArray ? id.asArray().map((o) => (o instanceof PDFHexString ? o.asString() : Buffer.from(text(o) ?? '', 'latin1').toString('hex')).toUpperCase()) : [];
  return { info, xmp, intent, id: ids };
}

const within = (inner: number[], outer: number[]) =>
  inner[0]! >= outer[0]! - 1e-6 && inner[1]! >= outer[1]! - 1e-6 && inner[2]! <= outer[2]! + 1e-6 && inner[3]! <= outer[3]! + 1e-6;

/** D:YYYYMMDDHHmmSSZ → 2024-05-31T15:00:00Z (the forms our files use). */
const xmpOf = (d: string) => d.replace(/^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');

/** Every page's contents and every form XObject's stream, decoded. */
function contentStreams(doc: PDFDocument): string[] {
  const ctx = doc.context;
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const c = page.node.lookup(N('Contents'));
    for (const s of c instanceof PDFArray ? c.asArray().map((o) => ctx.lookup(o)) : [c]) if (s instanceof PDFRawStream) out.push(streamText(s));
  }
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(N('Subtype')) === N('Form')) out.push(streamText(obj));
  }
  return out;
}

export async function pdfxProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const raw = Buffer.from(bytes).toString('latin1');
  if (!raw.startsWith('%PDF-1.3')) problems.push(`header ${raw.slice(0, 8)} (PDF/X-1a:2001 is PDF 1.3)`);
  if (/\/Type\s*\/ObjStm/.test(raw)) problems.push('object streams (PDF 1.5)');
  if (/\/Type\s*\/XRef/.test(raw)) problems.push('cross-reference stream (PDF 1.5)');
  if (!/\nxref\s/.test(raw)) problems.push('no cross-reference table');

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const id = await pdfxIdentification(bytes);
  if (id.id.length !== 2 || id.id[0] === '') problems.push('no /ID in the trailer');
  if (ctx.trailerInfo.Encrypt) problems.push('encrypted');
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!id.info[key]) problems.push(`Info has no ${key}`);
  if (id.info['GTS_PDFXVersion'] !== 'PDF/X-1:2001') problems.push(`GTS_PDFXVersion ${id.info['GTS_PDFXVersion']}`);
  if (id.info['GTS_PDFXConformance'] !== 'PDF/X-1a:2001') problems.push(`GTS_PDFXConformance ${id.info['GTS_PDFXConformance']}`);
  if (id.info['Trapped'] !== 'True' && id.info['Trapped'] !== 'False') problems.push(`Trapped ${id.info['Trapped']}`);
  if (id.intent['count'] !== '1' || id.intent['S'] !== 'GTS_PDFX') problems.push('not exactly one GTS_PDFX output intent');
  if (!id.intent['OutputConditionIdentifier']) problems.push('output intent without OutputConditionIdentifier');
  if (!id.intent['DestOutputProfile'] && !id.intent['RegistryName']) problems.push('output intent with neither a profile nor a registry');
  if (!id.intent['Info']) problems.push('output intent without Info');

  const x = id.xmp;
  if (!/^<\?xpacket begin=/.test(x) || !/<\?xpacket end="[rw]"\?>$/.test(x.trim())) problems.push('XMP without its xpacket wrapper');
  const xmpValue = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(x)?.[1];
  if (xmpValue('pdfx:GTS_PDFXVersion') !== id.info['GTS_PDFXVersion']) problems.push('XMP GTS_PDFXVersion differs from Info');
  if (xmpValue('pdfx:GTS_PDFXConformance') !== id.info['GTS_PDFXConformance']) problems.push('XMP GTS_PDFXConformance differs from Info');
  if (xmpValue('pdf:Trapped') !== id.info['Trapped']) problems.push('XMP Trapped differs from Info');
  if (xmpValue('xmp:ModifyDate') !== xmpOf(id.info['ModDate'] ?? '')) problems.push('XMP ModifyDate differs from Info ModDate');
  if (xmpValue('xmp:CreateDate') !== xmpOf(id.info['CreationDate'] ?? '')) problems.push('XMP CreateDate differs from Info CreationDate');
  if (!x.includes(`<rdf:li xml:lang="x-default">${id.info['Title']}</rdf:li>`)) problems.push('XMP dc:title differs from Info Title');

  for (const key of ['OpenAction', 'AA', 'AcroForm', 'Names']) {
    const v = doc.catalog.get(N(key));
    if (v && key !== 'Names') problems.push(`catalog /${key}`);
    if (key === 'Names' && v) {
      const names = doc.catalog.lookup(N('Names'), PDFDict);
      if (names.get(N('JavaScript')) || names.get(N('EmbeddedFiles'))) problems.push('JavaScript or embedded files');
    }
  }

  doc.getPages().forEach((page, i) => {
    const box = (name: string) => {
      const arr = page.node.lookup(N(name));
      return arr instanceof PDFArray ? arr.asArray().map((o) => (o instanceof PDFNumber ? o.asNumber() : NaN)) : undefined;
    };
    const media = box('MediaBox');
    const trim = box('TrimBox') ?? box('ArtBox');
    const bleed = box('BleedBox') ?? trim;
    const crop = box('CropBox') ?? media;
    if (!media || !trim || !bleed || !crop) return void problems.push(`page ${i + 1}: no TrimBox or ArtBox`);
    if (!within(trim, bleed) || !within(bleed, media) || !within(crop, media)) problems.push(`page ${i + 1}: boxes not nested`);
    const annots = page.node.lookup(N('Annots'));
    if (annots instanceof PDFArray && annots.size() > 0) problems.push(`page ${i + 1}: annotations`);
    if (page.node.get(N('Group'))) problems.push(`page ${i + 1}: transparency group`);
  });

  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    const s = dict.toString();
    if (/\/(DeviceRGB|CalRGB|ICCBased|Lab|CalGray|Indexed)\b/.test(s)) problems.push(`colour space other than CMYK/Gray: ${s.slice(0, 80)}`);
    if (/\/Filter\s*(\[[^\]]*)?\/LZWDecode/.test(s)) problems.push('LZW compression');
    if (/\/S\s*\/(JavaScript|Launch|URI|SubmitForm)/.test(s)) problems.push('action');
    if (/\/Subtype\s*\/PS\b/.test(s)) problems.push('PostScript XObject');
    if (/\/Type\s*\/Filespec/.test(s)) problems.push('file specification');
    if (/\/Group\s*<<[^>]*\/S\s*\/Transparency/.test(s)) problems.push('transparency group');
    if (dict.get(N('Type')) === N('ExtGState')) {
      for (const key of ['CA', 'ca']) {
        const v = dict.get(N(key));
        if (v instanceof PDFNumber && v.asNumber() < 1) problems.push(`ExtGState /${key} ${v.asNumber()}`);
      }
      const smask = dict.get(N('SMask'));
      if (smask && smask !== N('None')) problems.push('ExtGState soft mask');
      const bm = dict.get(N('BM'));
      if (bm && bm !== N('Normal') && bm !== N('Compatible')) problems.push(`blend mode ${bm.toString()}`);
      for (const key of ['TR', 'TR2', 'HTP']) if (dict.get(N(key))) problems.push(`ExtGState /${key}`);
    }
    if (dict.get(N('Subtype')) === N('Image') && dict.get(N('SMask'))) problems.push('image soft mask');
    if (dict.get(N('Type')) === N('Font') && dict.get(N('Subtype')) !== N('Type0')) {
      const fd = dict.lookup(N('FontDescriptor'));
      if (!(fd instanceof PDFDict) || !['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.get(N(k)) instanceof PDFRef)) {
        problems.push(`font not embedded: ${text(dict.get(N('BaseFont')))}`);
      }
    }
  }
  for (const source of contentStreams(doc)) {
    const ops = tokens(source).filter((t) => t.t === 'op').map((t) => t.v);
    for (const op of ['rg', 'RG']) if (ops.includes(op)) problems.push(`RGB colour operator ${op}`);
  }
  return [...new Set(problems)];
}
