import v8 from 'node:v8';

const FLAG = 'heap-growing-percent';

/**
 * Keeps the heap near what a build really holds. Between full collections V8 lets the old
 * generation grow to about twice its live size: a 200-department booklet holds ~150 MB
 * live (pdfmake's laid-out pages and annotated document definition) yet peaked at
 * ~505 MB RSS, most of it garbage not yet collected. Growing by 30 % instead peaks at
 * ~375 MB for ~15 % more time on that build, and changes nothing measurable for an
 * edition of ordinary size (data/2020: same time, same RSS). V8 reads this flag each time
 * it sets the next limit, so setting it at start-up takes effect; a value given on the
 * command line or in NODE_OPTIONS is left alone.
 */
export function limitHeapGrowth(percent = 30): void {
  const given = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((a) => a.includes(FLAG));
  if (!given) v8.setFlagsFromString(`--${FLAG}=${percent}`);
}
