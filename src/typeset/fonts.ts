// The only fonts the booklet uses. Names are virtual file names inside pdfmake's
// in-memory file system, so no document ever reads a font from disk by itself.
export const FONT_FILES = {
  gothic: 'BIZUDGothic-Regular.ttf',
  gothicBold: 'BIZUDGothic-Bold.ttf',
  mincho: 'BIZUDMincho-Regular.ttf',
} as const;

export type FontFileKey = keyof typeof FONT_FILES;

/**
 * pdfmake families. Mincho has no bold face and pdfkit does not synthesise one, so bold
 * Mincho is set in Gothic Bold, which is also how Japanese print marks emphasis.
 */
export const FONT_FAMILIES = {
  Gothic: { normal: FONT_FILES.gothic, bold: FONT_FILES.gothicBold, italics: FONT_FILES.gothic, bolditalics: FONT_FILES.gothicBold },
  Mincho: { normal: FONT_FILES.mincho, bold: FONT_FILES.gothicBold, italics: FONT_FILES.mincho, bolditalics: FONT_FILES.gothicBold },
} as const;
