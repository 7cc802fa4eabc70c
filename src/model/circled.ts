// Unicode has circled numbers in three blocks: ①–⑳ (U+2460), ㉑–㉟ (U+3251), ㊱–㊿ (U+32B1).
// BIZ UD fonts cover all three; past 50 there is no character, so the number is bracketed.
export function circledNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`circled numbers start at 1, got ${n}`);
  if (n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}
