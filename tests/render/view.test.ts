import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERM_DEFAULTS, type DepartmentFile, type EditionFile } from '../../src/load/schema.js';
import { buildModel } from '../../src/model/buildModel.js';
import { textOf } from '../../src/render/markup.js';
import { createEngine } from '../../src/render/engine.js';
import { renderTarget, type TargetKind } from '../../src/render/renderTarget.js';
import { contactText, indicatorGrid, indicatorTable, MAX_GRID_TIME_POINTS, MAX_VALUE_COLUMNS, resourceRows } from '../../src/render/view.js';
import { loadResources } from '../../src/resources.js';
import { ROOT } from '../helpers/fixtures.js';
import { danglingLabels, emptySlots } from '../helpers/slots.js';

const base: EditionFile = { fiscalYear: 2018, status: 'draft', city: '北区', title: '各部の運営方針と目標', departments: ['a'] };
const modelOf = (dept: DepartmentFile, extra: Partial<EditionFile> = {}) =>
  buildModel({ edition: { ...base, ...extra }, departments: [{ id: 'a', data: dept }] });
const engine = createEngine((await loadResources()).templates);
const render = (dept: DepartmentFile, extra: Partial<EditionFile>, kind: TargetKind) => {
  const m = modelOf(dept, extra);
  return renderTarget(engine, m, kind, m.departments[0]);
};

const TERMS = modelOf({ name: '部' }).terms;

describe('indicator tables', () => {
  const ind = (name: string, values: { label: string; value?: number | string; at?: string; year?: number; note?: string }[]) =>
    modelOf({ name: '部', projects: [{ title: 't', indicators: [{ name, unit: '人', values }] }] }).departments[0]!.projects[0]!.indicators[0]!;

  it('labels as columns when they fit, a ― where an indicator has no such value', () => {
    const t = indicatorTable([ind('A', [{ label: '基準値', value: 1, at: '2016年' }, { label: '目標値', value: 2 }]), ind('B', [{ label: '実績値', value: 3, year: 2019, note: '見込み' }])], TERMS);
    expect(t).toEqual({
      layout: 'columns',
      labels: ['基準値', '目標値', '実績値'],
      rows: [
        { name: 'A', cells: [{ display: '1人', timePoint: '2016年' }, { display: '2人' }, { display: '―' }] },
        { name: 'B', cells: [{ display: '―' }, { display: '―' }, { display: '3人', timePoint: '2019年度', note: '※見込み' }] },
      ],
    });
  });

  it('a unit no value carries (text values) is printed with the name', () => {
    const t = indicatorTable([ind('計画', [{ label: '現状値', value: '検討' }, { label: '目標値', value: '策定' }]), ind('件数', [{ label: '目標値', value: 3 }])], TERMS);
    expect(t?.layout === 'columns' && t.rows.map((r) => r.name)).toEqual(['計画（単位：人）', '件数']);
  });

  it('one row per value when the labels are too many or repeat', () => {
    const many = ['基準値', '当初値', '現状値', '実績値', '目標値'].map((label, i) => ({ label, value: i }));
    expect(many.length).toBeGreaterThan(MAX_VALUE_COLUMNS);
    expect(indicatorTable([ind('A', many)], TERMS)?.layout).toBe('rows');
    const repeated = indicatorTable([ind('A', [{ label: '実績値', value: 1, year: 2019 }, { label: '実績値', value: 2 }])], TERMS);
    expect(repeated).toEqual({
      layout: 'rows',
      hasTimePoint: true,
      hasNote: false,
      groups: [{ name: 'A', values: [{ label: '実績値', display: '1人', timePoint: '2019年度' }, { label: '実績値', display: '2人' }] }],
    });
  });
});

