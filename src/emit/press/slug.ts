// The slug line: small text outside the trim. It is set in a font the PDF already embeds
// when that font's subset has every character needed (found through its ToUnicode map),
// so the print PDF gains no font; otherwise in Helvetica (not embedded), ASCII only.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, StandardFonts } from 'pdf-lib';
import { fmt } from './colour.js';
import { streamBytes } from './pdfUtil.js';

export interface SlugFont {
  readonly ref: PDFRef;
  readonly baseFont: string;
  /** Hex glyph code of one character, or undefined when the font lacks it. */
  code(ch: string): string | undefined;
  /** Advance width of a character in 1/1000 em. */
  width(ch: string): number;
}

function utf16(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

/** Character → code (hex, original width) from a ToUnicode CMap; the first code wins. */
export function parseToUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const add = (code: number, width: number, text: string) => {
    if (text === '\u0000' || [...text].length !== 1) return;
    if (!map.has(text)) map.set(text, code.toString(16).padStart(width, '0'));
  };
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    const hexes = [...(section[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '');
    for (let i = 0; i + 1 < hexes.length; i += 2) add(parseInt(hexes[i] ?? '0', 16), (hexes[i] ?? '').length, utf16(hexes[i + 1] ?? ''));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const tokens = [...(section[1] ?? '').matchAll(/<([0-9a-fA-F]*)>|(\[)|(\])/g)];
    let t = 0;
    while (t + 2 < tokens.length) {
      const loHex = tokens[t]?.[1] ?? '';
      const lo = parseInt(loHex, 16);
      const hi = parseInt(tokens[t + 1]?.[1] ?? '0', 16);
      t += 2;
      if (tokens[t]?.[2] === '[') {
        t++;
        let code = lo;
        while (t < tokens.length && tokens[t]?.[3] !== ']') {
          add(code++, loHex.length, utf16(tokens[t]?.[1] ?? ''));
          t++;
        }
        t++;
      } else {
        const dst = utf16(tokens[t]?.[1] ?? '');
        t++;
        if (dst.length === 0) continue;
        for (let code = lo; code <= hi && code - lo < 65536; code++) {
          add(code, loHex.length, dst.slice(0, -1) + String.fromCharCode(dst.charCodeAt(dst.length - 1) + (code - lo)));
        }
      }
    }
  }
  return map;
}

/** Glyph widths of a CIDFont: /W ranges over /DW. */
function cidWidths(cid: PDFDict, lookup: (o: unknown) => unknown): (code: number) => number {
  const dw = lookup(cid.get(PDFName.of('DW')));
  const def = dw instanceof PDFNumber ? dw.asNumber() : 1000;
  const widths = new Map<number, number>();
  const w = lookup(cid.get(PDFName.of('W')));
  if (w instanceof PDFArray) {
    const items = w.asArray().map((o) => lookup(o));
    let i = 0;
    while (i < items.length) {
      const first = items[i];
      const next = items[i + 1];
      if (!(first instanceof PDFNumber)) break;
      if (next instanceof PDFArray) {
        next.asArray().forEach((x, j) => {
          const v = lookup(x);
          if (v instanceof PDFNumber) widths.set(first.asNumber() + j, v.asNumber());
        });
        i += 2;
      } else {
        const last = next;
        const v = items[i + 2];
        if (last instanceof PDFNumber && v instanceof PDFNumber) {
          for (let c = first.asNumber(); c <= last.asNumber() && c - first.asNumber() < 65536; c++) widths.set(c, v.asNumber());
        }
        i += 3;
      }
    }
  }
  return (code) => widths.get(code) ?? def;
}

/** The embedded Type0 (Identity-H) fonts of the document, in page and resource order. */
function documentFonts(doc: PDFDocument): SlugFont[] {
  const ctx = doc.context;
  const lookup = (o: unknown) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const seen = new Set<string>();
  const fonts: SlugFont[] = [];
  for (const page of doc.getPages()) {
    const res = page.node.Resources();
    const fontDict = lookup(res?.get(PDFName.of('Font')));
    if (!(fontDict instanceof PDFDict)) continue;
    for (const [, ref] of fontDict.entries()) {
      if (!(ref instanceof PDFRef) || seen.has(ref.tag)) continue;
      seen.add(ref.tag);
      const font = ctx.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      if (font.get(PDFName.of('Subtype'))?.toString() !== '/Type0') continue;
      if (lookup(font.get(PDFName.of('Encoding')))?.toString() !== '/Identity-H') continue;
      const toUnicode = lookup(font.get(PDFName.of('ToUnicode')));
      const descendants = lookup(font.get(PDFName.of('DescendantFonts')));
      const cid = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
      if (!(toUnicode instanceof PDFStream) || !(cid instanceof PDFDict)) continue;
      const fd = lookup(cid.get(PDFName.of('FontDescriptor')));
      const embedded =
        fd instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.get(PDFName.of(k)) !== undefined);
      if (!embedded) continue;
      let codes: Map<string, string>;
      try {
        codes = parseToUnicode(Buffer.from(streamBytes(toUnicode)).toString('latin1'));
      } catch {
        continue;
      }
      const widthOf = cidWidths(cid, lookup);
      const baseFont = font.get(PDFName.of('BaseFont'))?.toString().slice(1) ?? '';
      fonts.push({
        ref,
        baseFont,
        code: (ch) => codes.get(ch),
        width: (ch) => {
          const c = codes.get(ch);
          return c === undefined ? 0 : widthOf(parseInt(c, 16));
        },
      });
    }
  }
  return fonts;
}

