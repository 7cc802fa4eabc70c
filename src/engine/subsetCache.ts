/**
 * pdfkit embeds a subset of every font in every document through fontkit's TTFSubset,
 * which decodes every point of every glyph only to learn whether it is compound, then
 * writes the tables number by number through restructure: the largest single cost of a
 * build. Yet the parsed font is shared by all documents of the process (fontCache.ts),
 * and what a glyph brings to a subset (its bytes, its horizontal metrics and, when it is
 * compound, where its components are) is the same in every document; so are the tables
 * a subset copies whole (head, cvt, prep, fpgm).
 *
 * So a subset of a static TrueType font is assembled here from pieces cached per glyph.
 * A glyph is decoded by fontkit only when its first bytes do not show it to be simple.
 * The file layout and the copied tables are taken from fontkit's own encoding of a
 * one-glyph subset, and a font keeps fontkit's encoder unless assembling that same
 * subset reproduces fontkit's bytes. CFF and variable fonts keep fontkit's code.
 * tests/typeset/subsetCache.test.ts compares the bytes with fontkit's.
 */

interface DecodeStream {
  pos: number;
  readBuffer(length: number): Uint8Array;
}

interface TTGlyph {
  readonly advanceWidth: number;
  _getMetrics(): { leftBearing: number };
  _decode(): { numberOfContours: number; components?: readonly Component[] } | null;
}

interface Component {
  /** where the component's glyph id sits in the glyph's bytes */
  readonly pos: number;
  readonly glyphID: number;
}

interface Subset {
  readonly glyphs: readonly number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

export interface SubsetFont {
  readonly directory: { readonly tables: Record<string, unknown> };
  readonly loca: { readonly version: number; readonly offsets: ArrayLike<number> };
  getGlyph(id: number): TTGlyph | null;
  _getTableStream(tag: string): DecodeStream | null;
  createSubset(): Subset;
}

interface Piece {
  readonly bytes: Uint8Array;
  readonly advance: number;
  readonly bearing: number;
  /** null for a simple (or empty) glyph */
  readonly components: readonly Component[] | null;
}

interface Table {
  readonly tag: string;
  /** the directory entry's tag and checksum */
  readonly entry: Uint8Array;
  /** fontkit's encoding in the one-glyph subset */
  readonly bytes: Uint8Array;
}

interface Layout {
  readonly header: Uint8Array;
  readonly tables: readonly Table[];
}

const REQUIRED = ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx'];
const COPIED = new Set(['head', 'cvt ', 'prep', 'fpgm']);

const installed = new WeakSet<object>();

export function canCacheSubsets(font: SubsetFont): boolean {
  const tables = font.directory.tables;
  return REQUIRED.every((t) => t in tables) && !('CFF ' in tables) && !('CFF2' in tables) && !('fvar' in tables);
}

export function installSubsetCache(font: SubsetFont): void {
  if (installed.has(font) || !canCacheSubsets(font)) return;
  installed.add(font);
  const create = font.createSubset.bind(font);
  const pieces = new Map<number, Piece | null>();
  const piece = (gid: number) => {
    let p = pieces.get(gid);
    if (p === undefined) pieces.set(gid, (p = loadPiece(font, gid)));
    return p;
  };
  // undefined until the first encode; null when this font keeps fontkit's encoder
  let layout: Layout | null | undefined;
  font.createSubset = () => {
    const subset = create();
    const fontkitEncode = subset.encode;
    subset.encode = () => {
      if (layout === undefined) layout = calibrate(font, create, piece);
      // A glyph without a piece (an id the font lacks) is left to fontkit's encoder. The
      // components included before it were included in fontkit's order, so its pass over
      // the whole subset still gives the bytes it always gave.
      return (layout && assemble(font, layout, subset, piece)) ?? fontkitEncode.call(subset);
    };
    return subset;
  };
}

function loadPiece(font: SubsetFont, gid: number): Piece | null {
  const glyph = font.getGlyph(gid);
  const stream = font._getTableStream('glyf');
  const start = font.loca.offsets[gid];
  const end = font.loca.offsets[gid + 1];
  if (!glyph || !stream || start === undefined || end === undefined) return null;
  stream.pos += start;
  const bytes = stream.readBuffer(end - start);
  // A glyph's data starts with its number of contours (int16), negative when compound.
  const simple = start === end || (bytes.length >= 10 && (bytes[0]! & 0x80) === 0);
  return { bytes, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing, components: simple ? null : componentsOf(glyph) };
}

function componentsOf(glyph: TTGlyph): Component[] | null {
  const decoded = glyph._decode();
  if (!decoded || decoded.numberOfContours >= 0) return null;
  return (decoded.components ?? []).map(({ pos, glyphID }) => ({ pos, glyphID }));
}

function calibrate(font: SubsetFont, create: () => Subset, piece: (gid: number) => Piece | null): Layout | null {
  try {
    const expected = create().encode();
    const layout = readLayout(expected);
    const got = layout && assemble(font, layout, create(), piece);
    return got && equal(got, expected) ? layout : null;
  } catch {
    return null;
  }
}

/** The tables of fontkit's encoding, if they lie as assemble() writes them. */
function readLayout(file: Uint8Array): Layout | null {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 12) return null;
  const count = view.getUint16(4);
  let pos = 12 + 16 * count;
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const e = 12 + 16 * i;
    const tag = String.fromCharCode(...file.subarray(e, e + 4));
    const length = view.getUint32(e + 12);
    if (view.getUint32(e + 8) !== pos || pos + length > file.length) return null;
    tables.push({ tag, entry: file.slice(e, e + 8), bytes: file.slice(pos, pos + length) });
    pos += length;
  }
  const tags = tables.map((t) => t.tag);
  const known = (t: string) => REQUIRED.includes(t) || COPIED.has(t);
  if (pos !== file.length || new Set(tags).size !== tags.length || !tags.every(known) || !REQUIRED.every((t) => tags.includes(t))) return null;
  const hhea = tables.find((t) => t.tag === 'hhea')!.bytes;
  const maxp = tables.find((t) => t.tag === 'maxp')!.bytes;
  if (hhea.length !== 36 || maxp.length < 6) return null;
  return { header: file.slice(0, 12), tables };
}