describe('indicators measured year by year: a grid of labels × time points', () => {
  const ind = (values: { label: string; value?: number | string; at?: string; year?: number; note?: string }[]) =>
    modelOf({ name: '部', projects: [{ title: 't', indicators: [{ name: '適正度', unit: '%', values }] }] }).departments[0]!.projects[0]!.indicators[0]!;
  // 三重県 2004, 52403 (tests/fixtures/real/mie-2004): 目標 for two years, 実績 for three.
  const mie = [
    { label: '目標', value: 80, at: '2001' },
    { label: '目標', value: 93, at: '2002' },
    { label: '実績', value: 95, at: '2001' },
    { label: '実績', value: 92, at: '2002' },
    { label: '実績', value: 90, at: '2003' },
  ];

  it('time points head the columns, each label a row, ― where a label has no value at a time point', () => {
    expect(indicatorGrid(ind(mie))).toEqual({
      timePoints: ['2001', '2002', '2003'],
      rows: [
        { label: '目標', cells: [{ display: '80%' }, { display: '93%' }, { display: '―' }] },
        { label: '実績', cells: [{ display: '95%' }, { display: '92%' }, { display: '90%' }] },
      ],
    });
    // The project's table keeps the rows for every value; the grid goes with them.
    const t = indicatorTable([ind(mie)], TERMS);
    expect(t?.layout === 'rows' && t.groups[0]!.grid?.timePoints).toEqual(['2001', '2002', '2003']);
  });

  it('a value\'s note stays in its cell; fiscal years print 年度 and are put in order', () => {
    const g = indicatorGrid(ind([
      { label: '目標', value: 10, year: 2022 },
      { label: '実績', value: 8, year: 2021, note: '見込み' },
      { label: '目標', value: 9, year: 2021 },
    ]));
    expect(g).toEqual({
      timePoints: ['2021年度', '2022年度'],
      rows: [
        { label: '目標', cells: [{ display: '9%' }, { display: '10%' }] },
        { label: '実績', cells: [{ display: '8%', note: '※見込み' }, { display: '―' }] },
      ],
    });
  });

  it('years in figures (at: "2004") are put in order; other time points keep the order of the data', () => {
    const years = indicatorGrid(ind([{ label: '目標', value: 1, at: '2004' }, { label: '目標', value: 2, at: '2006' }, { label: '実績', value: 3, at: '2001' }]));
    expect(years?.timePoints).toEqual(['2001', '2004', '2006']);
    const text = indicatorGrid(ind([{ label: '目標', value: 1, at: '令和4年度末' }, { label: '目標', value: 2, at: 'H27〜30' }, { label: '実績', value: 3, at: '2016年' }]));
    expect(text?.timePoints).toEqual(['令和4年度末', 'H27〜30', '2016年']);
  });

  it('not a grid: a value without a time point, two values for one label at one time point, no label at two time points, too many time points', () => {
    expect(indicatorGrid(ind([...mie, { label: '目標', value: 100 }]))).toBeUndefined();
    expect(indicatorGrid(ind([...mie, { label: '実績', value: 91, at: '2003' }]))).toBeUndefined();
    expect(indicatorGrid(ind([{ label: '現状値', value: 1, year: 2020 }, { label: '目標値', value: 2, year: 2025 }]))).toBeUndefined();
    const years = (n: number) => Array.from({ length: n }, (_, i) => ({ label: '実績', value: i, year: 2001 + i }));
    expect(indicatorGrid(ind(years(MAX_GRID_TIME_POINTS)))?.timePoints).toHaveLength(MAX_GRID_TIME_POINTS);
    expect(indicatorGrid(ind(years(MAX_GRID_TIME_POINTS + 1)))).toBeUndefined();
    // And such an indicator prints as before: a row per value, no grid.
    const t = indicatorTable([ind(years(MAX_GRID_TIME_POINTS + 1))], TERMS);
    expect(t?.layout === 'rows' && t.groups[0]).not.toHaveProperty('grid');
  });
});

