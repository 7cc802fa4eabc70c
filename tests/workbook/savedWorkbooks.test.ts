import { readdirSync } from 'node:fs';
import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planImport } from '../../src/workbook/planImport.js';
import { readWorkbook } from '../../src/workbook/readWorkbook.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { editionFiles, fontCoverage, loaded, WORKBOOKS } from './support.js';

/**
 * Workbooks as departments send them back: saved by LibreOffice (committed, made by
 * tests/fixtures/workbooks/make/make-fixtures.sh, so no test needs LibreOffice) and with
 * what Excel writes and LibreOffice does not.
 */
let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-workbooks-');
});
afterAll(() => tmp.cleanup());

const SAVED: Record<string, string> = {
  sample: 'data/sample',
  '2020': 'data/2020',
  'tottori-2013': 'tests/fixtures/real/tottori-2013',
  'maniwa-2025': 'tests/fixtures/real/maniwa-2025',
};

async function copyOf(edition: string, name: string): Promise<string> {
  const dest = join(tmp.dir, name);
  await cp(join(ROOT, edition), dest, { recursive: true });
  return dest;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await readdir(join(dir, 'departments'))) out.set(f, await readFile(join(dir, 'departments', f), 'utf8'));
  out.set('edition.yaml', await readFile(join(dir, 'edition.yaml'), 'utf8'));
  return out;
}

describe.each(Object.entries(SAVED))('templates of %s opened and saved by LibreOffice', (folder, edition) => {
  it('import as the data they came from: every file unchanged, and new files equal', async () => {
    const files = readdirSync(join(WORKBOOKS, 'libreoffice', folder)).sort();
    const workbooks = await Promise.all(
      files.map(async (f) => ({ shown: f, read: await readWorkbook(f, new Uint8Array(await readFile(join(WORKBOOKS, 'libreoffice', folder, f)))) })),
    );
    const source = await loaded(edition);
    expect(workbooks).toHaveLength(source.departments.length);
    const all = await editionFiles(edition);
    const covered = await fontCoverage();
    const same = planImport(workbooks, { dir: join(ROOT, edition), files: all, covered });
    expect(same.diagnostics).toEqual([]);
    expect(same.files.every((f) => f.status === 'unchanged')).toBe(true);

    const draft = all
      .filter((f) => !f.relPath.startsWith('departments/'))
      .map((f) => (f.relPath === 'edition.yaml' ? { ...f, bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace(/^status: final$/m, 'status: draft')) } : f));
    const fresh = planImport(workbooks, { dir: join(ROOT, edition), files: draft, covered });
    expect(fresh.diagnostics).toEqual([]);
    const byId = new Map(fresh.files.map((f) => [f.relPath, parse(f.text) as unknown]));
    for (const d of source.departments) expect(byId.get(`departments/${d.id}.yaml`), d.id).toStrictEqual(d.data);
  });
});

