import { charPosition } from './charPosition.js';
import { compositions } from './composeText.js';
import type { Diagnostic } from './diagnostic.js';
import { formatPath, type DataPath } from './formatPath.js';
import type { ParsedYaml } from './parseYaml.js';
import { forEachScalarValue } from './scalarValues.js';
import { joinedLineBreaks } from './charPosition.js';
import { isRunningText } from './runningText.js';

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const codePoints = (s: string) => [...s].map((c) => hex(c.codePointAt(0)!)).join(' + ');

/** Half-width katakana and the half-width 。「」、・ of the same block. */
const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]+/g;

/** Kanji, kana and the full-width punctuation written between them (、。「」（）・ …). */
const JAPANESE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々〆\\u3001-\\u3003\\u3008-\\u3011\\u3014-\\u301F\\u30FB\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\uFF9E\\uFF9F';
/**
 * A run of spaces between two Japanese characters, on one line. Japanese is set without
 * spaces, so a half-width one there is a stray (施策 の推進) and a full-width one right after
 * 、 or 。 doubles the space the mark already has; a full-width space between words is a
 * separator an editor writes on purpose (米子市　総務部) and is left alone, as is a space
 * next to Latin letters or digits (DX 推進, 5 km).
 */
const SPACE_BETWEEN = new RegExp(`(?<=[${JAPANESE}])[ \\t\\u3000]+(?=[${JAPANESE}])`, 'gu');
const SPACE_TEST = new RegExp(`[${JAPANESE}][ \\t\\u3000]+[${JAPANESE}]|^[ \\t\\u3000]|[ \\t\\u3000]$`, 'u');

/**
 * Pure: warnings for text that prints, but not as the writer meant:
 * - decomposed characters (か + U+3099 from some systems' copy and paste), which are
 *   printed composed (see composeText): the data should say what is printed;
 * - half-width katakana (ｶﾞｲﾄﾞ) and their ｡｢｣､･, which official documents write
 *   full-width (ガイド 。「」、・);
 * - a stray space: a half-width one between Japanese characters, a full-width one after
 *   、 or 。 (see SPACE_BETWEEN), a space at either end of a one-line text (a quoted
 *   title keeps it). Spaces YAML made from a line break are named by the model's notes.
 * Each is placed on its own character, also inside block and folded texts.
 */
export function textWarnings(parsed: ParsedYaml): Diagnostic[] {
  // Nearly every file has nothing to warn about: its data says so without the document's places.
  if (parsed.data && !someText(parsed.data.value, needsWarning)) return [];
  const out: Diagnostic[] = [];
  forEachScalarValue(parsed.doc, (path, node) => {
    const value = node.value;
    if (typeof value !== 'string') return;
    const warn = (index: number, message: string) => {
      const at = charPosition(parsed, node, index) ?? { line: 1, column: 1 };
      out.push({ file: parsed.file, ...at, severity: 'warning', message: prefix(path, message) });
    };
    const { composed, changes } = compositions(value);
    const said = new Set<string>();
    for (const c of changes) {
      if (said.has(c.raw)) continue;
      said.add(c.raw);
      warn(c.index, composedMessage(c.raw, c.composed));
    }
    for (const m of composed.matchAll(HALF_WIDTH_KANA)) {
      if (said.has(m[0])) continue;
      said.add(m[0]);
      warn(m.index, halfWidthMessage(m[0]));
    }
    if (SPACE_TEST.test(composed)) for (const s of straySpaces(composed, path, () => joinedLineBreaks(parsed.text, node))) warn(s.index, s.message);
  });
  return out;
}

/**
 * The stray spaces of one text value, each kind named once on its first place (with how
 * many more the text has); `folded` gives the spaces YAML made from line breaks.
 */
function straySpaces(text: string, path: DataPath, folded: () => number[]): { index: number; message: string }[] {
  const halfWidth: { index: number; seen: string }[] = [];
  const afterMark: { index: number; seen: string; mark: string }[] = [];
  let joined: Set<number> | undefined;
  for (const m of text.matchAll(SPACE_BETWEEN)) {
    const run = m[0];
    const before = text[m.index - 1]!;
    const half = /[ \t]/.test(run);
    // After a full-width colon the space is more likely a mistyped key (title： 基本), which
    // is an error of its own.
    if ((!half && !/[、。，．]/.test(before)) || /[：；]/.test(before)) continue;
    // The space after a list mark that starts a line (・ 項目, （１） 項目) is not printed.
    if (LIST_MARK_BEFORE.test(text.slice(lineStartOf(text, m.index), m.index))) continue;
    joined ??= new Set(folded());
    if (joined.has(m.index)) continue;
    const seen = aroundOnItsLine(text, m.index, m.index + run.length);
    if (half) halfWidth.push({ index: m.index, seen });
    else afterMark.push({ index: m.index, seen, mark: before });
  }
  const out: { index: number; message: string }[] = [];
  if (halfWidth[0]) out.push({ index: halfWidth[0].index, message: halfWidthSpaceMessage(halfWidth[0].seen, halfWidth.length - 1) });
  if (afterMark[0]) out.push({ index: afterMark[0].index, message: spaceAfterMarkMessage(afterMark[0].seen, afterMark[0].mark, afterMark.length - 1) });
  // A one-line text is printed as it is, a quoted one with the spaces at its ends; in a
  // running text a line's leading full-width space is the paragraph indent.
  if (!isRunningText(path) && !/[\r\n]/.test(text)) {
    const lead = /^[ \t\u3000]+/.exec(text);
    const trail = /[ \t\u3000]+$/.exec(text);
    if (lead && lead[0].length < text.length) out.push({ index: 0, message: endSpaceMessage('start') });
    if (trail && trail.index > 0) out.push({ index: trail.index, message: endSpaceMessage('end') });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** A line's start up to a space that is a list mark: one character, or a short number or kana in brackets or before ）．. */
const LIST_MARK_BEFORE = /^[ \t\u3000]*(?:\S|[(（][^)）\s]{1,3}[)）]|[^\s]{1,3}[)）．.])$/u;