describe('rows only for what the data gives', () => {
  it('resources: {} has no rows, { staff: 0 } prints 0人, an organisation as written, a count only labelled as one', () => {
    const rows = (dept: DepartmentFile) => resourceRows(modelOf(dept).departments[0]!, modelOf(dept).terms);
    expect(rows({ name: '部', resources: {} })).toEqual([]);
    expect(rows({ name: '部', resources: { staff: 0 } })).toEqual([{ label: '職員数', content: '0人' }]);
    expect(rows({ name: '部', resources: { organization: '4課1室' }, sections: [{ name: 'a' }] })).toEqual([{ label: '組織', content: '4課1室' }]);
    expect(rows({ name: '部', resources: { budgetNote: '一般会計' }, sections: [{ name: 'a' }] })).toEqual([
      { label: '掲載課数', content: '1課' },
      { label: '予算額', content: '一般会計' },
    ]);
  });
  it('contact lines name only what is given', () => {
    const { terms } = modelOf({ name: '部' });
    expect(contactText({ section: '企画課' }, terms)).toBe('企画課');
    expect(contactText({ section: '企画課', extension: '21', phone: '03', email: 'a@b', web: 'https://x' }, terms)).toBe('企画課（内線21）　電話 03　メール a@b　https://x');
  });
});

