// Images for the print PDF (PDF/X-1a: no RGB, no soft masks). An RGB image in the forms the
// booklet's PDFs hold (8-bit, Flate, with or without PNG predictors: what pdfkit writes for
// the logo once src/logo/png.ts has put it in plain form) becomes DeviceCMYK, every pixel by
// the same rule as vector colours (the theme's exact CMYK for a theme colour, else
// pressColour's conversion); an Indexed image gets a CMYK palette; a soft mask (alpha)
// becomes a hard-edged stencil mask (opaque where alpha ≥ 50 %), which PDF/X-1a allows.
// Anything else in RGB is left and noted: the build refuses such a logo before it gets here.
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFStream, PDFString } from 'pdf-lib';
import { unfilter } from '../../logo/png.js';
import { pressColour, type PressColour } from './colour.js';
import type { SpaceKind } from './content.js';
import { streamBytes } from './pdfUtil.js';

const N = (s: string) => PDFName.of(s);

export interface ImageContext {
  readonly ctx: PDFContext;
  readonly map: ReadonlyMap<string, PressColour>;
  classify(space: PDFObject | undefined): SpaceKind;
  note(s: string): void;
}

const numberOf = (ctx: PDFContext, o: PDFObject | undefined): number | undefined => {
  const v = o instanceof PDFRef ? ctx.lookup(o) : o;
  return v instanceof PDFNumber ? v.asNumber() : undefined;
};

/** The 8-bit samples of an image stream (Flate, optionally with PNG predictors), or undefined. */
function samples(c: ImageContext, stream: PDFStream, components: number, width: number, height: number): Uint8Array | undefined {
  const filter = c.ctx.lookup(stream.dict.get(N('Filter')));
  const parms = c.ctx.lookup(stream.dict.get(N('DecodeParms')));
  if (filter !== N('FlateDecode') || !(stream instanceof PDFRawStream)) return undefined;
  let raw: Uint8Array;
  try {
    raw = inflateSync(stream.contents);
  } catch {
    return undefined;
  }
  const predictor = parms instanceof PDFDict ? (numberOf(c.ctx, parms.get(N('Predictor'))) ?? 1) : 1;
  if (predictor >= 10) {
    const colors = parms instanceof PDFDict ? (numberOf(c.ctx, parms.get(N('Colors'))) ?? 1) : 1;
    if (colors !== components) return undefined;
    try {
      raw = unfilter(raw, width, height, 8 * components);
    } catch {
      return undefined;
    }
  } else if (predictor !== 1) return undefined;
  return raw.length >= width * height * components ? raw : undefined;
}

/** A 1-bit stencil mask (1 = not painted) from 8-bit alpha, or undefined when every pixel is opaque. */
function stencilFrom(c: ImageContext, alpha: Uint8Array, width: number, height: number): PDFRef | undefined {
  if (alpha.every((a) => a >= 128)) return undefined;
  const stride = Math.ceil(width / 8);
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (alpha[y * width + x]! < 128) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return c.ctx.register(
    c.ctx.stream(deflateSync(bits), { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ImageMask: true, BitsPerComponent: 1, Filter: 'FlateDecode' }),
  );
}

/** The soft mask's alpha, if the image has one that can be read. */
function alphaOf(c: ImageContext, image: PDFStream, width: number, height: number): Uint8Array | 'unreadable' | undefined {
  const ref = image.dict.get(N('SMask'));
  if (ref === undefined) return undefined;
  const smask = c.ctx.lookup(ref);
  if (!(smask instanceof PDFStream)) return 'unreadable';
  const w = numberOf(c.ctx, smask.dict.get(N('Width')));
  const h = numberOf(c.ctx, smask.dict.get(N('Height')));
  const bpc = numberOf(c.ctx, smask.dict.get(N('BitsPerComponent')));
  if (w !== width || h !== height || bpc !== 8) return 'unreadable';
  return samples(c, smask, 1, width, height) ?? 'unreadable';
}

/** The CMYK of one 8-bit RGB pixel, as 4 bytes; memoised per colour (a logo has few). */
function cmykOf(c: ImageContext, memo: Map<number, number>, r: number, g: number, b: number): number {
  const key = (r << 16) | (g << 8) | b;
  let v = memo.get(key);
  if (v === undefined) {
    const [cc, m, y, k] = pressColour(c.map, r / 255, g / 255, b / 255).cmyk;
    v = (Math.round(cc * 255) << 24) | (Math.round(m * 255) << 16) | (Math.round(y * 255) << 8) | Math.round(k * 255);
    memo.set(key, v);
  }
  return v;
}

/**
 * Converts one image XObject for print in place (the object behind `ref` is replaced).
 * Returns false when it was left as it is (a note says why).
 */
