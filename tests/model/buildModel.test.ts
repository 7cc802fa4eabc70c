import { describe, expect, it } from 'vitest';
import type { DepartmentFile, EditionFile } from '../../src/load/schema.js';
import { buildModel, timePointOf } from '../../src/model/buildModel.js';
import { marker, styleFor } from '../../src/model/numbering.js';
import { departmentDocumentTitle, resolveTerms } from '../../src/model/terms.js';
import { factRows } from '../../src/render/view.js';

const edition = (extra: Partial<EditionFile> = {}): EditionFile => ({
  fiscalYear: 2018,
  status: 'draft',
  city: '北区',
  title: '各部の運営方針と目標',
  departments: ['a'],
  ...extra,
});
const model = (dept: DepartmentFile, extra: Partial<EditionFile> = {}) =>
  buildModel({ edition: edition(extra), departments: [{ id: 'a', data: dept }] });
const titles = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `事業${i + 1}` }));

describe('numbering', () => {
  it('auto: circled up to fifty, arabic for every project past that', () => {
    expect(styleFor('auto', 50)).toBe('circled');
    expect(styleFor('auto', 51)).toBe('arabic');
    expect(styleFor('circled', 51)).toBe('arabic');
    expect(styleFor('parenthesized', 3)).toBe('parenthesized');
  });
  it('gives one style to all of a department and names its widest marker', () => {
    const d = model({ name: '大規模部', projects: titles(112) }).departments[0]!;
    expect(d.projects.map((p) => p.marker).slice(0, 3)).toEqual(['1.', '2.', '3.']);
    expect(d.projects[50]!.marker).toBe('51.');
    expect(d.widestMarker).toBe('112.');
    const small = model({ name: '部', projects: titles(50) }).departments[0]!;
    expect(small.projects[49]!.marker).toBe('㊿');
  });
  it('each style', () => {
    expect([marker('circled', 21), marker('parenthesized', 51), marker('arabic', 7), marker('bullet', 7), marker('none', 7)]).toEqual(['㉑', '(51)', '7.', '・', '']);
    expect(styleFor('bullet', 120)).toBe('bullet');
    expect(model({ name: '部', projects: titles(2) }, { numbering: 'none' }).departments[0]!.widestMarker).toBe('');
  });
  it('continuousNumbering numbers on from one department to the next, in one style chosen on the whole booklet', () => {
    const three = (extra: Partial<EditionFile>, sizes: readonly number[]) =>
      buildModel({
        edition: edition({ departments: sizes.map((_, i) => `d${i}`), ...extra }),
        departments: sizes.map((n, i) => ({ id: `d${i}`, data: { name: `部${i}`, projects: titles(n) } })),
      }).departments.map((d) => d.projects.map((p) => p.marker));
    // 相馬市 令和6年度業務目標: No 1–7 through the table, 2 + 2 + 1 + 1 + 1 rows.
    expect(three({ numbering: 'arabic', continuousNumbering: true }, [2, 2, 1, 1, 1])).toEqual([['1.', '2.'], ['3.', '4.'], ['5.'], ['6.'], ['7.']]);
    expect(three({ numbering: 'arabic' }, [2, 2, 1])).toEqual([['1.', '2.'], ['1.', '2.'], ['1.']]);
    // A department without projects takes no number; the next one goes on.
    expect(three({ continuousNumbering: true }, [1, 0, 2])).toEqual([['①'], [], ['②', '③']]);
    // auto: 30 + 30 is past ㊿ for the booklet, so every department is numbered 1. 2. …, not ① in one and 31. in the other.
    const auto = three({ continuousNumbering: true }, [30, 30]);
    expect([auto[0]![0], auto[1]![0], auto[1]![29]]).toEqual(['1.', '31.', '60.']);
    expect(three({}, [30, 30])[1]![0]).toBe('①');
    // The position within the department is still its own.
    const d = buildModel({
      edition: edition({ departments: ['a', 'b'], numbering: 'parenthesized', continuousNumbering: true }),
      departments: [
        { id: 'a', data: { name: '部', projects: titles(3) } },
        { id: 'b', data: { name: '課', projects: titles(2) } },
      ],
    }).departments[1]!;
    expect(d.projects.map((p) => [p.number, p.marker])).toEqual([[1, '(4)'], [2, '(5)']]);
  });
});

