// Any department the schema accepts comes back from its workbook as the same data:
// generated texts with line breaks, list marks, full-width and markup characters, numbers
// written as text, empty optional fields, every indicator form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { departmentSchema, type DepartmentFile } from '../../src/load/schema.js';
import { resolveTerms } from '../../src/model/terms.js';
import { readDepartment } from '../../src/workbook/readDepartment.js';
import { readWorkbook } from '../../src/workbook/readWorkbook.js';
import { writeWorkbook } from '../../src/workbook/writeWorkbook.js';

const SEED = Number(process.env['ROBUST_SEED'] ?? 19);
const RUNS = Number(process.env['ROBUST_RUNS'] ?? 25);

const TOKENS = [
  '企画', '経営', '課', 'の', 'を', '推進', 'します', '。', '、', '「', '」', '（', '）', '・', '○', '◎', '①', '㊿', '(1)', '（２）', 'ア.',
  '※', '－', '―', '…', '〜', '２０２２', '2022年度', '令和4年度末', '0312', '47.5%', '1,200千円', 'ＡＢＣ', 'ｶﾀｶﾅ', '　', ' ', '<b>', '&amp;',
  '{{x}}', '"', "'", '_x000D_', '_x0041_', '#', ': ', '- ', '=SUM(A1)', '+81', '𠮷', 'DX', 'https://example.jp/a?b=1&c=2',
];

const word = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
/** A text as the data may hold it: something visible, no spaces at the end of a line. */
const line = word.filter((s) => /\S/.test(s)).map((s) => s.replace(/[ \t]+$/, '') || '空');
const paragraphs = fc
  .array(fc.oneof(line, fc.constant('')), { minLength: 1, maxLength: 6 })
  .map((ls) => ls.join('\n'))
  .chain((t) => fc.constantFrom(t, `${t}\n`))
  .filter((t) => /\S/.test(t))
  .map((t) => t.replace(/[ \t]+$/gm, ''));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const whole = fc.integer({ min: 0, max: 99_999_999 });
const value = fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }), fc.double({ min: 0, max: 1000, noNaN: true }), line, fc.constantFrom('12', '0312', '0'));
const timePoint = fc.oneof(
  fc.record({ year: fc.integer({ min: 1990, max: 2100 }) }),
  fc.record({ at: line }),
  fc.constant({}),
);
const valueFields = fc
  .tuple(fc.record({ value: opt(value), unit: opt(line), note: opt(line) }, { requiredKeys: [] }), timePoint)
  .map(([v, t]) => ({ ...v, ...t }));
const indicator = fc
  .record(
    {
      name: line,
      unit: opt(line),
      note: opt(line),
      baseline: opt(valueFields),
      values: opt(fc.array(fc.tuple(line, valueFields).map(([label, v]) => ({ label, ...v })), { minLength: 1, maxLength: 3 })),
      target: opt(valueFields),
    },
    { requiredKeys: ['name'] },
  )
  .filter((i) => i.baseline !== undefined || i.target !== undefined || i.values !== undefined);
const budget = fc.oneof(
  whole,
  fc.record({ amount: fc.oneof(fc.double({ min: 0.5, max: 10, noNaN: true }), line), unit: opt(fc.constantFrom('円', '千円', '万円', '百万円' as const)), label: opt(line), note: opt(line) }, { requiredKeys: ['amount'] }),
  fc.record({ amount: whole, unit: fc.constantFrom('円', '千円' as const) }),
);
const department = fc.record(
  {
    name: line,
    mission: opt(paragraphs),
    sections: opt(fc.array(fc.record({ name: line, role: opt(paragraphs), staff: opt(whole) }, { requiredKeys: ['name'] }), { minLength: 1, maxLength: 4 })),
    resources: opt(
      fc
        .record({ staff: opt(whole), budget: opt(whole), budgetUnit: opt(fc.constantFrom('円', '千円', '万円', '百万円' as const)), budgetNote: opt(line), organization: opt(line) }, { requiredKeys: [] })
        .filter((r) => Object.values(r).some((v) => v !== undefined)),
    ),
    policy: opt(paragraphs),
    specialTopics: opt(fc.array(fc.record({ title: line, body: paragraphs }), { minLength: 1, maxLength: 2 })),
    contact: opt(fc.record({ section: line, extension: opt(fc.constantFrom('2150', '0312', '内線なし')), phone: opt(line), email: opt(line), web: opt(line) }, { requiredKeys: ['section'] })),
    projects: opt(
      fc.array(fc.record({ title: line, summary: opt(paragraphs), section: opt(line), budget: opt(budget), indicators: opt(fc.array(indicator, { minLength: 1, maxLength: 3 })) }, { requiredKeys: ['title'] }), {
        minLength: 1,
        maxLength: 4,
      }),
    ),
  },
  { requiredKeys: ['name'] },
);

/** Keys with no value are not written in YAML: the data has none. */
const clean = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('any valid department', () => {
  it('reads back from its workbook as the same data', async () => {
    const edition = { fiscalYear: 2024, eraLabel: '令和6年度', title: '各部の運営方針と目標', city: '見本市', documentDate: '2024-06-01', terms: resolveTerms(undefined) };
    await fc.assert(
      fc.asyncProperty(department, async (generated) => {
        const data = clean(generated) as DepartmentFile;
        expect(departmentSchema.safeParse(data).success).toBe(true);
        const read = await readWorkbook('p.xlsx', await writeWorkbook({ id: 'p', department: data, edition }));
        if (!read.ok) throw new Error(read.message);
        const back = readDepartment(read.grids);
        expect(back.problems).toEqual([]);
        expect(back.data).toStrictEqual(data);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