const more = (n: number) => ({ ja: n > 0 ? `（ほか${n}か所も同様）` : '', en: n > 0 ? ` (and ${n} more in this text)` : '' });

/** Where the line holding `text[at]` starts (after LF, CR or CRLF). */
function lineStartOf(text: string, at: number): number {
  return Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
}

/** `text[from, to)` with up to two characters either side, on the same line. */
function aroundOnItsLine(text: string, from: number, to: number): string {
  const lineStart = lineStartOf(text, from);
  const lineEnd = [text.indexOf('\n', to), text.indexOf('\r', to), text.length].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b));
  return text.slice(Math.max(lineStart, from - 2), Math.min(lineEnd, to + 2));
}

function halfWidthSpaceMessage(seen: string, others: number): string {
  const m = more(others);
  return (
    `日本語の間に半角スペースがあります（「${seen}」）${m.ja}。空きとして印刷されます。不要なら削除し、区切りの空きなら全角スペース「　」を書いてください / ` +
    `a half-width space between Japanese characters (「${seen}」)${m.en} prints as a gap; delete it, or write a full-width space 「　」 where a gap is meant`
  );
}

function spaceAfterMarkMessage(seen: string, mark: string, others: number): string {
  const m = more(others);
  return (
    `「${mark}」の後に全角スペースがあります（「${seen}」）${m.ja}。「${mark}」の空きに重なって印刷されます。削除してください / ` +
    `a full-width space after 「${mark}」 (「${seen}」)${m.en} prints a second gap after the mark's own; delete it`
  );
}

function endSpaceMessage(where: 'start' | 'end'): string {
  const [ja, en] = where === 'start' ? ['先頭', 'starts'] : ['末尾', 'ends'];
  return `${ja}に空白があります。そのまま印刷されるので、削除してください / the text ${en} with a space, which prints; delete it`;
}

const needsWarning = (s: string) => s.normalize('NFC') !== s || HALF_WIDTH_KANA_TEST.test(s) || SPACE_TEST.test(s);
const HALF_WIDTH_KANA_TEST = /[\uFF61-\uFF9F]/;

/** Whether some text value of plain data (keys aside) passes `test`; a list or map an alias reaches again (even inside itself) is looked at once. */
function someText(value: unknown, test: (s: string) => boolean, seen = new Set<object>()): boolean {
  if (typeof value === 'string') return test(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((v) => someText(v, test, seen));
}

const KANA_MARKS: Readonly<Record<string, { ja: string; en: string }>> = {
  '\u3099': { ja: '濁点', en: 'COMBINING VOICED SOUND MARK' },
  '\u309A': { ja: '半濁点', en: 'COMBINING SEMI-VOICED SOUND MARK' },
};

function composedMessage(raw: string, composed: string): string {
  const [base, mark, ...more] = [...raw];
  const kana = mark !== undefined && more.length === 0 ? KANA_MARKS[mark] : undefined;
  const printed = `「${composed}」（${codePoints(composed)}）`;
  if (kana && base !== undefined) {
    return (
      `「${composed}」が「${base}」と${kana.ja}（${hex(mark!.codePointAt(0)!)}）の2文字に分かれています。${printed}として印刷します。「${composed}」と打ち直してください / ` +
      `「${composed}」 is written as two characters, 「${base}」 + ${hex(mark!.codePointAt(0)!)} ${kana.en} (as pasted from some systems); ` +
      `it is printed as 「${composed}」 (${codePoints(composed)}); retype it`
    );
  }
  return (
    `「${composed}」が分解された形（${codePoints(raw)}）で書かれています。${printed}として印刷します。「${composed}」と打ち直してください / ` +
    `「${composed}」 is written decomposed (${codePoints(raw)}), as some systems paste it; it is printed as 「${composed}」 (${codePoints(composed)}); retype it`
  );
}

function halfWidthMessage(run: string): string {
  // NFKC joins ｶ + ﾞ into ガ, which is what a reader expects.
  const full = run.normalize('NFKC');
  // ｡｢｣､･ alone are punctuation of the same block, not katakana.
  const [ja, en] = /[\uFF66-\uFF9F]/.test(run) ? ['半角カタカナ', 'half-width katakana'] : ['半角の記号', 'half-width punctuation'];
  return `${ja}「${run}」があります。全角の「${full}」と書いてください / ${en} 「${run}」; write it full-width: 「${full}」`;
}

function prefix(path: DataPath, message: string): string {
  return path.length === 0 ? message : `${formatPath(path)}: ${message}`;
}
