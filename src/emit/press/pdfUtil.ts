// pdf-lib helpers shared by the press functions: deterministic load/save, stream decoding
// and re-encoding, and dropping objects nothing refers to any more.
import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFArray,
  PDFContentStream,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';

/** Never touches Producer/ModDate/CreationDate: the output depends on the input only. */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: false });
}

/**
 * Classic cross-reference table and no object streams: what older RIPs and PDF/X expect.
 * pdf-lib always writes a 1.7 header; `version` ('1.3') replaces it in place (same length,
 * so no offset moves).
 */
export async function savePdf(doc: PDFDocument, version?: `1.${number}`): Promise<Uint8Array> {
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  if (version === undefined) return bytes;
  const header = Buffer.from(`%PDF-${version}`, 'latin1');
  if (header.length !== 8 || Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== '%PDF-1.7') throw new Error(`press: cannot write a PDF ${version} header`);
  bytes.set(header, 0);
  return bytes;
}

export const name = (s: string): PDFName => PDFName.of(s);

/** The decoded bytes of any stream pdf-lib can hold (Flate, LZW, ASCIIHex/85, RunLength). */
export function streamBytes(stream: PDFStream): Uint8Array {
  // Plain Flate (what pdfkit writes) through the native zlib: pdf-lib's JS decoder took
  // a large share of making the print PDF.
  if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    return inflateSync(stream.contents);
  }
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFContentStream) return stream.getUnencodedContents();
  const unencoded = (stream as unknown as { getUnencodedContents?: () => Uint8Array }).getUnencodedContents;
  if (unencoded) return unencoded.call(stream);
  throw new Error(`press: cannot decode a ${stream.constructor.name}`);
}

const STREAM_KEYS = new Set(['/Length', '/Filter', '/DecodeParms', '/DL']);

/**
 * A Flate stream with `bytes`, keeping every other key of `like`. Native zlib (as pdfkit
 * uses for the screen PDF) is deterministic for a given Node and several times faster
 * than pdf-lib's pako.
 */
export function flateStreamLike(context: PDFContext, bytes: Uint8Array, like?: PDFDict): PDFRawStream {
  const stream = context.stream(deflateSync(bytes), { Filter: 'FlateDecode' });
  if (like) {
    for (const [key, value] of like.entries()) {
      if (!STREAM_KEYS.has(key.asString())) stream.dict.set(key, value);
    }
  }
  return stream;
}

export function num(obj: PDFObject | undefined): number | undefined {
  return obj instanceof PDFNumber ? obj.asNumber() : undefined;
}

/** Four numbers of a box array, or undefined. */
export function boxOf(context: PDFContext, obj: PDFObject | undefined): [number, number, number, number] | undefined {
  const arr = obj instanceof PDFRef ? context.lookup(obj) : obj;
  if (!(arr instanceof PDFArray) || arr.size() !== 4) return undefined;
  const v = [0, 1, 2, 3].map((i) => num(context.lookup(arr.get(i))));
  if (v.some((x) => x === undefined)) return undefined;
  const [a, b, c, d] = v as number[];
  return [Math.min(a!, c!), Math.min(b!, d!), Math.max(a!, c!), Math.max(b!, d!)];
}

/** Removes every indirect object that the trailer (Root, Info, Encrypt) cannot reach. */
export function collectGarbage(context: PDFContext): number {
  const reached = new Set<string>();
  const stack: PDFObject[] = [];
  const info = context.trailerInfo;
  for (const o of [info.Root, info.Info, info.Encrypt]) if (o) stack.push(o);
  while (stack.length > 0) {
    const obj = stack.pop();
    if (obj instanceof PDFRef) {
      const tag = obj.tag;
      if (reached.has(tag)) continue;
      reached.add(tag);
      const target = context.lookup(obj);
      if (target) stack.push(target);
    } else if (obj instanceof PDFDict) {
      for (const [, v] of obj.entries()) stack.push(v);
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) stack.push(obj.get(i));
    } else if (obj instanceof PDFStream) {
      stack.push(obj.dict);
    }
  }
  let removed = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reached.has(ref.tag)) {
      context.delete(ref);
      removed++;
    }
  }
  return removed;
}
