import { readFileSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { WORKBOOKS } from './support.js';
import { staticImports } from '../helpers/staticImports.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-template-');
});
afterAll(() => tmp.cleanup());

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('booklet template', () => {
  it('writes one workbook per department, numbered as the inserts, into templates-out by default', async () => {
    const r = await cli(['template', join(ROOT, 'data/sample'), '--xlsx'], tmp.dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^templates-out\/01-kikaku-seisaku\.xlsx {2}\d+\.\d kB\ntemplates-out\/02-kenko-fukushi\.xlsx/);
    expect(r.out).toMatch(/4 workbook\(s\) from .*; send each to its department, then: booklet import <workbook\.xlsx>\.\.\. --into /);
    expect((await readdir(join(tmp.dir, 'templates-out'))).sort()).toEqual(['01-kikaku-seisaku.xlsx', '02-kenko-fukushi.xlsx', '03-kodomo-mirai.xlsx', '04-toshi-seibi.xlsx']);
  });

  it('--dept writes that department only, --out where asked; the same edition gives the same bytes', async () => {
    const out = join(tmp.dir, 'one');
    expect((await cli(['template', 'data/2020', '--xlsx', '--dept', 'somu', '--out', out])).code).toBe(0);
    expect(await readdir(out)).toEqual(['02-somu.xlsx']);
    const first = await readFile(join(out, '02-somu.xlsx'));
    expect((await cli(['template', 'data/2020', '--xlsx', '--out', out])).code).toBe(0);
    expect(Buffer.compare(first, await readFile(join(out, '02-somu.xlsx')))).toBe(0);
  });

  it('refuses a text longer than an Excel cell holds, writing nothing', async () => {
    const dir = join(tmp.dir, 'long');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const file = join(dir, 'departments/somu.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}policy: ${'あ'.repeat(33_000)}\n`);
    const r = await cli(['template', dir, '--xlsx', '--out', join(tmp.dir, 'long-out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/somu\.yaml: policy has 33000 characters; an Excel cell holds at most 32767/);
    await expect(readdir(join(tmp.dir, 'long-out'))).rejects.toThrow();
  });

  it.each([
    [['template', 'data/2020'], /template: name the format, --xlsx/],
    [['template', 'data/2020', '--xlsx', '--dept', 'nope'], /--dept nope: no such department; this edition has kikaku, somu/],
    [['template', 'no/such/dir', '--xlsx'], /no such edition folder/],
    [['template', '--xlsx'], /^booklet: template needs <edition-dir>\nsee booklet template --help\n$/],
  ])('%j exits 2 with %s', async (args, message) => {
    const r = await cli(args, ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });
});

describe('booklet import', () => {
  it.each([
    [['import', 'x.xlsx'], /import: --into <edition-dir> is required/],
    [['import', '--into', 'data/2020'], /^booklet: import needs <workbook\.xlsx>\.\.\.\nsee booklet import --help\n$/],
    [['import', 'no-such.xlsx', '--into', 'data/2020'], /no-such\.xlsx: no such workbook file/],
    [['import', join(WORKBOOKS, 'excel-style/no-result.xlsx'), '--into', 'no/such/dir'], /no such edition folder/],
  ])('%j exits 2 with %s', async (args, message) => {
    const r = await cli(args, ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });

  it('says what to do with an .xls, a .csv or a file that is no workbook, and writes nothing', async () => {
    const dir = join(tmp.dir, 'formats');
    await cp(join(ROOT, 'data/2020'), join(dir, 'edition'), { recursive: true });
    await writeFile(join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await writeFile(join(dir, 'dept.csv'), '項目,記入欄\nname,企画部\n');
    await writeFile(join(dir, 'notes.xlsx'), 'これはブックではありません');
    const r = await cli(['import', 'old.xls', 'dept.csv', 'notes.xlsx', '--into', 'edition'], dir);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').slice(0, 3)).toEqual([
      'old.xls: error: 古い Excel 形式（.xls）は読めません。Excel か LibreOffice で開き、「Excel ブック (.xlsx)」形式で保存し直してから取り込んでください / the old .xls format cannot be read; save it as .xlsx',
      'dept.csv: error: CSV は取り込めません（列やシートの区別、セル内の改行が失われるため）。Excel か LibreOffice で開き、「Excel ブック (.xlsx)」形式で保存し直してから取り込んでください / CSV cannot be imported; save the workbook as .xlsx',
      'notes.xlsx: error: Excel ブック（.xlsx）ではありません。Excel か LibreOffice で開き、「Excel ブック (.xlsx)」形式で保存し直してから取り込んでください / this is not an .xlsx workbook',
    ]);
    expect(r.err).toMatch(/nothing was written\n$/);
  });

  it('refuses a workbook of a department the edition does not list, and says the year differs', async () => {
    const dir = join(tmp.dir, 'other-edition');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const r = await cli(['import', join(WORKBOOKS, 'libreoffice/sample/01-kikaku-seisaku.xlsx'), '--into', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('01-kikaku-seisaku.xlsx:基本情報!B4: error: 部のID「kikaku-seisaku」は');
    expect(r.err).toContain('01-kikaku-seisaku.xlsx:基本情報!B5: warning: この様式は2024年度の冊子から作られました。取り込み先は2020年度です');
  });

  it('changes nothing in a final (published) edition', async () => {
    const dir = join(tmp.dir, 'final');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const same = await cli(['import', join(WORKBOOKS, 'libreoffice/2020/02-somu.xlsx'), '--into', dir]);
    expect(same.code).toBe(0);
    await writeFile(join(dir, 'departments/somu.yaml'), (await readFile(join(dir, 'departments/somu.yaml'), 'utf8')).replace('name: 総務部', 'name: 総務局'));
    const r = await cli(['import', join(WORKBOOKS, 'libreoffice/2020/02-somu.xlsx'), '--into', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('edition.yaml: error: この冊子は確定版（status: final）なので、データを変えられません（departments/somu.yaml が変わります）');
    expect(await readFile(join(dir, 'departments/somu.yaml'), 'utf8')).toContain('name: 総務局');
  });

  it('replaces a department file that is not readable YAML with the workbook\'s, and says so', async () => {
    const dir = join(tmp.dir, 'broken');
    await cp(join(ROOT, 'data/sample'), dir, { recursive: true });
    await writeFile(join(dir, 'departments/kikaku-seisaku.yaml'), 'name: [企画政策部\n');
    const r = await cli(['import', join(WORKBOOKS, 'libreoffice/sample/01-kikaku-seisaku.xlsx'), '--into', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kikaku-seisaku\.yaml ← .*01-kikaku-seisaku\.xlsx: replaced\n/);
    expect(await readFile(join(dir, 'departments/kikaku-seisaku.yaml'), 'utf8')).toBe(await readFile(join(ROOT, 'data/sample/departments/kikaku-seisaku.yaml'), 'utf8'));
  });

  it('round-trips a scaffolded edition: booklet new, template, import leaves every file, TODO comments included, as it was', async () => {
    const next = join(tmp.dir, 'next');
    expect((await cli(['new', '2025', '--from', 'data/sample', '--out', next])).code).toBe(0);
    const before = await readFile(join(next, 'departments/kenko-fukushi.yaml'), 'utf8');
    expect(before).toContain('# TODO 目標値を見直してください');
    const out = join(tmp.dir, 'next-templates');
    expect((await cli(['template', next, '--xlsx', '--out', out])).code).toBe(0);
    const books = (await readdir(out)).map((f) => join(out, f));
    const r = await cli(['import', ...books, '--into', next]);
    expect(r.code).toBe(0);
    expect(r.out.match(/: unchanged\n/g)).toHaveLength(4);
    expect(await readFile(join(next, 'departments/kenko-fukushi.yaml'), 'utf8')).toBe(before);
  });
});

describe('template and import in a city project', () => {
  it("template -o writes the headers in the project's terms; import checks the result as check does, with the project's settings", async () => {
    const city = join(tmp.dir, 'city');
    expect((await cli(['init', city])).code).toBe(0);
    // A logo colour the theme gives no CMYK: \`booklet check\` fails on it (the print PDF would refuse it).
    await writeFile(join(city, 'logo/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#ff0000"/></svg>\n');
    await writeFile(join(city, 'booklet.config.yaml'), 'theme: theme.yaml\nlogo: logo/mark.svg\nterms:\n  department: 局\n');
    const t = await cli(['template', 'editions/sample', '--xlsx', '--dept', 'kikaku-seisaku', '-o', 'returned'], city);
    expect(t.err).toBe('');
    expect(t.code).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(join(city, 'returned/01-kikaku-seisaku.xlsx')));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('「基本情報」: 局の名前、');

    const check = await cli(['check', 'editions/sample'], city);
    expect(check.code).toBe(1);
    const r = await cli(['import', 'returned/01-kikaku-seisaku.xlsx', '--into', 'editions/sample'], city);
    expect(r.out).toMatch(/kikaku-seisaku\.yaml ← returned\/01-kikaku-seisaku\.xlsx: unchanged\ncheck .*editions\/sample: the edition has errors \(see above\)\n$/);
    expect(r.err).toBe(check.err);
    expect(r.code).toBe(1);
    noStack(r.err);
  }, 60_000);
});

describe('start-up', () => {
  it('no module the CLI loads at start reaches exceljs or jszip: only template and import load them, on use', () => {
    const { files: seen, packages } = staticImports(join(ROOT, 'src/cli/run.ts'));
    const reached = [...packages].filter(([spec]) => /^(exceljs|jszip)$/.test(spec)).map(([spec, file]) => `${relative(ROOT, file)} → ${spec}`);
    expect(seen.has(join(ROOT, 'src/cli/commands/import.ts'))).toBe(true);
    expect(reached).toEqual([]);
    expect([...seen].filter((f) => f.includes('/src/workbook/'))).toEqual([]);
  });
});
