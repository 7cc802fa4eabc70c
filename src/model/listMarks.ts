/**
 * The list marks a line of running text may start with (docs/data-format.md, 「箇条書き」).
 * A line that starts with one becomes a list item whose marker is the mark as written.
 * The set is deliberately narrow where a mark could also start ordinary text: `1.` only
 * when no digit follows (1.5倍 is text), ASCII dashes and asterisks only before a space,
 * single letters only in brackets or before `)`.
 */

/** Marks that need nothing after them: ・○● … and the numbers Unicode encloses (①, ⑴, ⒈, ❶, ㋐ …). */
const SINGLE =
  '・･○●◎◯〇◆◇■□▪▫★☆※•◦‣⁃▶▷►❖✓✔' +
  '\u2460-\u2473' + // ①–⑳
  '\u3251-\u325f' + // ㉑–㉟
  '\u32b1-\u32bf' + // ㊱–㊿
  '\u2474-\u2487' + // ⑴–⒇
  '\u2488-\u249b' + // ⒈–⒛
  '\u2776-\u277f' + // ❶–❿
  '\u2780-\u2789' + // ➀–➉
  '\u24eb-\u24f4' + // ⓫–⓴
  '\u32d0-\u32fe' + // ㋐–㋾
  '\u3220-\u3229' + // ㈠–㈩
  '\u3280-\u3289'; // ㊀–㊉

const DIGITS = '[0-9０-９]{1,3}';
const KATAKANA = '[ア-ンｱ-ﾝ]';
const LETTER = '[A-Za-zＡ-Ｚａ-ｚ]';
const KANJI_NUMBER = '[一二三四五六七八九十]{1,3}';
const ROMAN = '[\u2160-\u216b\u2170-\u217b]|[ivxIVX]{1,4}';

const PATTERNS: readonly RegExp[] = [
  new RegExp(`^[${SINGLE}]`, 'u'),
  // - item, * item, – item: only before a space, so -5℃ or *注 stay text.
  /^[-*–—−＊－](?=[ \t\u3000])/u,
  // (1) （１） (ア) (a) (一) (ⅱ)
  new RegExp(`^[(（][ \\u3000]?(?:${DIGITS}|${KATAKANA}|${LETTER}|${KANJI_NUMBER}|${ROMAN})[ \\u3000]?[)）]`, 'u'),
  // 1) １） ア） a)
  new RegExp(`^(?:${DIGITS}|${KATAKANA}|${LETTER})[)）]`, 'u'),
  // 1. １． ア．: not 1.5 (a decimal) and not 2020. (four digits are a year).
  new RegExp(`^(?:${DIGITS}|${KATAKANA})[.．](?![0-9０-９])`, 'u'),
  // Ⅰ．, Ⅱ　
  /^[\u2160-\u216b\u2170-\u217b](?=[.．\u3000 ])[.．]?/u,
  // 1　(a number and a full-width space, as outline numbering is typed in Japanese)
  /^[0-9０-９]{1,2}(?=\u3000)/u,
];

export interface ListMark {
  /** The mark as written, e.g. ・ or （1）. */
  readonly marker: string;
  /** The item's text after the mark and the spaces that follow it. */
  readonly text: string;
}

/** The list mark a (trimmed) line starts with, or undefined; a mark with no text after it is not an item. */
export function listMark(line: string): ListMark | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const marker = m[0].replace(/[ \u3000]+/gu, '');
    const text = line.slice(m[0].length).replace(/^[ \t\u3000]+/u, '');
    return text === '' ? undefined : { marker, text };
  }
  return undefined;
}
