// Pure formatting helpers available to templates. They return plain strings, which
// Handlebars then escapes like any other value.

// Every digit the editor wrote is printed: a target of 0.125 must not become 0.13.
const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

/** 1234567 → "1,234,567". Locale is fixed so output never depends on the machine. */
export function formatNumber(n: unknown): string {
  return typeof n === 'number' ? grouping.format(n) : String(n ?? '');
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
