// Text the press step draws itself (the slug, the hidden folio) is set in its own small
// subset of the BIZ UD fonts, embedded once per file: any character a font has can be
// printed, whatever the page text used. Each character takes the first font that has a
// glyph for it; a character none has is left out and reported.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFRef, PDFString } from 'pdf-lib';
import { subsetTag, type EmbeddableFont } from '../../engine/index.js';
import { fmt } from './colour.js';

/** One run of text in one embedded font. */
export interface Run {
  readonly resource: string;
  readonly hex: string;
  /** advance in 1/1000 em */
  readonly width: number;
}

export interface PressFont {
  /** Resource name → font object, for every page that shows press text. */
  readonly resources: ReadonlyMap<string, PDFRef>;
  /** Characters no font has (left out of `runs`). */
  readonly missing: ReadonlySet<string>;
  runs(text: string): Run[];
  /** Advance of the text in 1/1000 em. */
  width(text: string): number;
}

interface Used {
  readonly font: EmbeddableFont;
  readonly resource: string;
  /** code point → [cid, advance in 1/1000 em] */
  readonly cids: Map<number, [number, number]>;
  readonly subset: ReturnType<EmbeddableFont['createSubset']>;
}

/**
 * Embeds subsets of `fonts` (in order of preference) holding every character of
 * `texts`. `prefix` names the font resources (PBfont0, PBfont1 …).
 */
export function embedPressFont(doc: PDFDocument, fonts: readonly EmbeddableFont[], texts: readonly string[], prefix = 'PBfont'): PressFont {
  const used = new Map<EmbeddableFont, Used>();
  const byChar = new Map<number, Used>();
  const missing = new Set<string>();
  const chars = [...new Set(texts.join(''))].map((c) => c.codePointAt(0)!).sort((a, b) => a - b);
  for (const cp of chars) {
    const font = fonts.find((f) => f.hasGlyphForCodePoint(cp));
    if (!font) {
      missing.add(String.fromCodePoint(cp));
      continue;
    }
    let u = used.get(font);
    if (!u) {
      u = { font, resource: `${prefix}${fonts.indexOf(font)}`, cids: new Map(), subset: font.createSubset() };
      used.set(font, u);
    }
    const glyph = font.glyphForCodePoint(cp);
    u.cids.set(cp, [u.subset.includeGlyph(glyph.id), (glyph.advanceWidth * 1000) / font.unitsPerEm]);
    byChar.set(cp, u);
  }
  const resources = new Map<string, PDFRef>();
  for (const u of used.values()) resources.set(u.resource, embed(doc, u));

  const runs = (text: string): Run[] => {
    const out: { resource: string; hex: string; width: number }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const u = byChar.get(cp);
      const entry = u?.cids.get(cp);
      if (!u || !entry) continue;
      const last = out[out.length - 1];
      const hex = entry[0].toString(16).padStart(4, '0');
      if (last && last.resource === u.resource) {
        last.hex += hex;
        last.width += entry[1];
      } else out.push({ resource: u.resource, hex, width: entry[1] });
    }
    return out;
  };
  return { resources, missing, runs, width: (text) => runs(text).reduce((w, r) => w + r.width, 0) };
}

/** A Type0 / CIDFontType2 font (Identity-H, CID = glyph id in the subset) with its ToUnicode map. */
function embed(doc: PDFDocument, u: Used): PDFRef {
  const ctx = doc.context;
  const { font, subset } = u;
  const scale = 1000 / font.unitsPerEm;
  const program = subset.encode();
  const fileRef = ctx.register(ctx.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.length }));
  const name = `${subsetTag(font.postscriptName, subset.glyphs)}+${font.postscriptName.replace(/[\s()<>[\]{}/%#]/g, '_')}`;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4,
      FontBBox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) => Math.round(v * scale)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * scale),
      Descent: Math.round(font.descent * scale),
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      XHeight: Math.round((font.xHeight || 0) * scale),
      StemV: 0,
      FontFile2: fileRef,
    }),
  );
  const entries = [...u.cids.entries()].sort((a, b) => a[1][0] - b[1][0]);
  const widths: (number | number[])[] = [];
  for (const [, [cid, w]] of entries) widths.push(cid, [Number(fmt(w, 3))]);
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      // Registry and Ordering are strings, not names.
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: widths,
      CIDToGIDMap: 'Identity',
    }),
  );
  const toUnicode = ctx.register(ctx.stream(deflateSync(Buffer.from(cmap(entries), 'latin1')), { Filter: 'FlateDecode' }));
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

function utf16Hex(cp: number): string {
  return Buffer.from(String.fromCodePoint(cp), 'utf16le').swap16().toString('hex').toUpperCase();
}

function cmap(entries: readonly [number, [number, number]][]): string {
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [cp, [cid]] of chunk) lines.push(`<${cid.toString(16).padStart(4, '0').toUpperCase()}> <${utf16Hex(cp)}>`);
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * BT … ET drawing `text` from (x, y) at `size` (pt), switching fonts between runs. The
 * caller sets colour and overprint around it.
 */
export function textOperators(font: PressFont, text: string, x: number, y: number, size: number): string {
  const runs = font.runs(text);
  if (runs.length === 0) return '';
  const shows = runs.map((r) => `/${r.resource} ${fmt(size)} Tf <${r.hex}> Tj`).join('\n');
  return `BT\n${fmt(x, 6)} ${fmt(y, 6)} Td\n${shows}\nET\n`;
}
