/**
 * The number a person meant when they wrote it as text: `１２３`, `1,234`,
 * `1億2千万`, `58人`. Used only to suggest the plain number in an error
 * message; the data itself must still be written as a number.
 */
export function numberFromText(input: string): number | undefined {
  // NFKC turns full-width digits, commas and periods into ASCII ones.
  const s = input
    .normalize('NFKC')
    .replace(/[\s,]/g, '')
    .replace(/(円|人|名)$/u, '');
  if (s === '') return undefined;
  const token = /(\d+(?:\.\d+)?)|([〇零一二三四五六七八九])|([十百千])|([万億兆])/gy;
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let end = 0;
  for (let m = token.exec(s); m !== null; m = token.exec(s)) {
    end = token.lastIndex;
    const [, digits, kanjiDigit, small, big] = m;
    if (digits !== undefined) current = Number(digits);
    else if (kanjiDigit !== undefined) current = (current ?? 0) * 10 + KANJI_DIGITS.indexOf(kanjiDigit) % 10;
    else if (small !== undefined) {
      section += (current ?? 1) * SMALL_UNITS[small]!;
      current = undefined;
    } else if (big !== undefined) {
      total += (section + (current ?? 0) || 1) * BIG_UNITS[big]!;
      section = 0;
      current = undefined;
    }
  }
  if (end !== s.length) return undefined;
  const value = Math.round(total + section + (current ?? 0));
  return Number.isSafeInteger(value) ? value : undefined;
}

// 〇 and 零 are both zero: index % 10 maps 零 (index 10) to 0.
const KANJI_DIGITS = '〇一二三四五六七八九零';
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 億: 1e8, 兆: 1e12 };

/**
 * `令和4`, `令和4年度`, `平成31年` → the Western year. Year fields want 2022,
 * and an era year is the commonest thing people write instead.
 */
export function yearFromEra(input: string): number | undefined {
  const m = /^(令和|平成|昭和)\s*(\d+|元)\s*年?度?$/u.exec(input.normalize('NFKC').trim());
  if (!m) return undefined;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  return ERA_START[m[1]!]! - 1 + n;
}

const ERA_START: Record<string, number> = { 令和: 2019, 平成: 1989, 昭和: 1926 };
