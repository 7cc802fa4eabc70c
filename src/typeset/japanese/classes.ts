/**
 * JLReq / JIS X 4051 character classes, reduced to what line breaking and
 * justification need. Numbers follow JLReq's cl-NN where there is one.
 */

export const CL = {
  OPENING: 1, // cl-01 opening brackets
  CLOSING: 2, // cl-02 closing brackets
  HYPHEN: 3, // cl-03 hyphens
  DIVIDING: 4, // cl-04 dividing punctuation ！？
  MIDDLE_DOT: 5, // cl-05 middle dots ・：；
  FULL_STOP: 6, // cl-06 full stops 。．
  COMMA: 7, // cl-07 commas 、，
  INSEPARABLE: 8, // cl-08 ―…‥
  ITERATION: 9, // cl-09 iteration marks
  PROLONGED: 10, // cl-10 prolonged sound mark ー
  SMALL_KANA: 11, // cl-11 small kana
  HIRAGANA: 15, // cl-15
  KATAKANA: 16, // cl-16
  IDEOGRAPH: 19, // cl-19 kanji
  IDEO_SPACE: 14, // U+3000
  DIGIT: 24, // ASCII digits (Western)
  LATIN: 27, // Western letters and Western symbols that sit in words
  LATIN_PUNCT: 28, // other ASCII/Latin-1 printable punctuation (- / ' " etc.)
  SPACE: 30, // U+0020 and other breaking spaces
  FW_DIGIT: 31, // full-width digits ０-９
  FW_LATIN: 32, // full-width letters Ａ-Ｚ ａ-ｚ
  CIRCLED: 33, // circled / parenthesised numbers ①–⑳ etc.
  OTHER: 40, // everything else (symbols such as ☎ ※ ○, hangul, ...)
} as const;
export type CharClass = (typeof CL)[keyof typeof CL];

const table = new Map<number, CharClass>();
function put(chars: string, cls: CharClass): void {
  for (const ch of chars) table.set(ch.codePointAt(0)!, cls);
}
put('「『（［｛〔〈《【〘〖‘“([{｟«｢〝', CL.OPENING);
put('」』）］｝〕〉》】〙〗’”)]}｠»｣〟', CL.CLOSING);
put('‐〜゠–～', CL.HYPHEN);
put('！？‼⁇⁈⁉!?', CL.DIVIDING);
put('・：；:;･', CL.MIDDLE_DOT);
put('。．.｡', CL.FULL_STOP);
put('、，,､', CL.COMMA);
put('―—…‥〳〴〵', CL.INSEPARABLE);
put('ゝゞヽヾ々〻', CL.ITERATION);
put('ー', CL.PROLONGED);
put('ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ', CL.SMALL_KANA);
put('　', CL.IDEO_SPACE);
put(' \t', CL.SPACE);
put('%&@#$€£¥+=*°‰', CL.LATIN);

export function charClass(cp: number): CharClass {
  const t = table.get(cp);
  if (t !== undefined) return t;
  if (cp >= 0x30 && cp <= 0x39) return CL.DIGIT;
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return CL.LATIN;
  if (cp >= 0x21 && cp <= 0x7e) return CL.LATIN_PUNCT;
  if (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) return CL.LATIN;
  if (cp >= 0xa1 && cp <= 0xbf) return CL.LATIN_PUNCT;
  if (cp >= 0x31f0 && cp <= 0x31ff) return CL.SMALL_KANA; // ㇰ-ㇿ
  if (cp >= 0x3041 && cp <= 0x309f) return CL.HIRAGANA;
  if (cp >= 0x30a0 && cp <= 0x30ff) return CL.KATAKANA;
  if (cp >= 0xff66 && cp <= 0xff9f) return CL.KATAKANA; // half-width katakana
  if (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    cp === 0x3007 || cp === 0x3006 // 〇 〆
  )
    return CL.IDEOGRAPH;
  if (cp >= 0xff10 && cp <= 0xff19) return CL.FW_DIGIT;
  if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return CL.FW_LATIN;
  if (
    (cp >= 0x2460 && cp <= 0x249b) || // ①-⑳ ⑴-⒇ ⒈-⒛
    (cp >= 0x24ea && cp <= 0x24ff) || // ⓪ ⓫-⓿
    (cp >= 0x2776 && cp <= 0x2793) || // ❶-➓
    (cp >= 0x3251 && cp <= 0x325f) || // ㉑-㉟
    (cp >= 0x32b1 && cp <= 0x32bf) // ㊱-㊿
  )
    return CL.CIRCLED;
  if (cp === 0x2002 || cp === 0x2003 || cp === 0x2009 || cp === 0x200a || cp === 0x2007 || cp === 0x2008)
    return CL.SPACE;
  return CL.OTHER;
}

