import { charPosition } from './charPosition.js';
import { compositions } from './composeText.js';
import type { Diagnostic } from './diagnostic.js';
import { formatPath, type DataPath } from './formatPath.js';
import type { ParsedYaml } from './parseYaml.js';
import { forEachScalarValue } from './scalarValues.js';

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const codePoints = (s: string) => [...s].map((c) => hex(c.codePointAt(0)!)).join(' + ');

/** Half-width katakana and the half-width 。「」、・ of the same block. */
const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]+/g;

/**
 * Pure: warnings for text that prints, but not as the writer meant:
 * - decomposed characters (か + U+3099 from some systems' copy and paste), which are
 *   printed composed (see composeText): the data should say what is printed;
 * - half-width katakana (ｶﾞｲﾄﾞ) and their ｡｢｣､･, which official documents write
 *   full-width (ガイド 。「」、・).
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
  });
  return out;
}

const needsWarning = (s: string) => s.normalize('NFC') !== s || HALF_WIDTH_KANA_TEST.test(s);
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