/** fontkit's TTFSubset.encode, from cached pieces; null when a glyph has none. */
function assemble(font: SubsetFont, layout: Layout, subset: Subset, piece: (gid: number) => Piece | null): Uint8Array | null {
  const glyphs: Piece[] = [];
  const bodies: Uint8Array[] = [];
  let glyfLength = 0;
  // subset.glyphs grows while compound glyphs include their components
  for (let i = 0; i < subset.glyphs.length; i++) {
    const p = piece(subset.glyphs[i]!);
    if (!p) return null;
    let body = p.bytes;
    if (p.components) {
      body = new Uint8Array(p.bytes);
      const view = new DataView(body.buffer);
      for (const c of p.components) view.setUint16(c.pos, subset.includeGlyph(c.glyphID));
    }
    glyphs.push(p);
    bodies.push(body);
    glyfLength += body.length;
  }
  const n = glyphs.length;
  const shortLoca = font.loca.version === 0;
  const lengthOf = (t: Table) => {
    switch (t.tag) {
      case 'glyf':
        return glyfLength;
      case 'loca':
        return (n + 1) * (shortLoca ? 2 : 4);
      case 'hmtx':
        return n * 4;
      default:
        return t.bytes.length;
    }
  };
  const dataStart = 12 + 16 * layout.tables.length;
  const out = new Uint8Array(layout.tables.reduce((sum, t) => sum + lengthOf(t), dataStart));
  const view = new DataView(out.buffer);
  out.set(layout.header);
  let pos = dataStart;
  layout.tables.forEach((t, i) => {
    const length = lengthOf(t);
    out.set(t.entry, 12 + 16 * i);
    view.setUint32(12 + 16 * i + 8, pos);
    view.setUint32(12 + 16 * i + 12, length);
    if (t.tag === 'glyf') {
      let at = pos;
      for (const b of bodies) {
        out.set(b, at);
        at += b.length;
      }
    } else if (t.tag === 'loca') {
      let offset = 0;
      for (let g = 0; g <= n; g++) {
        if (shortLoca) view.setUint16(pos + 2 * g, offset >>> 1);
        else view.setUint32(pos + 4 * g, offset);
        offset += bodies[g]?.length ?? 0;
      }
    } else if (t.tag === 'hmtx') {
      glyphs.forEach((g, k) => {
        view.setUint16(pos + 4 * k, g.advance);
        view.setInt16(pos + 4 * k + 2, g.bearing);
      });
    } else {
      out.set(t.bytes, pos);
      // numberOfMetrics (hhea) and numGlyphs (maxp) count the subset's glyphs
      if (t.tag === 'hhea') view.setUint16(pos + 34, n);
      if (t.tag === 'maxp') view.setUint16(pos + 4, n);
    }
    pos += length;
  });
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
