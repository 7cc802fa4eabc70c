import { describe, expect, it } from 'vitest';
import type { CellValue, Grid } from '../../src/workbook/grid.js';
import { FORM_FIELDS, INDICATORS, PROJECTS, SECTIONS, TOPICS, type ListSheet } from '../../src/workbook/layout.js';
import { readDepartment } from '../../src/workbook/readDepartment.js';

type Raw = string | number | null | undefined | CellValue;

/** A sheet from rows of plain values (null or undefined: blank), row 1 first. */
function grid(name: string, rows: readonly (readonly Raw[])[], hidden: readonly number[] = []): Grid {
  const map = new Map<number, Map<number, CellValue>>();
  rows.forEach((row, r) => {
    const cells = new Map<number, CellValue>();
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      cells.set(c + 1, typeof v === 'string' ? { type: 'text', text: v } : typeof v === 'number' ? { type: 'number', value: v } : v);
    });
    if (cells.size > 0) map.set(r + 1, cells);
  });
  return { name, rows: map, hiddenRows: new Set(hidden) };
}

/** The form: a title, headers, the key row, then one row per field with `values[key]`. */
function form(values: Record<string, Raw>, extra: readonly (readonly Raw[])[] = []): Grid {
  return grid('基本情報', [
    ['タイトル'],
    ['項目', '記入欄', '説明', 'キー'],
    ['item', 'value', 'help', 'key'],
    ...FORM_FIELDS.map((f) => [f.key, values[f.key], '', f.key]),
    ...extra,
  ]);
}

/** A list sheet: a title, headers, help, the key row, then `rows` as objects by key. */
function list(sheet: ListSheet, name: string, rows: readonly Record<string, Raw>[], keys = sheet.fields.map((f) => f.key)): Grid {
  return grid(name, [['タイトル'], keys.map(() => '見出し'), ['説明'], keys, ...rows.map((r) => keys.map((k) => r[k]))]);
}

function workbook(parts: { form?: Record<string, Raw>; sections?: Record<string, Raw>[]; projects?: Record<string, Raw>[]; indicators?: Record<string, Raw>[] }) {
  return [
    grid('記入方法', [['記入方法']]),
    form({ id: 'kikaku', fiscalYear: 2020, name: '企画部', ...parts.form }),
    list(SECTIONS, '課', parts.sections ?? []),
    list(TOPICS, '特記事項', []),
    list(PROJECTS, '主要事業', parts.projects ?? []),
    list(INDICATORS, '目標指標', parts.indicators ?? []),
  ];
}