/** A plain, regular sans face reads best at 5–6 pt. */
function preference(f: SlugFont): number {
  const n = f.baseFont;
  return (/gothic|sans|helvetica|arial/i.test(n) ? 0 : 2) + (/bold|black|heavy/i.test(n) ? 1 : 0);
}

/**
 * Picks the font for the slug: the most suitable embedded font that has all `chars`,
 * else Helvetica (WinAnsi). Throws when the text cannot be set either way.
 */
export function chooseSlugFont(doc: PDFDocument, chars: ReadonlySet<string>): SlugFont {
  const needed = [...chars].filter((c) => c !== ' ');
  const candidates = documentFonts(doc)
    .filter((f) => needed.every((c) => f.code(c) !== undefined))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => preference(a.f) - preference(b.f) || a.i - b.i);
  const best = candidates[0];
  if (best) return best.f;
  const bad = needed.filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e);
  if (bad.length > 0) {
    throw new RangeError(`press: slug characters ${JSON.stringify(bad.join(''))} are in no embedded font; use ASCII or a text the document already prints`);
  }
  const helv = doc.embedStandardFont(StandardFonts.Helvetica);
  return {
    ref: helv.ref,
    baseFont: 'Helvetica',
    code: (ch) => (ch.length === 1 ? ch.charCodeAt(0).toString(16).padStart(2, '0') : undefined),
    width: (ch) => helv.widthOfTextAtSize(ch, 1000),
  };
}

/** Width of a text in 1/1000 em; spaces are 1/3 em when the font has no space glyph. */
export function textWidth(font: SlugFont, text: string): number {
  let w = 0;
  for (const ch of text) w += ch === ' ' && font.code(' ') === undefined ? 333 : font.width(ch);
  return w;
}

/** BT … TJ … ET drawing `text` with `font` (resource name `res`), spaces as kerning when needed. */
export function slugOperators(font: SlugFont, res: string, text: string, x: number, y: number, size: number): string {
  const parts: string[] = [];
  let run = '';
  for (const ch of text) {
    const code = font.code(ch);
    if (code !== undefined) {
      run += code;
      continue;
    }
    if (run) parts.push(`<${run}>`);
    run = '';
    parts.push(String(-333)); // only spaces get here: chooseSlugFont checked the rest
  }
  if (run) parts.push(`<${run}>`);
  return `q\nBT\n/${res} ${fmt(size)} Tf\n1 1 1 1 k\n${fmt(x)} ${fmt(y)} Td\n[${parts.join(' ')}] TJ\nET\nQ\n`;
}
