// A small PNG reader and writer for the logo: every PNG form (grey, RGB, palette, with or
// without alpha or tRNS, 1–16 bits, Adam7 interlaced) is read into 8-bit RGBA, and written
// back in one plain form (8-bit RGB or RGBA, not interlaced), so the PDFs only ever hold the
// two image forms the print conversion handles (src/emit/press/images.ts).
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** 8-bit RGBA, rows top to bottom. */
  readonly rgba: Uint8Array;
}

export class PngError extends Error {}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const isPng = (b: Uint8Array): boolean => SIGNATURE.every((v, i) => b[i] === v);

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly interlaced: boolean;
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function chunks(bytes: Uint8Array): { type: string; data: Uint8Array }[] {
  if (!isPng(bytes)) throw new PngError('not a PNG file');
  const out: { type: string; data: Uint8Array }[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) throw new PngError(`the ${type} chunk runs past the end of the file (a damaged PNG)`);
    out.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function pngHeader(bytes: Uint8Array): PngHeader {
  const ihdr = chunks(bytes)[0];
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length < 13) throw new PngError('the PNG has no header (IHDR)');
  const d = ihdr.data;
  const header = { width: u32(d, 0), height: u32(d, 4), bitDepth: d[8]!, colourType: d[9]!, interlaced: d[12] === 1 };
  if (CHANNELS[header.colourType] === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth)) {
    throw new PngError(`colour type ${header.colourType} with ${header.bitDepth} bits is not a PNG form`);
  }
  if (header.width === 0 || header.height === 0 || header.width * header.height > 64e6) throw new PngError(`${header.width}×${header.height} pixels is not a logo size`);
  return header;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses the PNG row filters of one (sub)image; returns its rows without filter bytes. */
export function unfilter(data: Uint8Array, width: number, height: number, bitsPerPixel: number): Uint8Array {
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    if (row.length < stride) throw new PngError('the image data is shorter than its size says (a damaged PNG)');
    const o = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[o + x - bpp]! : 0;
      const b = y > 0 ? out[o - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[o - stride + x - bpp]! : 0;
      const v = row[x]!;
      out[o + x] = (filter === 0 ? v : filter === 1 ? v + a : filter === 2 ? v + b : filter === 3 ? v + ((a + b) >> 1) : filter === 4 ? v + paeth(a, b, c) : -1) & 0xff;
      if (filter! > 4) throw new PngError(`unknown row filter ${filter}`);
    }
  }
  return out;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Any PNG → 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): Pixels {
  const h = pngHeader(bytes);
  const all = chunks(bytes);
  const idat = Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const palette = all.find((c) => c.type === 'PLTE')?.data;
  const trns = all.find((c) => c.type === 'tRNS')?.data;
  if (h.colourType === 3 && !palette) throw new PngError('a palette PNG without its palette (PLTE)');
  let raw: Uint8Array;
  try {
    raw = inflateSync(idat);
  } catch {
    throw new PngError('the image data cannot be decompressed (a damaged PNG)');
  }
  const channels = CHANNELS[h.colourType]!;
  const bitsPerPixel = channels * h.bitDepth;
  const rgba = new Uint8Array(h.width * h.height * 4);
  const maxSample = (1 << h.bitDepth) - 1;
  // A sample (of `bits` bits, at sample index i of a row) scaled to 8 bits, and raw for palette and tRNS.
  const sampleAt = (row: Uint8Array, i: number): number => {
    if (h.bitDepth === 8) return row[i]!;
    if (h.bitDepth === 16) return (row[i * 2]! << 8) | row[i * 2 + 1]!;
    const bit = i * h.bitDepth;
    return (row[bit >> 3]! >> (8 - h.bitDepth - (bit & 7))) & maxSample;
  };
  const to8 = (v: number) => (h.bitDepth === 16 ? v >> 8 : h.bitDepth === 8 ? v : Math.round((v * 255) / maxSample));
  const key = trns && (h.colourType === 0 || h.colourType === 2) ? [0, 2, 4].slice(0, h.colourType === 0 ? 1 : 3).map((i) => (trns[i]! << 8) | trns[i + 1]!) : undefined;
  const put = (px: number, row: Uint8Array, x: number) => {
    const s = x * channels;
    let r: number, g: number, b: number, a: number;
    if (h.colourType === 3) {
      const index = sampleAt(row, x);
      if (index * 3 + 2 >= palette!.length) throw new PngError(`pixel colour ${index} is not in the palette`);
      [r, g, b] = [palette![index * 3]!, palette![index * 3 + 1]!, palette![index * 3 + 2]!];
      a = trns && index < trns.length ? trns[index]! : 255;
    } else {
      const v = Array.from({ length: channels }, (_, c) => sampleAt(row, s + c));
      const grey = h.colourType === 0 || h.colourType === 4;
      [r, g, b] = grey ? [to8(v[0]!), to8(v[0]!), to8(v[0]!)] : [to8(v[0]!), to8(v[1]!), to8(v[2]!)];
      a = h.colourType === 4 ? to8(v[1]!) : h.colourType === 6 ? to8(v[3]!) : key && key.every((k, i) => k === v[i]) ? 0 : 255;
    }
    rgba.set([r, g, b, a], px * 4);
  };
  const passes = h.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let offset = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((h.width - x0) / dx);
    const ht = Math.ceil((h.height - y0) / dy);
    if (w <= 0 || ht <= 0) continue;
    const size = (Math.ceil((w * bitsPerPixel) / 8) + 1) * ht;
    const rows = unfilter(raw.subarray(offset, offset + size), w, ht, bitsPerPixel);
    offset += size;
    const stride = Math.ceil((w * bitsPerPixel) / 8);
    for (let y = 0; y < ht; y++) {
      const row = rows.subarray(y * stride, (y + 1) * stride);
      for (let x = 0; x < w; x++) put((y0 + y * dy) * h.width + x0 + x * dx, row, x);
    }
  }
  return { width: h.width, height: h.height, rgba };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit RGB, or RGBA when any pixel is not opaque; rows unfiltered, not interlaced. */
export function encodePng(p: Pixels): Uint8Array {
  let alpha = false;
  for (let i = 3; i < p.rgba.length; i += 4) if (p.rgba[i] !== 255) alpha = true;
  const channels = alpha ? 4 : 3;
  const stride = p.width * channels + 1;
  const raw = new Uint8Array(stride * p.height);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const from = (y * p.width + x) * 4;
      const to = y * stride + 1 + x * channels;
      raw.set(p.rgba.subarray(from, from + channels), to);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(p.width, 0);
  ihdr.writeUInt32BE(p.height, 4);
  ihdr.set([8, alpha ? 6 : 2, 0, 0, 0], 8);
  return new Uint8Array(Buffer.concat([Buffer.from(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}
