import { readFileSync } from 'node:fs';
import { fontMetrics, type FontLike, type FontMetrics } from '../typeset/japanese/metrics.js';
import { installShapingCache } from './shapingCache.js';
import { installSubsetCache } from './subsetCache.js';
import { fixGlyphCodePoints } from './glyphCodePoints.js';
import { replaceFontkitExports, requireFontkit, type Fontkit } from './modules.js';

/** What the engine does to a parsed font beyond fontkit's own parse. */
export interface ParseOptions {
  /** A per-character shaping cache in front of fontkit's layout (shapingCache.ts). */
  readonly shapingCache: boolean;
  /** Subsets assembled from cached per-glyph pieces (subsetCache.ts). */
  readonly subsetCache: boolean;
}

export const DEFAULT_PARSE: ParseOptions = { shapingCache: true, subsetCache: true };

/** The part of a fontkit font the glyph check reads. */
export interface ParsedFont {
  hasGlyphForCodePoint(cp: number): boolean;
  readonly characterSet: readonly number[];
}

let real: Fontkit | undefined;

/**
 * The fontkit pdfkit uses, its create() answered from the parse cache below: pdfkit calls
 * fontkit.create() for every document, which would re-parse the 4–6 MB files each time.
 * Call before pdfkit is first loaded.
 */
export function fontkit(): Fontkit {
  if (real) return real;
  const module = requireFontkit();
  replaceFontkitExports({
    ...module,
    create: (buf: Uint8Array, postscriptName?: string) => (postscriptName === undefined ? parseFont(buf) : module.create(buf, postscriptName)),
  });
  return (real = module);
}

const parsed = new WeakMap<Uint8Array, unknown>();
/** Buffers handed out for a parse with other than the default options (views of the same bytes). */
const optionsOf = new WeakMap<Uint8Array, ParseOptions>();

/**
 * The bytes to give pdfkit (and to parse) for these options: the file's own buffer for the
 * default options, so its one parse serves every document and the glyph check; otherwise
 * a view of the same memory, whose parse is made with those options.
 */
export function fontBytesFor(buf: Uint8Array, options: ParseOptions): Uint8Array {
  if (options.shapingCache === DEFAULT_PARSE.shapingCache && options.subsetCache === DEFAULT_PARSE.subsetCache) return buf;
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  optionsOf.set(view, options);
  return view;
}

/**
 * Parses a font file's bytes once per process, whoever asks (pdfkit, the typesetter's
 * metrics, the glyph check, the press step). pdfkit would re-parse the 4–6 MB files for
 * every document; a parsed font is safe to share, as pdfkit keeps per-document state
 * (subsets) in its own objects.
 */
export function parseFont(buf: Uint8Array): unknown {
  let font = parsed.get(buf);
  if (!font) {
    const options = optionsOf.get(buf) ?? DEFAULT_PARSE;
    font = fontkit().create(buf);
    metricsWithoutOutlines(font as MetricsFont);
    fixGlyphCodePoints(font as Parameters<typeof fixGlyphCodePoints>[0]);
    if (options.shapingCache) installShapingCache(font as Parameters<typeof installShapingCache>[0]);
    if (options.subsetCache) installSubsetCache(font as Parameters<typeof installSubsetCache>[0]);
    parsed.set(buf, font);
  }
  return font;
}

interface TableMetrics {
  advance: number;
  bearing: number;
}
interface MetricsGlyph {
  _metrics?: { advanceWidth: number; advanceHeight: number; leftBearing: number; topBearing: number };
  _getTableMetrics(table: unknown): TableMetrics;
}
interface MetricsFont {
  getGlyph(id: number, codePoints?: number[]): MetricsGlyph | null;
  readonly hmtx: unknown;
  readonly vmtx?: unknown;
  readonly _variationProcessor?: unknown;
}

/**
 * fontkit's TrueType glyph reads its outline's bounding box from glyf before its advance
 * (Glyph._getMetrics), to compute a top bearing when the font has no vmtx, and throws the
 * box away. The BIZ UD fonts have a vmtx: each glyph's metrics are set here from hmtx and
 * vmtx by fontkit's own table lookup, what _getMetrics returns for them, without the
 * outline (~25 µs a glyph in a cold process). tests/engine/glyphMetrics.test.ts compares
 * the two for every glyph.
 */
export function metricsWithoutOutlines(font: MetricsFont): void {
  if (!font.vmtx || font._variationProcessor) return;
  const base = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) => {
    const glyph = base(id, codePoints);
    if (glyph && glyph._metrics === undefined) {
      const h = glyph._getTableMetrics(font.hmtx);
      const v = glyph._getTableMetrics(font.vmtx);
      glyph._metrics = { advanceWidth: h.advance, advanceHeight: v.advance, leftBearing: h.bearing, topBearing: v.bearing };
    }
    return glyph;
  };
}

/** A code point is covered when every given font has a glyph for it. */
export function coverageOf(buffers: readonly Uint8Array[]): (cp: number) => boolean {
  let fonts: ParsedFont[] | undefined;
  const memo = new Map<number, boolean>();
  return (cp) => {
    let ok = memo.get(cp);
    if (ok === undefined) {
      fonts ??= buffers.map((b) => parseFont(b) as ParsedFont);
      ok = fonts.every((f) => f.hasGlyphForCodePoint(cp));
      memo.set(cp, ok);
    }
    return ok;
  };
}

const metricsCache = new WeakMap<object, FontMetrics>();

/** Line-breaking metrics for a font file, built on the one parse of it. */
export function metricsOf(buf: Uint8Array): FontMetrics {
  const font = parseFont(buf) as FontLike & object;
  let m = metricsCache.get(font);
  if (!m) metricsCache.set(font, (m = fontMetrics(font)));
  return m;
}

/** Metrics of a font file on disk (tests and tools that set text without resources). */
export function fontFileMetrics(path: string): FontMetrics {
  return metricsOf(readFileSync(path));
}
