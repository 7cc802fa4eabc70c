// Glyph outlines (the 校正/見本 watermark is drawn as outlines, not text) and the node
// that draws one as a marked artifact (pdfmakePatches.ts: markArtifacts).

export interface PathCommand {
  readonly command: string;
  readonly args: readonly number[];
}

/** The glyphs of a text in font units (y up), as fontkit lays them out. */
export interface TextOutline {
  readonly unitsPerEm: number;
  readonly glyphs: readonly { readonly advanceWidth: number; readonly commands: readonly PathCommand[] }[];
}

/** The part of a fontkit font that outlines need. */
export interface OutlineFont {
  readonly unitsPerEm: number;
  layout(text: string): { glyphs: ArrayLike<{ advanceWidth: number; path: { commands: PathCommand[] } }> };
}

export function fontOutliner(font: OutlineFont): (text: string) => TextOutline {
  return (text) => ({
    unitsPerEm: font.unitsPerEm,
    glyphs: Array.from(font.layout(text).glyphs, (g) => ({ advanceWidth: g.advanceWidth, commands: g.path.commands })),
  });
}

/**
 * A filled path (SVG M/L/Q/C/Z in pdfmake's page space) that the engine draws once per
 * document as a form and marks on every page as a pagination artifact naming `word`:
 * not page text, yet a tool can tell which watermark a page carries.
 */
export interface ArtifactPath {
  readonly type: 'path';
  readonly d: string;
  /** #rrggbb */
  readonly color: string;
  readonly artifact: string;
}

export function artifactPath(d: string, color: string, word: string): ArtifactPath {
  return { type: 'path', d, color, artifact: word };
}
