import { charClass, CL, noLineEnd, noLineStart } from './japanese/classes.js';
import { lineText, type SetLine } from './japanese/breakLines.js';

/** Quality of one document's text setting, counted from the lines as set. */
export interface TypesetReport {
  lines: number;
  paragraphs: number;
  /** Lines that begin with a character JLReq forbids there (must be 0). */
  lineStartViolations: number;
  /** Lines that end with an opening bracket (must be 0). */
  lineEndViolations: number;
  /** A number broken from its digits or unit across lines (must be 0). */
  numberSplits: number;
  /** Largest even spread added between the characters of a justified line, in em. */
  maxStretchEm: number;
  /** The worst few lines, for a look: the text and its stretch. */
  examples: { text: string; stretchEm: number }[];
}

export function emptyReport(): TypesetReport {
  return { lines: 0, paragraphs: 0, lineStartViolations: 0, lineEndViolations: 0, numberSplits: 0, maxStretchEm: 0, examples: [] };
}

const isDigit = (cp: number) => charClass(cp) === CL.DIGIT || charClass(cp) === CL.FW_DIGIT;

/** Adds one paragraph's lines to the report. */
export function recordParagraph(report: TypesetReport, lines: readonly SetLine[], fontSize: number): void {
  report.paragraphs += 1;
  report.lines += lines.length;
  lines.forEach((line, i) => {
    const text = [...lineText(line)];
    const first = text[0]?.codePointAt(0);
    const last = text[text.length - 1]?.codePointAt(0);
    if (i > 0 && first !== undefined && noLineStart(charClass(first))) report.lineStartViolations += 1;
    if (i < lines.length - 1 && last !== undefined && noLineEnd(charClass(last))) report.lineEndViolations += 1;
    const next = lines[i + 1] ? [...lineText(lines[i + 1]!)][0]?.codePointAt(0) : undefined;
    if (last !== undefined && next !== undefined && isDigit(last) && (isDigit(next) || /[年度月日号倍人件回円%％階]/u.test(String.fromCodePoint(next)))) {
      report.numberSplits += 1;
    }
    // The even spread of a line is the spacing of its longest run: short runs carry the
    // quarter em between Japanese and Latin text, which is spacing but not stretch.
    const longest = line.runs
      .filter((r) => [...r.text].length >= 3)
      .reduce<{ text: string; spacing: number } | undefined>((a, r) => (!a || r.text.length > a.text.length ? r : a), undefined);
    const stretch = Math.max(0, longest?.spacing ?? 0) / fontSize;
    if (stretch > report.maxStretchEm) report.maxStretchEm = Math.round(stretch * 1000) / 1000;
    if (stretch > 0.1) {
      report.examples.push({ text: text.join(''), stretchEm: Math.round(stretch * 1000) / 1000 });
      report.examples.sort((a, b) => b.stretchEm - a.stretchEm);
      report.examples.length = Math.min(report.examples.length, 5);
    }
  });
}
