// Pure formatting helpers available to templates. They return plain strings, which
// Handlebars then escapes like any other value.

// Every digit the editor wrote is printed: a target of 0.125 must not become 0.13.
// Made on first use: creating it is ~20 ms of every process, and most editions have only
// whole numbers, which group without it.
let grouping: Intl.NumberFormat | undefined;

/** 1234567 → "1,234,567". Locale is fixed so output never depends on the machine. */
export function formatNumber(n: unknown): string {
  if (typeof n !== 'number') return String(n ?? '');
  // The same digits as the formatter's for a whole number String() writes without an exponent (-0 aside).
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  grouping ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
  return grouping.format(n);
}

/**
 * Indicator values are numbers or short texts such as 約120 or 策定. The unit follows the
 * value either way (a text value that already ends with the unit is left as it is), so a
 * unit the editor wrote never disappears.
 */
export function formatValue(v: unknown, unit: unknown): string {
  const u = typeof unit === 'string' ? unit : '';
  if (typeof v === 'number') return `${formatNumber(v)}${u}`;
  const text = String(v ?? '');
  return u !== '' && !text.endsWith(u) && /\d$/.test(text) ? `${text}${u}` : text;
}

export function fiscalYearSuffix(year: unknown): string {
  return typeof year === 'number' ? `${year}年度` : '';
}

export function joinList(list: unknown, separator: unknown): string {
  return Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : '、') : '';
}

export function pad2(n: unknown): string {
  return String(n ?? '').padStart(2, '0');
}

/** A value the data gives, 0 included (Handlebars' own #if takes 0 for absent). */
export function has(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Handlebars passes its options object last: the arguments are everything before it. */
const args = (list: readonly unknown[]): readonly unknown[] => list.slice(0, -1);

export const helpers = {
  number: formatNumber,
  value: formatValue,
  fy: fiscalYearSuffix,
  join: joinList,
  pad2,
  has,
  eq: (a: unknown, b: unknown) => a === b,
  or: (...list: unknown[]) => args(list).some(Boolean),
} as const;