describe('terms', () => {
  it('defaults follow the two organisation words; a term given is kept as written', () => {
    const t = resolveTerms({ department: '局', section: '室', policy: '局の運営方針' });
    expect([t.mission, t.sections, t.resources, t.departmentCount, t.sectionCount, t.policy]).toEqual([
      '局の使命・目標',
      '各室の役割',
      '局の経営資源',
      '掲載局数',
      '掲載室数',
      '局の運営方針',
    ]);
    expect(resolveTerms(undefined).mission).toBe('部の使命・目標');
  });
  it('a department document title comes from the edition title, not a fixed phrase', () => {
    const t = resolveTerms({ department: '局' });
    expect(departmentDocumentTitle('各局の運営方針', '政策経営局', t)).toBe('政策経営局の運営方針');
    expect(departmentDocumentTitle('重点課題と目標', '政策経営局', t)).toBe('政策経営局（重点課題と目標）');
    expect(model({ name: '企画部' }).departments[0]!.documentTitle).toBe('企画部の運営方針と目標');
  });
  it('a title starting 各部局の or 各部(局)の gives the department its own; one with brackets is quoted, never nested', () => {
    const t = resolveTerms({ department: '部局' });
    expect(departmentDocumentTitle('各部(局)の重点課題と目標', '総務部(防災安全課)', t)).toBe('総務部(防災安全課)の重点課題と目標');
    expect(departmentDocumentTitle('各部（局）の重点課題', '経済部', t)).toBe('経済部の重点課題');
    expect(departmentDocumentTitle('各部局の経営目標', '経済部', t)).toBe('経済部の経営目標');
    expect(departmentDocumentTitle('行政評価（事務事業評価）結果一覧', '企画部', t)).toBe('企画部「行政評価（事務事業評価）結果一覧」');
    expect(departmentDocumentTitle('「部局長の実行宣言」(案)', '企画部', t)).toBe('企画部　「部局長の実行宣言」(案)');
    // 各課の is not the department's word: kept whole.
    expect(departmentDocumentTitle('各課の目標', '企画部', t)).toBe('企画部（各課の目標）');
  });
  it('the project counter follows a renamed projects heading unless set itself', () => {
    expect([resolveTerms(undefined).projectCount, resolveTerms(undefined).projectUnit]).toEqual(['掲載事業数', '事業']);
    const renamed = resolveTerms({ projects: '重点課題' });
    expect([renamed.projectCount, renamed.projectUnit, renamed.nothingListed]).toEqual(['掲載重点課題数', '件', '（重点課題の掲載はありません）']);
    expect(resolveTerms({ projects: '政策内容と目標' }).projectCount).toBe('掲載政策内容数');
    expect(resolveTerms({ projects: 'ひとづくり事業' }).projectCount).toBe('掲載ひとづくり事業数');
    const set = resolveTerms({ projects: '重点課題', projectCount: '課題の数', projectUnit: '課題' });
    expect([set.projectCount, set.projectUnit]).toEqual(['課題の数', '課題']);
    const e = buildModel({ edition: edition({ terms: { projects: '重点課題' } }), departments: [{ id: 'a', data: { name: '企画部', projects: titles(3) } }] });
    expect(factRows(e).find((r) => r.label === '掲載重点課題数')?.content).toBe('3件');
  });
  it('the digest headline defaults to the edition title; one given is kept', () => {
    expect(model({ name: '企画部' }).digest.headline).toBe('各部の運営方針と目標');
    expect(model({ name: '企画部' }, { digest: { headline: '「各部の運営方針と目標」を策定しました' } }).digest.headline).toBe('「各部の運営方針と目標」を策定しました');
  });
});

