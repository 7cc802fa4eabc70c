// A city's logo file, checked and prepared once when the project is read: its kind (by its
// bytes, not its name), its size for the aspect ratio, and what it paints. PNGs are
// rewritten in one plain form (8-bit RGB or RGBA) so the PDFs hold only image forms the
// print conversion knows.
import { decodePng, encodePng, isPng, PngError } from './png.js';
import { svgPaint, type SvgPaint } from './svgColours.js';

export type LogoKind = 'svg' | 'png' | 'jpeg';

export interface Logo {
  /** Logical path: logo/<file name>, as the manifest and an archive name it. */
  readonly path: string;
  /** The file as messages show it. */
  readonly shown: string;
  readonly kind: LogoKind;
  /** The file as given (hashed and archived). */
  readonly file: Uint8Array;
  /** What the PDFs embed: the SVG text, a PNG in plain form, or the JPEG as given. */
  readonly svg?: string;
  readonly image?: Uint8Array;
  /** Intrinsic size (pixels, or SVG user units): only the ratio matters. */
  readonly width: number;
  readonly height: number;
  /** SVG: every colour it paints and what keeps it out of a PDF. */
  readonly paint?: SvgPaint;
  /** JPEG: 1 grey, 3 RGB, 4 CMYK. */
  readonly components?: number;
}

/** Logos are small: a larger file is not one. */
export const MAX_LOGO_BYTES = 16 * 1024 * 1024;

export type Inspected = { readonly logo: Logo } | { readonly problem: string; readonly offset?: number };

/** What the logo file is; a problem names what is wrong with it. */
export function inspectLogo(file: Uint8Array, path: string, shown: string): Inspected {
  if (file.byteLength > MAX_LOGO_BYTES) return { problem: `the logo file is ${(file.byteLength / 2 ** 20).toFixed(1)} MB; a logo is at most 16 MB` };
  const base = { path, shown, file };
  if (isPng(file)) {
    try {
      const pixels = decodePng(file);
      return { logo: { ...base, kind: 'png', image: encodePng(pixels), width: pixels.width, height: pixels.height } };
    } catch (err) {
      if (err instanceof PngError) return { problem: `not a PNG that can be read: ${err.message}` };
      throw err;
    }
  }
  if (file[0] === 0xff && file[1] === 0xd8) {
    const sof = jpegFrame(file);
    if (!sof) return { problem: 'not a JPEG that can be read (no frame header)' };
    return { logo: { ...base, kind: 'jpeg', image: file, ...sof } };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file).replace(/^\uFEFF/, '');
  const root = /<svg\b([^>]*)>/.exec(text.replace(/<!--[^]*?-->/g, (c) => ' '.repeat(c.length)));
  if (!root) return { problem: 'not a logo plan-booklet can place: give an SVG, PNG or JPEG file' };
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root[1] ?? '');
  const number = (name: string) => {
    const m = attr(name);
    const n = m ? parseFloat(m[1] ?? m[2] ?? '') : NaN;
    return Number.isFinite(n) && n > 0 && !/%\s*$/.test(m?.[1] ?? m?.[2] ?? '') ? n : undefined;
  };
  const viewBox = (attr('viewBox')?.[1] ?? attr('viewBox')?.[2] ?? '').trim().split(/[\s,]+/).map(Number);
  const [vw, vh] = viewBox.length === 4 && viewBox.every(Number.isFinite) ? [viewBox[2]!, viewBox[3]!] : [undefined, undefined];
  const width = number('width') ?? vw;
  const height = number('height') ?? vh;
  if (!(width! > 0 && height! > 0)) {
    return { problem: 'the <svg> element gives no size: add a viewBox (or width and height), e.g. viewBox="0 0 120 40"', offset: root.index };
  }
  return { logo: { ...base, kind: 'svg', svg: text, width: width!, height: height!, paint: svgPaint(text) } };
}

/** Width, height and colour components from a JPEG's frame header (SOFn). */
function jpegFrame(b: Uint8Array): { width: number; height: number; components: number } | undefined {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && at + 9 < b.length) {
      const height = (b[at + 5]! << 8) | b[at + 6]!;
      const width = (b[at + 7]! << 8) | b[at + 8]!;
      return width > 0 && height > 0 ? { width, height, components: b[at + 9]! } : undefined;
    }
    at += 2 + length;
  }
  return undefined;
}
