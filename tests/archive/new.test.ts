import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { watermarks } from '../helpers/watermark.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-new-');
});
afterAll(() => tmp.cleanup());

const read = (dir: string, rel: string) => readFile(join(dir, rel), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

describe('new 2021 --from data/2020', () => {
  let dir: string;
  let r: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = join(tmp.dir, 'data/2021');
    r = await cli(['new', '2021', '--from', 'data/2020', '--out', dir]);
  });

  it('writes an edition that check accepts: fiscalYear 2021, status draft, no eraLabel or issueDate', async () => {
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/created .*: 令和3年度 \(fiscalYear 2021\), status draft, 10 department\(s\)/);
    const check = await cli(['check', dir]);
    expect(check.err).toBe('');
    expect(check.code).toBe(0);
    const edition = parse(await read(dir, 'edition.yaml')) as Yaml;
    expect(edition.fiscalYear).toBe(2021);
    expect(edition.status).toBe('draft');
    expect(edition).not.toHaveProperty('eraLabel');
    expect(edition).not.toHaveProperty('issueDate');
    expect(edition.digest.eraLines).toEqual(['令和', '3年度']);
  });

  it('keeps everything else: same departments, texts, key order and comments', async () => {
    const before = await read(join(ROOT, 'data/2020'), 'edition.yaml');
    const after = await read(dir, 'edition.yaml');
    const strip = (s: string) =>
      s
        .replace(/^# yaml-language-server: .*$/m, '')
        .replace(/^fiscalYear: .*$/m, '')
        .replace(/^status: .*$/m, '')
        .replace(/eraLines: .*$/m, '');
    expect(strip(after)).toBe(strip(before));
    expect(after.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/^# yaml-language-server: \$schema=.*schema\/edition\.schema\.json$/), 'fiscalYear: 2021', 'status: draft']);
    const departments = (await readdir(join(ROOT, 'data/2020/departments'))).sort();
    expect((await readdir(join(dir, 'departments'))).sort()).toEqual(departments);
    for (const name of departments) {
      const old = await read(join(ROOT, 'data/2020/departments'), name);
      const now = await read(join(dir, 'departments'), name);
      expect(now.split('\n').slice(1)).toEqual(old.split('\n').slice(1)); // all but the $schema line, which points at the same schema
    }
  });

  it('the $schema comment still points at the schema from the new folder', async () => {
    const line = (await read(dir, 'departments/kikaku.yaml')).split('\n')[0]!;
    const ref = /\$schema=(\S+)/.exec(line)![1]!;
    expect(join(dir, 'departments', ref)).toBe(join(ROOT, 'schema/department.schema.json'));
  });

  it('builds into a 令和3年度 booklet whose pages say 校正', async () => {
    const out = join(tmp.dir, 'out2021');
    const b = await cli(['build', dir, '--out', out]);
    expect(b.code).toBe(0);
    const booklet = await readPdf(new Uint8Array(await readFile(join(out, 'booklet.pdf'))));
    const all = squash(booklet.pages.join('\n'));
    expect(all).toContain('令和3年度');
    expect(all).not.toContain('令和2年度');
    // The watermark is an outline behind each page, not text (it would mix into copied text).
    expect(await watermarks(new Uint8Array(await readFile(join(out, 'booklet.pdf'))))).toEqual(booklet.pages.map(() => '校正'));
  });

  it('refuses (exit 1) when the target folder exists, and writes nothing', async () => {
    const again = await cli(['new', '2021', '--from', 'data/2020', '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    noStack(again.err);
    const existing = join(tmp.dir, 'empty');
    await mkdir(existing);
    const empty = await cli(['new', '2021', '--from', 'data/2020', '--out', existing]);
    expect(empty.code).toBe(1);
    expect(await readdir(existing)).toEqual([]);
  });
});

describe('new 2025 --from data/sample', () => {
  let dir: string;
  let r: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = join(tmp.dir, 'sample2025');
    r = await cli(['new', '2025', '--from', 'data/sample', '--out', dir]);
  });

  it('is accepted by check', async () => {
    expect(r.code).toBe(0);
    const check = await cli(['check', dir]);
    expect(check.code).toBe(0);
  });

  it('drops the explicit eraLabel with a note, and issueDate; status sample becomes draft', async () => {
    expect(r.err).toMatch(/note: edition\.yaml had an explicit eraLabel \(令和6年度\); it was removed/);
    expect(r.err).toMatch(/note: issueDate \(2024-06-01\) was removed/);
    const text = await read(dir, 'edition.yaml');
    expect(text).not.toMatch(/eraLabel|issueDate/);
    expect(text).toMatch(/^# 見本（架空の市）/m); // comments kept
    const edition = parse(text) as Yaml;
    expect(edition.status).toBe('draft');
    expect(Object.keys(edition)).toEqual(Object.keys(parse(await read(join(ROOT, 'data/sample'), 'edition.yaml')) as Yaml).filter((k) => k !== 'eraLabel' && k !== 'issueDate'));
  });

  it('every indicator baseline is the old target, and the target is kept, marked TODO', async () => {
    const names = (await readdir(join(ROOT, 'data/sample/departments'))).sort();
    let indicators = 0;
    for (const name of names) {
      const old = parse(await read(join(ROOT, 'data/sample/departments'), name)) as Yaml;
      const text = await read(join(dir, 'departments'), name);
      const now = parse(text) as Yaml;
      old.projects.forEach((project: Yaml, p: number) => {
        (project.indicators ?? []).forEach((indicator: Yaml, i: number) => {
          const next = now.projects[p].indicators[i];
          expect(next.baseline).toEqual(indicator.target);
          expect(next.target).toEqual(indicator.target);
          expect(Object.keys(next)).toEqual(Object.keys(indicator));
          indicators++;
        });
      });
      const todos = text.split('\n').filter((l) => /^\s+target: .* # TODO 目標値を見直してください$/.test(l));
      expect(todos.length).toBe(old.projects.flatMap((p: Yaml) => p.indicators ?? []).length);
    }
    expect(indicators).toBeGreaterThan(10);
    expect(r.err).toMatch(new RegExp(`${indicators} indicator target\\(s\\) kept from 2024`));
  });

  it('changes no other line: flow styles, quoting and blank lines are as the editor wrote them', async () => {
    for (const rel of ['edition.yaml', ...(await readdir(join(ROOT, 'data/sample/departments'))).map((n) => `departments/${n}`)]) {
      const old = (await read(join(ROOT, 'data/sample'), rel)).split('\n').slice(1);
      const now = (await read(dir, rel)).split('\n').slice(1);
      const keep = (l: string) => !/^(fiscalYear|eraLabel|status|issueDate):|^\s+(baseline|target):|eraLines:/.test(l);
      expect(now.filter(keep)).toEqual(old.filter(keep));
    }
  });

  it('lists the texts that still mention the old year', () => {
    expect(r.err).toMatch(/note: these texts mention 2024年 or 令和6年度; revise them for 2025: .*departments\/kikaku-seisaku\.yaml:\d+/);
  });
});

describe('new: other shapes of data', () => {
  it('block-style targets, flow-style indicators, no baseline, eraLabel as the first key, eraLines it cannot follow', async () => {
    const src = join(tmp.dir, 'shapes/2019');
    await mkdir(join(src, 'departments'), { recursive: true });
    await writeFile(
      join(src, 'edition.yaml'),
      [
        '# header comment',
        'eraLabel: 平成31年度',
        'fiscalYear: 2019',
        'city: 見本市',
        'title: 各部の運営方針と目標',
        'introduction: はじめに。',
        'contact: { section: 企画経営課 }',
        'distribution:',
        '  handedOut: [窓口]',
        'digest:',
        '  eraLines: [平成31, 年度]',
        'departments: [a]',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(src, 'departments/a.yaml'),
      [
        'name: 企画部',
        'projects:',
        '  - title: 事業',
        '    indicators:',
        '      - { name: 参加者数, unit: 人, target: { value: 200, year: 2022 } }',
        '      - name: 指標2',
        '        baseline:',
        '          value: 1',
        '          year: 2018',
        '        # a comment on target',
        '        target:',
        '          value: 2',
        '          year: 2020',
        '',
      ].join('\n'),
    );
    const out = join(tmp.dir, 'shapes/2020');
    const r = await cli(['new', '2020', '--from', src, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: digest\.eraLines \[平成31, 年度\] was removed/);
    expect((await cli(['check', out])).code).toBe(0);
    const edition = await read(out, 'edition.yaml');
    expect(edition.startsWith('# header comment\nfiscalYear: 2020\nstatus: draft\n')).toBe(true);
    expect(parse(edition)).not.toHaveProperty('digest');
    const dept = await read(out, 'departments/a.yaml');
    expect(dept).toContain('# a comment on target\n        # TODO 目標値を見直してください\n        target:');
    const data = parse(dept) as Yaml;
    expect(data.projects[0].indicators[0]).toEqual({ name: '参加者数', unit: '人', baseline: { value: 200, year: 2022 }, target: { value: 200, year: 2022 } });
    expect(data.projects[0].indicators[1].baseline).toEqual({ value: 2, year: 2020 });
  });

  it('follows eraLines split after the year number', async () => {
    const src = join(tmp.dir, 'split/2020');
    await cp(join(ROOT, 'data/2020'), src, { recursive: true });
    const file = join(src, 'edition.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('eraLines: [令和, 2年度]', 'eraLines: [令和2, 年度]'));
    const out = join(tmp.dir, 'split/2021');
    expect((await cli(['new', '2021', '--from', src, '--out', out])).code).toBe(0);
    expect(await read(out, 'edition.yaml')).toContain('eraLines: [令和3, 年度]');
  });
});

describe('new: usage', () => {
  it.each([
    [['new', '21', '--from', 'data/2020'], /not a fiscal year/],
    [['new', '2021'], /--from <edition-dir> is required/],
    [['new', '2021', '--from', 'no/such'], /no such edition folder/],
  ])('%j exits 2', async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('a year not after the source edition is refused', async () => {
    const r = await cli(['new', '2020', '--from', 'data/2020', '--out', join(tmp.dir, 'same')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already for 2020; give a later year/);
  });
});
