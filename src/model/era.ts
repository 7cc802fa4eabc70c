/**
 * Japanese era labels for a fiscal year (April to March). Municipal documents label a
 * fiscal year with the era of its calendar year: FY2019 began in 平成31年 April, yet the
 * city's documents call it 令和元年度 because the era changed within it (1 May 2019).
 * Editions that printed 平成31年度 set `eraLabel` in the data instead.
 */
interface Era {
  readonly name: string;
  /** The first calendar year counted as year 1 (元年) of this era for fiscal-year labels. */
  readonly firstYear: number;
}

// Newest first; a fiscal year takes the newest era whose 元年 is not after it.
const ERAS: readonly Era[] = [
  { name: '令和', firstYear: 2019 },
  { name: '平成', firstYear: 1989 },
  { name: '昭和', firstYear: 1926 },
  { name: '大正', firstYear: 1912 },
  { name: '明治', firstYear: 1868 },
];

export interface EraYear {
  readonly era: string;
  /** 1 for 元年. */
  readonly year: number;
}

export function eraOfFiscalYear(fiscalYear: number): EraYear {
  const era = ERAS.find((e) => fiscalYear >= e.firstYear);
  if (!era) throw new RangeError(`fiscal year ${fiscalYear} is before the Meiji era`);
  return { era: era.name, year: fiscalYear - era.firstYear + 1 };
}

/** 2020 → 令和2年度, 2019 → 令和元年度, 1989 → 平成元年度, 1988 → 昭和63年度. */
export function fiscalYearLabel(fiscalYear: number): string {
  const { era, year } = eraOfFiscalYear(fiscalYear);
  return `${era}${year === 1 ? '元' : String(year)}年度`;
}

// Era start dates for calendar dates (not fiscal years).
const ERA_STARTS: readonly { name: string; start: string; firstYear: number }[] = [
  { name: '令和', start: '2019-05-01', firstYear: 2019 },
  { name: '平成', start: '1989-01-08', firstYear: 1989 },
  { name: '昭和', start: '1926-12-25', firstYear: 1926 },
  { name: '大正', start: '1912-07-30', firstYear: 1912 },
  { name: '明治', start: '1868-01-25', firstYear: 1868 },
];

function eraYearMonth(isoDate: string): { label: string; day: number } {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const era = ERA_STARTS.find((e) => isoDate >= e.start) ?? ERA_STARTS[ERA_STARTS.length - 1]!;
  const year = y - era.firstYear + 1;
  return { label: `${era.name}${year === 1 ? '元' : year}年${m}月`, day: d };
}

/** 2024-06-01 → 令和6年6月1日; 2019-04-30 → 平成31年4月30日. */
export function eraDateLabel(isoDate: string): string {
  const { label, day } = eraYearMonth(isoDate);
  return `${label}${day}日`;
}

/** 発行年月 as publications print it: 2018-07-01 → 平成30年7月; 2019-05-01 → 令和元年5月. */
export function eraMonthLabel(isoDate: string): string {
  return eraYearMonth(isoDate).label;
}