describe('a workbook a department edited in LibreOffice', () => {
  it('updates its YAML in place: edits, an inserted project, a removed section; comments and the other text untouched', async () => {
    const dir = await copyOf('data/sample', 'edited');
    const before = await readFile(join(dir, 'departments/kikaku-seisaku.yaml'), 'utf8');
    const r = await cli(['import', join(WORKBOOKS, 'libreoffice/edited-kikaku-seisaku.xlsx'), '--into', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'kikaku-seisaku.yaml ← ' +
        `${join(WORKBOOKS, 'libreoffice/edited-kikaku-seisaku.xlsx')}: updated: mission, sections[3] (removed), resources.staff, specialTopics[0].body, ` +
        'projects[0].indicators[0].target.value, projects[1] (added), contact (added)\n',
    );
    expect(r.out).toMatch(/check .*edited: ok\n$/);
    // What the department did that the tool does not take is said, at its place.
    expect(r.err).toContain('edited-kikaku-seisaku.xlsx:主要事業!J5: warning: この列（備考）は様式にない列なので取り込みません');
    expect(r.err).toContain('edited-kikaku-seisaku.xlsx:目標指標!9:9: warning: 非表示の行ですが、値があるので取り込みます');

    const after = await readFile(join(dir, 'departments/kikaku-seisaku.yaml'), 'utf8');
    const data = parse(after);
    expect(after.split('\n')[0]).toBe(before.split('\n')[0]);
    expect(data.mission).toBe('市の最上位計画である『第4次見本市基本計画』を着実に推進します。\n\n・政策を総合的に企画・調整します\n・DXを推進します\n① 丸数字の項目も、そのまま箇条書きになります');
    expect(data.resources.staff).toBe(60);
    expect(data.contact).toStrictEqual({ section: '企画経営課', extension: '0312' });
    expect(data.sections.map((s: { name: string }) => s.name)).toEqual(['企画経営課', '財政課', 'デジタル推進課']);
    expect(data.projects[0].indicators[0].target).toStrictEqual({ value: 160, year: 2025 });
    expect(data.projects[1]).toStrictEqual({
      title: '地域ポイント制度の創設（新規）',
      summary: '市内の店舗と連携し、ボランティア活動にポイントを付与します。\n\n2025年度から本格実施します。',
      budget: { amount: 12000, unit: '千円' },
      indicators: [
        {
          name: '地域ポイントの利用者数',
          unit: '人',
          baseline: { value: 0, year: 2024 },
          values: [{ label: '中間目標', value: 3000, at: '2025年9月', note: '見込み' }],
          target: { value: 10000, year: 2026 },
        },
      ],
    });
    // The title made by a formula, the merged 事業番号 and the hidden row changed nothing.
    const old = parse(before);
    expect(data.projects[3].title).toBe(old.projects[2].title);
    expect(data.projects[0].indicators).toStrictEqual([{ ...old.projects[0].indicators[0], target: { value: 160, year: 2025 } }, old.projects[0].indicators[1]]);
    expect(data.projects.slice(2)).toStrictEqual(old.projects.slice(1));
    // Every line of the old file that holds a project's text is still there, as it was.
    for (const line of before.split('\n').filter((l) => l.includes('summary:') || l.includes('- title:'))) expect(after).toContain(line);
  });
});

describe('a damaged workbook', () => {
  it('gets every error at its cell, and nothing is written', async () => {
    const dir = await copyOf('data/sample', 'damaged');
    const before = await snapshot(dir);
    const mtime = (await stat(join(dir, 'departments/kenko-fukushi.yaml'))).mtimeMs;
    const file = join(WORKBOOKS, 'libreoffice/damaged-kenko-fukushi.xlsx');
    const r = await cli(['import', file, '--into', dir]);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.includes(': error: ')).map((l) => l.replace(`${file}:`, '').replace(/ \/ .*$/, ''));
    expect(lines).toEqual([
      '基本情報!B6: error: 部の名前がありません',
      '主要事業!B6: error: 事業名がありません',
      expect.stringMatching(/^主要事業!B7: error: 「🎉」\(U\+1F389\) はフォントにない文字です/),
      '目標指標!I5: error: 「令和5年度」は西暦の年度ではありません。年度は 2022 のように数字で（令和5年度 なら 2023）、それ以外の時点（2016年、令和4年度末など）は「時点」の欄に書いてください',
      '目標指標!J6: error: 年度と時点は片方だけ書きます（年度なら年度の欄、それ以外の時点は時点の欄）',
      '目標指標!E8: error: この指標の現状値が2行あります。1つの指標に現状値は1つです',
      '目標指標!G9: error: エラー値 #DIV/0! です。値を直してください',
      expect.stringMatching(/^目標指標!A\d+: error: 事業番号 99 の事業が主要事業シートにありません$/),
    ]);
    expect(r.err).toMatch(/8 errors\nnothing was written\n$/);
    expect(r.out).toBe('');
    expect(await snapshot(dir)).toStrictEqual(before);
    expect((await stat(join(dir, 'departments/kenko-fukushi.yaml'))).mtimeMs).toBe(mtime);
  });

  it('stops the whole import: a good workbook given with it is not written either', async () => {
    const dir = await copyOf('data/sample', 'damaged-with-good');
    const before = await snapshot(dir);
    const r = await cli(['import', join(WORKBOOKS, 'libreoffice/edited-kikaku-seisaku.xlsx'), join(WORKBOOKS, 'libreoffice/damaged-kenko-fukushi.xlsx'), '--into', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was written');
    expect(await snapshot(dir)).toStrictEqual(before);
  });
});

describe('what Excel writes', () => {
  it('reads formulas by their saved results, rich text, links, and text with its furigana as the text alone', async () => {
    const dir = await copyOf('data/sample', 'excel');
    const before = parse(await readFile(join(dir, 'departments/kodomo-mirai.yaml'), 'utf8'));
    const r = await cli(['import', join(WORKBOOKS, 'excel-style/kodomo-mirai.xlsx'), '--into', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kodomo-mirai\.yaml ← .*: updated: contact \(added\)\n/);
    const after = parse(await readFile(join(dir, 'departments/kodomo-mirai.yaml'), 'utf8'));
    expect(after).toStrictEqual({ ...before, contact: { section: '子ども政策課', web: 'https://www.city.mihon.example.jp/kodomo/' } });
  });

  it('says a formula saved without its result, at its cell', async () => {
    const dir = await copyOf('data/sample', 'no-result');
    const r = await cli(['import', join(WORKBOOKS, 'excel-style/no-result.xlsx'), '--into', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no-result.xlsx:課!C6: error: 数式 =SUM(C5:C5) の計算結果が保存されていません。');
  });
});