/** JLReq: may not start a line (cl-02..07, 09, 10, 11). */
export function noLineStart(c: CharClass): boolean {
  return (
    c === CL.CLOSING || c === CL.HYPHEN || c === CL.DIVIDING || c === CL.MIDDLE_DOT ||
    c === CL.FULL_STOP || c === CL.COMMA || c === CL.ITERATION || c === CL.PROLONGED ||
    c === CL.SMALL_KANA
  );
}
/** JLReq: may not end a line (cl-01). */
export function noLineEnd(c: CharClass): boolean {
  return c === CL.OPENING;
}
/** Japanese characters that take a quarter em next to Western letters/digits. */
export function isJapaneseLetter(c: CharClass): boolean {
  return (
    c === CL.IDEOGRAPH || c === CL.HIRAGANA || c === CL.KATAKANA || c === CL.SMALL_KANA ||
    c === CL.PROLONGED || c === CL.ITERATION
  );
}
/** Western letters, digits and word symbols (side of the quarter em). */
export function isWesternLetter(c: CharClass): boolean {
  return c === CL.LATIN || c === CL.DIGIT;
}
/** Characters that belong to an unbreakable Western word. */
export function isWesternWord(c: CharClass, cp: number): boolean {
  if (c === CL.LATIN || c === CL.DIGIT || c === CL.LATIN_PUNCT) return true;
  // ASCII punctuation that JLReq classes as cl-04..07 still belongs to a word ("e.g.", "10:00").
  return cp < 0x80 && cp > 0x20 && c !== CL.OPENING && c !== CL.CLOSING;
}
/** Punctuation that follows a letter (closing marks, 、。, ・：；, ！？) and spaces: not "text" when counting what a line holds. */
export function isTrailingMarkOrSpace(c: CharClass): boolean {
  return c === CL.CLOSING || c === CL.FULL_STOP || c === CL.COMMA || c === CL.MIDDLE_DOT || c === CL.DIVIDING || c === CL.SPACE;
}
export function isDigit(c: CharClass): boolean {
  return c === CL.DIGIT || c === CL.FW_DIGIT;
}

/**
 * Compressible blank of a full-width punctuation mark, in em: how much of its
 * advance is empty before / after the ink. Zero for proportional or half-width marks.
 */
export function blanks(c: CharClass, advanceEm: number): { before: number; after: number } {
  if (advanceEm < 0.99) return NONE;
  switch (c) {
    case CL.OPENING:
      return OPEN;
    case CL.CLOSING:
    case CL.FULL_STOP:
    case CL.COMMA:
      return CLOSE;
    case CL.MIDDLE_DOT:
      return DOT;
    default:
      return NONE;
  }
}
const NONE = { before: 0, after: 0 } as const;
const OPEN = { before: 0.5, after: 0 } as const;
const CLOSE = { before: 0, after: 0.5 } as const;
const DOT = { before: 0.25, after: 0.25 } as const;

/** Characters that extend the previous cluster (combining marks, variation selectors, ZWJ). */
export function isExtender(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) || cp === 0x3099 || cp === 0x309a || cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}