export function convertImage(c: ImageContext, ref: PDFRef, image: PDFStream): boolean {
  const d = image.dict;
  // A stencil mask paints in the colour of the moment, which the content rewrite converts.
  if (c.ctx.lookup(d.get(N('ImageMask')))?.toString() === 'true') return true;
  const space = d.get(N('ColorSpace'));
  const kind = c.classify(space);
  const width = numberOf(c.ctx, d.get(N('Width'))) ?? 0;
  const height = numberOf(c.ctx, d.get(N('Height'))) ?? 0;
  const bpc = numberOf(c.ctx, d.get(N('BitsPerComponent')));
  const indexed = indexedRgb(c, space);
  const alpha = alphaOf(c, image, width, height);
  if (alpha === 'unreadable') {
    c.note('an image with a soft mask that cannot be read left as is');
    return false;
  }
  const mask = alpha ? stencilFrom(c, alpha, width, height) : undefined;
  if (kind !== 'rgb' && !indexed) {
    // Grey and CMYK images print as they are; only a soft mask has to go.
    if (alpha) replaceMask(d, mask);
    return true;
  }
  if (indexed) {
    d.set(N('ColorSpace'), c.ctx.obj([N('Indexed'), N('DeviceCMYK'), indexed.hival, PDFHexString.of(Buffer.from(cmykPalette(c, indexed.palette)).toString('hex'))]));
    if (alpha) replaceMask(d, mask);
    return true;
  }
  const rgb = bpc === 8 ? samples(c, image, 3, width, height) : undefined;
  if (!rgb) {
    c.note(`an RGB image (${d.get(N('Filter'))?.toString() ?? 'unfiltered'}, ${bpc ?? '?'} bits) left as is`);
    return false;
  }
  const colourKey = c.ctx.lookup(d.get(N('Mask')));
  let keyMask: Uint8Array | undefined;
  if (colourKey instanceof PDFArray && colourKey.size() === 6) {
    // A colour-key mask names RGB ranges, which mean nothing in CMYK: the pixels it hides become a stencil.
    const range = colourKey.asArray().map((o) => numberOf(c.ctx, o) ?? 0);
    keyMask = new Uint8Array(width * height);
    for (let i = 0; i < width * height; i++) {
      const hidden = [0, 1, 2].every((ch) => rgb[i * 3 + ch]! >= range[ch * 2]! && rgb[i * 3 + ch]! <= range[ch * 2 + 1]!);
      keyMask[i] = hidden ? 0 : 255;
    }
  }
  const out = new Uint8Array(width * height * 4);
  const memo = new Map<number, number>();
  for (let i = 0; i < width * height; i++) {
    const v = cmykOf(c, memo, rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!);
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 0xff;
    out[i * 4 + 2] = (v >>> 8) & 0xff;
    out[i * 4 + 3] = v & 0xff;
  }
  const stencil = keyMask ? stencilFrom(c, keyMask, width, height) : mask;
  const converted = c.ctx.stream(deflateSync(out), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceCMYK',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    ...(d.get(N('Interpolate')) ? { Interpolate: d.get(N('Interpolate')) } : {}),
  });
  if (stencil) converted.dict.set(N('Mask'), stencil);
  c.ctx.assign(ref, converted);
  return true;
}

function replaceMask(d: PDFDict, mask: PDFRef | undefined): void {
  d.delete(N('SMask'));
  if (mask) d.set(N('Mask'), mask);
}

/** An `[/Indexed <RGB base> hival lookup]` colour space's palette, or undefined. */
function indexedRgb(c: ImageContext, space: PDFObject | undefined): { hival: number; palette: Uint8Array } | undefined {
  const cs = space instanceof PDFRef ? c.ctx.lookup(space) : space;
  if (!(cs instanceof PDFArray) || cs.size() !== 4 || c.ctx.lookup(cs.get(0)) !== N('Indexed') || c.classify(cs.get(1)) !== 'rgb') return undefined;
  const hival = numberOf(c.ctx, cs.get(2));
  const lookup = c.ctx.lookup(cs.get(3));
  let palette: Uint8Array | undefined;
  if (lookup instanceof PDFStream) palette = streamBytes(lookup);
  else if (lookup instanceof PDFHexString || lookup instanceof PDFString) palette = lookup.asBytes();
  if (hival === undefined || !palette || palette.length < (hival + 1) * 3) return undefined;
  return { hival, palette };
}

function cmykPalette(c: ImageContext, rgb: Uint8Array): Uint8Array {
  const n = Math.floor(rgb.length / 3);
  const out = new Uint8Array(n * 4);
  const memo = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = cmykOf(c, memo, rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!);
    out.set([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff], i * 4);
  }
  return out;
}