describe('templates with optional parts left out', () => {
  const bare: DepartmentFile = { name: '会計管理室' };
  it.each<TargetKind>(['booklet', 'insert', 'digest'])('%s of an edition with no introduction, contact, distribution or projects', (kind) => {
    const r = render(bare, {}, kind);
    const text = textOf(r.tree);
    expect(emptySlots(text)).toEqual([]);
    expect(danglingLabels(r.tree)).toEqual([]);
    // A department with nothing to print: one line under its band (in the digest, under
    // its name: no department of this edition has projects, so none is left out).
    const nothing = '（主要事業と目標指標の掲載はありません）';
    expect(text).toContain(`会計管理室${nothing}`);
    expect(text.replace(nothing, '')).not.toContain('主要事業と目標指標');
    expect(text).not.toContain('問い合わせ');
    expect(text).not.toContain('はじめに');
    expect(r.markup).not.toMatch(/<table[^>]*>\s*<\/table>/);
  });

  it('the digest leaves out a department without projects when another has some; the booklet keeps it', () => {
    const m = buildModel({
      edition: { ...base, departments: ['a', 'b', 'c'] },
      departments: [
        { id: 'a', data: { name: '企画部', projects: [{ title: '計画の策定' }] } },
        { id: 'b', data: { name: '会計管理室', policy: '適正な会計事務を行います。' } },
        { id: 'c', data: { name: '総務部', projects: [{ title: '庁舎の管理' }] } },
      ],
    });
    const digest = textOf(renderTarget(engine, m, 'digest').tree);
    expect(digest).toContain('企画部計画の策定総務部庁舎の管理');
    expect(digest).not.toContain('会計管理室');
    expect(textOf(renderTarget(engine, m, 'booklet').tree)).toContain('会計管理室');
  });

  it('an edition where no department has projects lists every department in the digest, each with its line', () => {
    const m = buildModel({
      edition: { ...base, departments: ['a', 'b'] },
      departments: [
        { id: 'a', data: { name: '企画部', policy: '計画を進めます。' } },
        { id: 'b', data: { name: '会計管理室' } },
      ],
    });
    const digest = textOf(renderTarget(engine, m, 'digest').tree);
    expect(digest).toContain('企画部（主要事業と目標指標の掲載はありません）会計管理室（主要事業と目標指標の掲載はありません）');
  });

  it('a department with a text but no projects prints its text and no 掲載はありません line', () => {
    const text = textOf(render({ name: '会計管理室', policy: '適正な会計事務を行います。' }, {}, 'booklet').tree);
    expect(text).toContain('適正な会計事務を行います。');
    expect(text).not.toContain('掲載はありません');
  });

  it.each([
    [{ online: '区ホームページ' }, '「各部の運営方針と目標」の全文は、区ホームページでご覧いただけます。'],
    [{ handedOut: ['区役所'] }, '「各部の運営方針と目標」の全文は、冊子でご覧いただけます。冊子は、区役所で配布します。'],
    [{ readAt: ['図書館'] }, '「各部の運営方針と目標」の全文は、冊子でご覧いただけます。冊子は、図書館で閲覧できます。'],
    [
      { online: '区ホームページ', handedOut: ['区役所', '区民事務所'], readAt: ['図書館'] },
      '「各部の運営方針と目標」の全文は、区ホームページのほか、冊子でもご覧いただけます。冊子は、区役所、区民事務所で配布します（図書館でも閲覧可）。',
    ],
  ])('the digest says where to read it: %j', (distribution, sentence) => {
    const r = render({ name: '部', projects: [{ title: '事業' }] }, { distribution }, 'digest');
    expect(textOf(r.tree)).toContain(sentence);
    expect(textOf(r.tree)).not.toContain('ご意見');
    expect(emptySlots(textOf(r.tree))).toEqual([]);
  });

  it('the back cover prints a 配布場所 line only with places, and the edition terms throughout', () => {
    const r = render({ name: '政策経営局', sections: [{ name: '政策企画室' }], projects: [{ title: '事業' }] }, { terms: { department: '局', section: '室' }, contact: { section: '政策企画課' }, introduction: 'はじめに。' }, 'booklet');
    const text = textOf(r.tree);
    expect(text).not.toContain('配布場所');
    // No section states a role: the table is the organisation, not 各室の役割.
    expect(text).toContain('局の組織');
    expect(text).not.toContain('役割');
    expect(text).toContain('掲載局数1局');
    expect(text).toMatch(/編集　政策企画課/);
    expect(text).not.toMatch(/[^各]部の|課名|各課/);
    expect(danglingLabels(r.tree)).toEqual([]);
    const withRoles = textOf(render({ name: '政策経営局', sections: [{ name: '政策企画室', role: '企画' }, { name: '財政室' }] }, { terms: { department: '局', section: '室' } }, 'booklet').tree);
    expect(withRoles).toContain('各室の役割');
    expect(withRoles).not.toContain('局の組織');
  });

  it('the templates\' own brackets and colons next to Japanese are full-width', () => {
    const r = render(
      { name: '企画部', sections: [{ name: '企画課', role: '企画' }], resources: { budget: 1200, budgetNote: '一般会計' } },
      { contact: { section: '企画課', extension: '2150' }, distribution: { handedOut: ['市役所'], readAt: ['図書館'] }, introduction: 'はじめに。' },
      'booklet',
    );
    const text = textOf(r.tree);
    for (const s of ['1,200千円（一般会計）', '企画課（内線2150）', '平成30年度（2018年度）', '冊子の配布場所：市役所', '閲覧場所：図書館']) expect(text).toContain(s);
    expect(text).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][(:]|[)][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
  });
});

describe('organisation words are data', async () => {
  const code = await Promise.all(['src/render/view.ts', 'src/model/buildModel.ts'].map((f) => readFile(join(ROOT, f), 'utf8')));
  const sources: string[] = [];
  for (const dir of ['layouts', 'partials']) {
    for (const name of await readdir(join(ROOT, 'templates', dir))) sources.push(await readFile(join(ROOT, 'templates', dir, name), 'utf8'));
  }

  it('no template prints a literal organisation word', () => {
    const literal = sources.map((t) => t.replace(/{{[^}]*}}/g, '')).join('\n');
    expect(literal).not.toMatch(/[部課局室係]/);
  });
  it('every term is printed somewhere (a term no template uses could not be overridden to any effect)', () => {
    const all = [...sources, ...code].join('\n');
    expect(Object.keys(TERM_DEFAULTS).filter((k) => !new RegExp(`terms\\.${k}\\b`).test(all))).toEqual([]);
  });
});
