import { charClass, CL, isTrailingMarkOrSpace, noLineEnd, noLineStart } from './japanese/classes.js';
import { lineText, type SetLine } from './japanese/breakLines.js';

/** Quality of one document's text setting, counted from the lines as set. */
export interface TypesetReport {
  lines: number;
  paragraphs: number;
  /** Paragraphs of two lines or more whose last line holds one or two letters (「す。」). */
  shortLastLines: number;
  /** Lines that begin with a character JLReq forbids there (must be 0). */
  lineStartViolations: number;
  /** Lines that end with an opening bracket (must be 0). */
  lineEndViolations: number;
  /** A number broken from its digits or unit across lines (must be 0). */
  numberSplits: number;
  /** lineStartViolations + lineEndViolations + numberSplits. */
  violations: number;
  /** Largest em of punctuation blanks squeezed out of one line. */
  maxSqueezeEm: number;
  /** Largest even spread added between the characters of a justified line, in em. */
  maxStretchEm: number;
  /** The worst few lines, for a look: the text and its stretch. */
  examples: { text: string; stretchEm: number }[];
  /** The first few short last lines, with the line before them. */
  shortExamples: string[];
}

export function emptyReport(): TypesetReport {
  return {
    lines: 0,
    paragraphs: 0,
    shortLastLines: 0,
    lineStartViolations: 0,
    lineEndViolations: 0,
    numberSplits: 0,
    violations: 0,
    maxSqueezeEm: 0,
    maxStretchEm: 0,
    examples: [],
    shortExamples: [],
  };
}

const isDigit = (cp: number) => charClass(cp) === CL.DIGIT || charClass(cp) === CL.FW_DIGIT;
const round3 = (em: number): number => Math.round(em * 1000) / 1000;

/** What one paragraph adds to a report: found once per set of lines, which recur (typeset/japanese/setBefore.ts). */
interface ParagraphFindings {
  readonly shortLast: string | undefined;
  readonly lineStartViolations: number;
  readonly lineEndViolations: number;
  readonly numberSplits: number;
  readonly maxSqueezeEm: number;
  readonly maxStretchEm: number;
  /** Lines stretched more than 0.1 em, in order. */
  readonly stretched: readonly { text: string; stretchEm: number }[];
}
const findingsOf = new WeakMap<readonly SetLine[], ParagraphFindings>();

function findings(lines: readonly SetLine[]): ParagraphFindings {
  let shortLast: string | undefined;
  if (lines.length > 1) {
    const last = [...lineText(lines.at(-1)!)];
    if (last.filter((ch) => !isTrailingMarkOrSpace(charClass(ch.codePointAt(0)!))).length <= 2) shortLast = `${lineText(lines.at(-2)!)} / ${last.join('')}`;
  }
  let lineStartViolations = 0;
  let lineEndViolations = 0;
  let numberSplits = 0;
  let maxSqueezeEm = 0;
  let maxStretchEm = 0;
  const stretched: { text: string; stretchEm: number }[] = [];
  lines.forEach((line, i) => {
    const text = [...lineText(line)];
    const first = text[0]?.codePointAt(0);
    const last = text[text.length - 1]?.codePointAt(0);
    if (i > 0 && first !== undefined && noLineStart(charClass(first))) lineStartViolations += 1;
    if (i < lines.length - 1 && last !== undefined && noLineEnd(charClass(last))) lineEndViolations += 1;
    const next = lines[i + 1] ? [...lineText(lines[i + 1]!)][0]?.codePointAt(0) : undefined;
    if (last !== undefined && next !== undefined && isDigit(last) && (isDigit(next) || /[年度月日号倍人件回円%％階]/u.test(String.fromCodePoint(next)))) {
      numberSplits += 1;
    }
    maxSqueezeEm = Math.max(maxSqueezeEm, round3(line.squeeze ?? 0));
    const stretch = line.spread ?? 0;
    maxStretchEm = Math.max(maxStretchEm, round3(stretch));
    if (stretch > 0.1) stretched.push({ text: text.join(''), stretchEm: round3(stretch) });
  });
  return { shortLast, lineStartViolations, lineEndViolations, numberSplits, maxSqueezeEm, maxStretchEm, stretched };
}

/** Adds one paragraph's lines to the report. */
export function recordParagraph(report: TypesetReport, lines: readonly SetLine[]): void {
  let f = findingsOf.get(lines);
  if (!f) findingsOf.set(lines, (f = findings(lines)));
  report.paragraphs += 1;
  report.lines += lines.length;
  if (f.shortLast !== undefined) {
    report.shortLastLines += 1;
    if (report.shortExamples.length < 5) report.shortExamples.push(f.shortLast);
  }
  report.lineStartViolations += f.lineStartViolations;
  report.lineEndViolations += f.lineEndViolations;
  report.numberSplits += f.numberSplits;
  report.maxSqueezeEm = Math.max(report.maxSqueezeEm, f.maxSqueezeEm);
  report.maxStretchEm = Math.max(report.maxStretchEm, f.maxStretchEm);
  for (const e of f.stretched) {
    report.examples.push({ ...e });
    report.examples.sort((a, b) => b.stretchEm - a.stretchEm);
    report.examples.length = Math.min(report.examples.length, 5);
  }
  report.violations = report.lineStartViolations + report.lineEndViolations + report.numberSplits;
}