describe('indicator values and time points', () => {
  it('a fiscal year prints with 年度, any other time point as written', () => {
    expect(timePointOf({ year: 2016 })).toBe('2016年度');
    expect(timePointOf({ at: '2016年' })).toBe('2016年');
    expect(timePointOf({ at: 'H27〜30' })).toBe('H27〜30');
    expect(timePointOf({})).toBeUndefined();
  });
  it('baseline first, labelled values in order, target last; units inherited unless a value has its own', () => {
    const d = model({
      name: '部',
      projects: [
        {
          title: '事業',
          indicators: [
            {
              name: '待機児童数',
              unit: '人',
              note: '各年4月1日現在',
              baseline: { value: 120, at: '2016年' },
              values: [{ label: '実績値', value: 45, year: 2019, note: '見込み' }, { label: '長期目標', value: '解消', unit: '' }],
              target: { value: 0 },
            },
          ],
        },
      ],
    }).departments[0]!;
    const ind = d.projects[0]!.indicators[0]!;
    expect(ind.values).toEqual([
      { label: '現状値', value: 120, unit: '人', timePoint: '2016年' },
      { label: '実績値', value: 45, unit: '人', year: 2019, timePoint: '2019年度', note: '見込み' },
      { label: '長期目標', value: '解消', unit: '' },
      { label: '目標値', value: 0, unit: '人' },
    ]);
    expect(ind.note).toBe('各年4月1日現在');
  });
});

describe('what the edition states, and nothing more', () => {
  it('keeps 0 staff, the budget unit and the organisation as given', () => {
    const d = model({ name: '部', resources: { staff: 0, budget: 12, budgetUnit: '百万円', organization: '4課1室' } }).departments[0]!;
    expect(d.resources).toEqual({ staff: 0, budget: 12, budgetUnit: '百万円', organization: '4課1室' });
    expect(d.projects).toEqual([]);
  });
  it('sums budgets only when every department states one, exactly, in the smallest unit used', () => {
    const m = buildModel({
      edition: edition({ departments: ['a', 'b'] }),
      departments: [
        { id: 'a', data: { name: 'A', resources: { budget: 1234, budgetUnit: '百万円', staff: 3 } } },
        { id: 'b', data: { name: 'B', resources: { budget: 5, staff: 0 } } },
      ],
    });
    expect(m.totals).toEqual({ departments: 2, projects: 0, staff: 3, budget: 1_234_005, budgetUnit: '千円' });
    const partial = buildModel({
      edition: edition({ departments: ['a', 'b'] }),
      departments: [
        { id: 'a', data: { name: 'A', resources: { budget: 1 } } },
        { id: 'b', data: { name: 'B' } },
      ],
    });
    expect(partial.totals).toEqual({ departments: 2, projects: 0 });
  });
  it('a project budget: a number in the department unit, a text as written with only a unit the data names', () => {
    const d = model({
      name: '部',
      resources: { budgetUnit: '万円' },
      projects: [{ title: 'a', budget: 300 }, { title: 'b', budget: { amount: '約12億円', label: '予算額', note: '一般会計' } }],
    }).departments[0]!;
    expect(d.projects.map((p) => p.budget)).toEqual([
      { label: '事業費', amount: 300, unit: '万円' },
      { label: '予算額', amount: '約12億円', note: '一般会計' },
    ]);
  });
  it('publisher: the city and a 発行年月 from the issue date unless given; none without either', () => {
    expect(model({ name: '部' }, { issueDate: '2018-07-01' }).publisher).toEqual({ name: '北区', issued: '平成30年7月', given: false });
    expect(model({ name: '部' }).publisher).toEqual({ name: '北区', given: false });
    expect(model({ name: '部' }, { issueDate: '2018-07-01', publisher: { name: '北区政策経営部', issued: '平成30年6月' } }).publisher).toEqual({
      name: '北区政策経営部',
      issued: '平成30年6月',
      given: true,
    });
  });
  it('optional edition parts are absent, not empty strings', () => {
    const m = model({ name: '部' });
    expect(m.contact).toBeUndefined();
    expect(m.introduction).toEqual([]);
    expect(m.distribution).toEqual({ handedOut: [], readAt: [] });
    expect(m.digest.eraLines).toEqual(['平成', '30年度']);
  });
  it('one-line fields join their line breaks', () => {
    expect(model({ name: '企画\n部', projects: [{ title: '事業の\n推進' }] }).departments[0]!.projects[0]!.title).toBe('事業の推進');
  });
});
