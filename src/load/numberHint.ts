/**
 * The number a person meant when they wrote it as text: `１２３`, `1,234`,
 * `1億2千万`, `58人`. Used only to suggest the plain number in an error
 * message; the data itself must still be written as a number.
 */
export function numberFromText(input: string): number | undefined {
  // NFKC turns full-width digits, commas and periods into ASCII ones.
  const s = input
    .normalize('NFKC')
    .replace(/[\s,_]/g, '')
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

// The digits a number prints with, less the grouping commas (as render's formatter); made
// when first needed, as a formatter costs tens of milliseconds and most loads need none.
let digits: Intl.NumberFormat | undefined;

/** `n` as the booklet prints it, without grouping: 0x1F → "31"; undefined for ±∞ and NaN. */
export function printedDigits(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  digits ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return digits.format(n);
}

/**
 * Why the number YAML read from `written` will not print as written, and what to write
 * instead, as far as the field takes it (`fits`): the text in quotes, the plain number.
 * Undefined when the field refuses the number read: nothing is printed then, and what
 * the field wants is the message (text for 0215 as an extension, a whole number for 1.50
 * as a staff count).
 */
export function numberFormHint(written: string, n: number, fits: (value: unknown) => boolean): string | undefined {
  const why = numberFormReason(written, n);
  const quote = `"${written}"`;
  const asText = fits(written);
  const asNumber = why.plain !== undefined && fits(Number(why.plain));
  if (!fits(n)) return undefined;
  const ja: string[] = [`「${written}」は${why.ja}`];
  const en: string[] = [`${written} ${why.en}`];
  if (asText) {
    ja.push(`書いたとおりに印刷するには ${quote} のように引用符で囲んでください`);
    en.push(`to print it as written, put it in quotes: ${quote}`);
  }
  if (asNumber) {
    ja.push(`数値なら ${why.plain} と書いてください`);
    en.push(`as a number write ${why.plain}`);
  }
  return `${ja.join('。')} / ${en.join('; ')}`;
}

interface Reason {
  ja: string;
  en: string;
  /** The number written plainly, when there is one to suggest. */
  plain?: string;
}

function numberFormReason(written: string, n: number): Reason {
  const printed = printedDigits(n);
  if (printed === undefined) {
    return { ja: '無限大または非数（NaN）と読まれます', en: 'is read as infinity or not-a-number' };
  }
  const body = written.replace(/^[-+]/, '');
  // The plain form is suggested only when it is the same number (3e-323 prints as 0: it is not).
  const becomes = (ja: string, en: string): Reason => ({ ja, en, ...(Number(printed) === n ? { plain: printed } : {}) });
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    return {
      ja: `桁が多すぎて正確に扱えません（${printed} になります。整数は ${Number.MAX_SAFE_INTEGER} まで）`,
      en: `has too many digits to be kept exactly (it becomes ${printed}; whole numbers go up to ${Number.MAX_SAFE_INTEGER})`,
    };
  }
  if (/^0x/.test(body)) return becomes(`16進数として ${printed} と読まれます`, `is read as hexadecimal, ${printed}`);
  if (/^0o/.test(body)) return becomes(`8進数として ${printed} と読まれます`, `is read as octal, ${printed}`);
  if (/e/i.test(body)) return becomes(`指数表記として ${printed} と読まれます`, `is read as a power of ten, ${printed}`);
  if (/^0\d/.test(body)) return becomes(`先頭の0が消えて ${printed} と印刷されます`, `prints as ${printed}, without its leading zero`);
  if (/\.\d*0$|\.$/.test(body)) {
    return becomes(`末尾の0や小数点が消えて ${printed} と印刷されます`, `prints as ${printed}, without its trailing zeros or point`);
  }
  if (body.startsWith('.')) return becomes(`小数点の前に0が補われて ${printed} と印刷されます`, `prints as ${printed}`);
  if (written.startsWith('+')) return becomes(`「+」が消えて ${printed} と印刷されます`, `prints as ${printed}, without its + sign`);
  // A plain decimal that still does not print as written has more digits than a double holds.
  return { ja: `桁が多すぎて ${printed} に丸められます`, en: `has more digits than can be kept; it becomes ${printed}` };
}

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
