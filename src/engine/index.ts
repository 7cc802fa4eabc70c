/**
 * The PDF engine: the only code that loads pdfmake, pdfkit and fontkit, patches them and
 * caches what they parse. The rest of the tool sees this interface:
 * - metrics and glyph coverage of the fonts, for the typesetter and the load check;
 * - print(): a document whose paragraphs may carry finished lines (finishedText) → PDF
 *   bytes, page count and the pages each part landed on.
 * Nothing is loaded until first asked for: a process that prints nothing never loads
 * pdfmake, one that only checks data loads fontkit alone.
 */
import type { FontMetrics } from '../typeset/japanese/metrics.js';
import { faceOf, type EmbeddableFont, type FontBuffers, type FontFamily, type FontFileKey } from './fonts.js';
import { fontOutliner, type TextOutline } from './outlines.js';
import { coverageOf, DEFAULT_PARSE, fontBytesFor, metricsOf, parseFont, type ParsedFont } from './parsedFonts.js';
export { fontFileMetrics, type ParsedFont } from './parsedFonts.js';

/**
 * A font file's bytes as the engine parses them, once per buffer: a font checked here is
 * not parsed again when a document uses the same buffer. Throws when fontkit cannot read
 * them; null or no character set: not a font the engine can embed.
 */
export function parsedFont(bytes: Uint8Array): ParsedFont | null {
  return parseFont(bytes) as ParsedFont | null;
}
import { print, type PrintDocument, type Printed } from './print.js';

export { finishedText, FINISHED_LINES, type FinishedLine, type FinishedRun, type FinishedText } from './finishedLines.js';
export { artifactPath, type TextOutline, type PathCommand } from './outlines.js';
export type { PageOf, PartPages, PdfNode, PrintDocument, Printed } from './print.js';
export { FONT_FILES, type EmbeddableFont, type FontBuffers, type FontFamily, type FontFileKey } from './fonts.js';
export { subsetTag } from './subsetTag.js';
export { OWN, STRUCT, type StructElement, type StructRole } from './tagging/structTypes.js';
export { EngineVersionError, MEASURED_VERSIONS } from './modules.js';

/**
 * Each switch makes the PDFs no different (the tests compare the bytes); they exist to
 * measure what each part of the engine saves.
 */
export interface EngineOptions {
  /** Finished lines measured as one inline and drawn as one text object per line (false: pdfmake's inlines). */
  readonly finishedLines?: boolean;
  /** A per-character shaping cache in front of fontkit (false: fontkit shapes every run). */
  readonly shapingCache?: boolean;
  /** Font subsets assembled from per-glyph pieces cached per font (false: fontkit's subset encoder). */
  readonly subsetCache?: boolean;
}

export interface PdfEngine {
  /** Advances of a face, for line breaking. */
  metrics(family: FontFamily, bold: boolean): FontMetrics;
  /** Whether every face has a glyph for the code point (a character none has would vanish). */
  covers(codePoint: number): boolean;
  /** The glyph outlines of a text in Gothic Bold (the watermark). */
  outline(text: string): TextOutline;
  /** The parsed font of a file (the press step embeds its own subsets of it). */
  font(key: FontFileKey): EmbeddableFont;
  print<Part extends object>(doc: PrintDocument<Part>): Promise<Printed<Part>>;
}

export function createPdfEngine(files: FontBuffers, options: EngineOptions = {}): PdfEngine {
  const parse = { shapingCache: options.shapingCache ?? DEFAULT_PARSE.shapingCache, subsetCache: options.subsetCache ?? DEFAULT_PARSE.subsetCache };
  const fonts: FontBuffers = {
    gothic: fontBytesFor(files.gothic, parse),
    gothicBold: fontBytesFor(files.gothicBold, parse),
    mincho: fontBytesFor(files.mincho, parse),
  };
  const covers = coverageOf([fonts.mincho, fonts.gothic, fonts.gothicBold]);
  let outline: ((text: string) => TextOutline) | undefined;
  return {
    metrics: (family, bold) => metricsOf(fonts[faceOf(family, bold)]),
    covers,
    outline: (text) => (outline ??= fontOutliner(parseFont(fonts.gothicBold) as Parameters<typeof fontOutliner>[0]))(text),
    font: (key) => parseFont(fonts[key]) as EmbeddableFont,
    print: (doc) => print(doc, { fonts, finishedLines: options.finishedLines ?? true }),
  };
}

const shared = new WeakMap<FontBuffers, PdfEngine>();

/** The engine with default options for these fonts: one per fonts object, so every caller shares its parses. */
export function pdfEngine(fonts: FontBuffers): PdfEngine {
  let e = shared.get(fonts);
  if (!e) shared.set(fonts, (e = createPdfEngine(fonts)));
  return e;
}