const errors = (r: ReturnType<typeof readDepartment>) => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.at} ${p.message.split(' / ')[0]}`);

describe('readDepartment', () => {
  it('reads the form into the department, groups of keys into their objects', () => {
    const r = readDepartment(workbook({ form: { mission: '使命\n\n・一つ目', 'resources.staff': 58, 'resources.budgetUnit': '千円', 'contact.section': '企画経営課', 'contact.extension': '0312' } }));
    expect(r.problems).toEqual([]);
    expect(r.id).toBe('kikaku');
    expect(r.fiscalYear).toBe(2020);
    expect(r.data).toStrictEqual({
      name: '企画部',
      mission: '使命\n\n・一つ目',
      resources: { staff: 58, budgetUnit: '千円' },
      contact: { section: '企画経営課', extension: '0312' },
    });
    expect(r.places.get('resources.staff')).toBe('基本情報!B9');
  });

  it('finds columns by their keys wherever they are, below rows a department added', () => {
    const keys = ['staff', 'name', 'role'];
    const sections = grid('課', [['私たちのメモ'], ['課の一覧'], [], ['職員数', '課名', '役割'], keys, ['', '', ''], [12, '企画経営課', '企画・調整', '余白のメモ']]);
    const grids = workbook({});
    grids[2] = sections;
    const r = readDepartment(grids);
    expect(r.data['sections']).toStrictEqual([{ name: '企画経営課', role: '企画・調整', staff: 12 }]);
    expect(r.problems).toEqual([
      { at: '課!D7', severity: 'warning', message: expect.stringMatching(/^この列は様式にない列なので取り込みません/) },
    ]);
  });

  it('finds a renamed sheet by its key row, and says a missing one is missing', () => {
    const grids = workbook({ sections: [{ name: '企画経営課' }] });
    grids[2] = { ...grids[2]!, name: '課 (2)' };
    expect(readDepartment(grids).data['sections']).toStrictEqual([{ name: '企画経営課' }]);
    const r = readDepartment(grids.filter((g) => g.name !== '特記事項'));
    expect(errors(r)).toEqual(['特記事項 シート「特記事項」がありません。この様式のシートは削除・改名しないでください（書くことがなければ行を空にします）']);
  });

  it('refuses a sheet whose key row lost a column, so its values cannot vanish', () => {
    const grids = workbook({});
    grids[4] = list(PROJECTS, '主要事業', [{ no: 1, title: '事業' }], PROJECTS.fields.map((f) => f.key).filter((k) => k !== 'summary'));
    expect(errors(readDepartment(grids))).toEqual([expect.stringMatching(/^主要事業 キーの行（灰色の小さな文字の行）に summary がありません/)]);
  });

  it('reads a plain budget as a number and anything more as the object form', () => {
    const r = readDepartment(
      workbook({
        projects: [
          { no: 1, title: 'A', 'budget.amount': 12000 },
          { no: 2, title: 'B', 'budget.amount': 500, 'budget.unit': '万円', 'budget.label': '予算額' },
          { no: 3, title: 'C', 'budget.amount': '未定' },
          { no: 4, title: 'D', 'budget.note': '一般会計' },
          { no: 5 },
        ],
      }),
    );
    expect((r.data['projects'] as { budget?: unknown }[]).map((p) => p.budget)).toStrictEqual([12000, { amount: 500, unit: '万円', label: '予算額' }, { amount: '未定' }, undefined]);
    expect(errors(r)).toEqual(['主要事業!E8 事業費の金額がありません（単位・名称・注記だけは書けません）']);
  });

  it('groups indicator rows: a name starts one, blank 事業番号 and name continue the one above', () => {
    const r = readDepartment(
      workbook({
        projects: [{ no: 1, title: 'A' }, { no: 2, title: 'B' }],
        indicators: [
          { project: 2, 'indicator.name': '参加者数', 'indicator.unit': '人', 'value.kind': '現状値', 'value.value': 120, 'value.year': 2019 },
          { 'value.label': '中間値', 'value.value': 150, 'value.at': '2021年3月', 'value.note': '見込み' },
          { 'value.kind': '目標値', 'value.value': 200, 'value.year': 2022 },
          { 'indicator.name': '計画', 'value.kind': '区分つき', 'value.label': '目標', 'value.value': '策定' },
          { project: 1, 'indicator.name': '件数', 'value.kind': '目標値', 'value.value': 3, 'value.unit': '件' },
        ],
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.data['projects']).toStrictEqual([
      { title: 'A', indicators: [{ name: '件数', target: { value: 3, unit: '件' } }] },
      {
        title: 'B',
        indicators: [
          { name: '参加者数', unit: '人', baseline: { value: 120, year: 2019 }, values: [{ label: '中間値', value: 150, at: '2021年3月', note: '見込み' }], target: { value: 200, year: 2022 } },
          { name: '計画', values: [{ label: '目標', value: '策定' }] },
        ],
      },
    ]);
    expect(r.places.get('projects[1].indicators[0].values[0].at')).toBe('目標指標!J6');
  });

  it('says at its cell each indicator row that cannot be placed', () => {
    const r = readDepartment(
      workbook({
        projects: [{ no: 1, title: 'A' }],
        indicators: [
          { project: 1, 'value.kind': '現状値', 'value.value': 1 },
          { project: 7, 'indicator.name': '件数', 'value.kind': '現状値', 'value.value': 1 },
          { project: 1, 'indicator.name': '件数', 'value.kind': '現状値', 'value.label': '基準値', 'value.value': 1 },
          { 'value.kind': '目標値', 'value.value': 2, 'value.year': 2022, 'value.at': '2022年' },
          { 'value.kind': '目標値', 'value.value': 3 },
          { 'value.value': 4 },
          { 'indicator.unit': '人' },
          { 'value.kind': '区分つき', 'value.value': 5 },
        ],
      }),
    );
    expect(errors(r)).toEqual([
      '目標指標!B5 指標名がありません（指標の最初の行には指標名を書きます）',
      '目標指標!A6 事業番号 7 の事業が主要事業シートにありません',
      '目標指標!F7 区分は「区分つき」の行にだけ書きます（現状値の行では空欄に）',
      '目標指標!J8 年度と時点は片方だけ書きます（年度なら年度の欄、それ以外の時点は時点の欄）',
      '目標指標!E9 この指標の目標値が2行あります。1つの指標に目標値は1つです',
      '目標指標!E10 種別がありません。現状値・目標値・区分つき から選んでください',
      '目標指標!C11 指標の単位は指標名の行に書きます',
      '目標指標!F12 区分つきの値には区分を書きます（例: 基準値、実績値）',
    ]);
  });

  it('reads merged 事業番号 cells (blank below the first) as the same project', () => {
    const r = readDepartment(
      workbook({
        projects: [{ no: 1, title: 'A' }, { no: 2, title: 'B' }],
        indicators: [
          { project: 2, 'indicator.name': 'X', 'value.kind': '現状値', 'value.value': 1 },
          { 'indicator.name': 'Y', 'value.kind': '目標値', 'value.value': 2 },
        ],
      }),
    );
    const projects = r.data['projects'] as { indicators?: { name: string }[] }[];
    expect(projects[0]!.indicators).toBeUndefined();
    expect(projects[1]!.indicators!.map((i) => i.name)).toEqual(['X', 'Y']);
  });

  it('imports hidden rows and says so; reports a form row that is missing or doubled, and values in rows it does not know', () => {
    const grids = workbook({ sections: [{ name: '企画経営課' }] });
    grids[2] = { ...grids[2]!, hiddenRows: new Set([5]) };
    grids[1] = form({ id: 'kikaku', name: '企画部' }, [['追加の行', 'ここに書いた', '', ''], ['部の名前', '二つ目', '', 'name']]);
    const r = readDepartment(grids);
    expect(r.data['sections']).toStrictEqual([{ name: '企画経営課' }]);
    expect(r.problems.map((p) => `${p.at} ${p.severity} ${p.message.split(' / ')[0]}`)).toEqual([
      '基本情報!B19 warning この行は様式にない行なので取り込みません',
      '基本情報!D20 error キー name の行が2つあります。片方を削除してください',
      '課!5:5 warning 非表示の行ですが、値があるので取り込みます。載せないなら行を削除してください',
    ]);
  });

  it('requires the name, a well-formed id, titles, and the contact section when contact is given', () => {
    const r = readDepartment(
      workbook({
        form: { id: 'Kikaku Bu', name: null, 'contact.phone': '0422-45-1151' },
        sections: [{ role: '役割だけ' }],
        projects: [{ no: 1, summary: '概要だけ' }],
      }),
    );
    expect(errors(r)).toEqual([
      expect.stringMatching(/^基本情報!B4 部のID「Kikaku Bu」がありません（または形が違います）/),
      '基本情報!B6 部の名前がありません',
      '基本情報!B14 問い合わせ先の担当課がありません（ほかの問い合わせ欄を書くときは必ず書きます）',
      '課!A5 課名がありません',
      '主要事業!B5 事業名がありません',
    ]);
  });
});
