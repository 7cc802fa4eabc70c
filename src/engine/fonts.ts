// The only fonts the booklet uses. Names are virtual file names inside pdfmake's
// in-memory file system, so no document ever reads a font from disk by itself.
export const FONT_FILES = {
  gothic: 'BIZUDGothic-Regular.ttf',
  gothicBold: 'BIZUDGothic-Bold.ttf',
  mincho: 'BIZUDMincho-Regular.ttf',
} as const;

export type FontFileKey = keyof typeof FONT_FILES;

/** The bytes of each font file, as resources read them. */
export type FontBuffers = Readonly<Record<FontFileKey, Uint8Array>>;

/**
 * pdfmake families. Mincho has no bold face and pdfkit does not synthesise one, so bold
 * Mincho is set in Gothic Bold, which is also how Japanese print marks emphasis.
 */
export const FONT_FAMILIES = {
  Gothic: { normal: FONT_FILES.gothic, bold: FONT_FILES.gothicBold, italics: FONT_FILES.gothic, bolditalics: FONT_FILES.gothicBold },
  Mincho: { normal: FONT_FILES.mincho, bold: FONT_FILES.gothicBold, italics: FONT_FILES.mincho, bolditalics: FONT_FILES.gothicBold },
} as const;

/** The faces text is set in; bold is always Gothic Bold. */
export type FontFamily = keyof typeof FONT_FAMILIES;

/** The file of a family's face. */
export function faceOf(family: FontFamily, bold: boolean): FontFileKey {
  return bold ? 'gothicBold' : family === 'Mincho' ? 'mincho' : 'gothic';
}

/** A parsed font as far as embedding a subset of it goes (the press step embeds its own). */
export interface EmbeddableFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { readonly id: number; readonly advanceWidth: number };
  createSubset(): { includeGlyph(glyph: number): number; readonly glyphs: readonly number[]; encode(): Uint8Array };
}
