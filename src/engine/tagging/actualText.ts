/**
 * Text extractors read a gap between two glyphs wider than about a tenth of an em as a
 * space (pdftotext at 0.1 em, pdf.js at 0.102 em). The quarter em the line breaker sets
 * between Japanese and Latin letters or digits (令和2年度, 第5次) is such a gap: it is
 * spacing, not a character. A finished line with a gap that wide is drawn inside a Span
 * whose ActualText is the line's characters, so search and copy get 令和2年度 whole.
 */
import type { FinishedRun } from '../finishedLines.js';

/** Below what extractors read as a space, with a margin. */
const SPACE_LIKE = 0.09;

interface Inline {
  readonly text: string;
  readonly fontSize?: unknown;
  readonly _runs?: readonly FinishedRun[];
}

/** The line's text when one of its gaps would read as a space; otherwise undefined. */
export function actualTextOf(inlines: readonly Inline[]): string | undefined {
  const first = inlines[0];
  const runs = first?._runs;
  if (inlines.length !== 1 || !runs || typeof first.fontSize !== 'number') return undefined;
  const limit = SPACE_LIKE * first.fontSize;
  const wide = runs.some((r, i) => (i > 0 && r.gapBefore - (runs[i - 1]?.spacing ?? 0) > limit) || r.spacing > limit);
  return wide ? runs.map((r) => r.text).join('') : undefined;
}

/** A PDF text string in UTF-16BE hex, as PDF/A asks for text outside Latin-1. */
export function pdfTextString(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

