// Pure formatting helpers available to templates. They return plain strings, which
// Handlebars then escapes like any other value.

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 1234567 → "1,234,567". Locale is fixed so output never depends on the machine. */
export function formatNumber(n: unknown): string {
  return typeof n === 'number' ? grouping.format(n) : String(n ?? '');
}

/** Indicator values are numbers or short texts such as 策定. */
export function formatValue(v: unknown, unit: unknown): string {
  if (typeof v === 'number') return `${formatNumber(v)}${typeof unit === 'string' ? unit : ''}`;
  return String(v ?? '');
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

export const helpers = {
  number: formatNumber,
  value: formatValue,
  fy: fiscalYearSuffix,
  join: joinList,
  pad2,
  eq: (a: unknown, b: unknown) => a === b,
  or: (a: unknown, b: unknown) => Boolean(a) || Boolean(b),
} as const;
