import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scratch } from '../helpers/fixtures.js';
import { readPdf } from '../helpers/pdf.js';
import { parseEdition } from '../../src/load/index.js';
import { dataWarnings } from '../../src/model/notes.js';

const enc = new TextEncoder();
const file = (relPath: string, text: string) => ({ path: `data/x/${relPath}`, relPath, bytes: enc.encode(text) });
const EDITION = 'fiscalYear: 2020\ncity: 北区\ntitle: 各局の運営方針\nnumbering: circled\ndepartments: [a]\n';

function warnings(dept: string, edition = EDITION) {
  const r = parseEdition([file('edition.yaml', edition), file('departments/a.yaml', dept)], 'data/x');
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return dataWarnings(r.edition).map((d) => `${d.file.replace('data/x/', '')}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}

describe('data notes: valid data the booklet prints differently from how it may read', () => {
  it('a department without key projects is printed, with a warning at its projects or name', () => {
    expect(warnings('name: 会計管理室\nprojects: []\n')).toEqual([
      expect.stringMatching(/^departments\/a\.yaml:2:11: warning: projects: 主要事業がありません.* \/ no key projects/),
    ]);
    expect(warnings('name: 会計管理室\n')).toEqual([expect.stringMatching(/^departments\/a\.yaml:1:7: warning: name: 主要事業がありません。この部は/)]);
    // The edition's own word for a department (米子市: 部局).
    expect(warnings('name: 淀江支所\n', `${EDITION}terms:\n  department: 部局\n`)).toEqual([expect.stringMatching(/warning: name: 主要事業がありません。この部局は/)]);
  });

  it('the warning quotes the line the booklet prints under such a department when it has no texts either, in the edition\'s own words', () => {
    expect(warnings('name: 会計管理室\n')).toEqual([expect.stringContaining('見出しと本文だけを印刷します（本文もなければ見出しの下に「（主要事業と目標指標の掲載はありません）」と印刷します）')]);
    expect(warnings('name: 会計管理室\n', `${EDITION}terms:\n  projects: 重点課題\n`)).toEqual([
      expect.stringContaining('重点課題がありません。この部は見出しと本文だけを印刷します（本文もなければ見出しの下に「（重点課題の掲載はありません）」と印刷'),
    ]);
    expect(warnings('name: 会計管理室\n', `${EDITION}terms:\n  nothingListed: 今年度の掲載事業はありません。\n`)).toEqual([
      expect.stringContaining('「今年度の掲載事業はありません。」と印刷'),
    ]);
  });

  it('a line joined in the middle of a sentence is named at its own line in a block text', () => {
    const dept = 'name: 部\npolicy: |\n  最初の段落。\n\n  行政の\n  デジタル化を進め\n  ます。\nprojects:\n  - title: 事業\n';
    expect(warnings(dept)).toEqual([
      expect.stringMatching(/^departments\/a\.yaml:6:3: warning: policy: 文の途中で改行されています。この行は前の行につなげて印刷します（ほか1か所も同様）.* \(and 1 more in this text\)/),
    ]);
  });

  it('list items and sentence ends give no warning', () => {
    expect(warnings('name: 部\nmission: |\n  次のとおり。\n  ・一つ目\n  ・二つ目\nprojects:\n  - title: 事業\n')).toEqual([]);
  });

  it('a line break in a one-line field is joined, with a warning', () => {
    expect(warnings('name: 部\nprojects:\n  - title: |\n      事業の\n      推進\n')).toEqual([
      expect.stringMatching(/^departments\/a\.yaml:5:7: warning: projects\[0\]\.title: この項目は1行で印刷するため/),
    ]);
  });

  it('a text YAML folded (written on several lines without |) is named where a stray space lands next to Japanese', () => {
    expect(warnings('name: 部\npolicy: 行政の\n  デジタル化を進めます。\nmission: ICT\n  strategy\nprojects:\n  - title: 事業\n')).toEqual([
      expect.stringMatching(/^departments\/a\.yaml:2:12: warning: policy: 複数行に書かれた文の改行が、YAMLの規則で空白になっています。.*「policy: \|」/),
    ]);
  });

  it('circled numbering asked for past fifty projects', () => {
    const dept = `name: 部\nprojects:\n${Array.from({ length: 51 }, (_, i) => `  - title: 事業${i}`).join('\n')}\n`;
    expect(warnings(dept)).toEqual([expect.stringMatching(/projects: ①〜㊿の番号は50件までです。51件あるこの部の主要事業には 1\. 2\. …/)]);
  });

  it('continuousNumbering past ㊿ for the whole edition, or with a numbering that prints no numbers', () => {
    const dept = (n: number) => `name: 部\nprojects:\n${Array.from({ length: n }, (_, i) => `  - title: 事業${i}`).join('\n')}\n`;
    const through = (numbering: string) => EDITION.replace('numbering: circled', `numbering: ${numbering}\ncontinuousNumbering: true`);
    expect(warnings(dept(51), through('circled'))).toEqual([
      expect.stringMatching(/^edition\.yaml:4:12: warning: numbering: ①〜㊿の番号は50件までです。通し番号で51件ある主要事業には 1\. 2\. …/),
    ]);
    expect(warnings(dept(50), through('circled'))).toEqual([]);
    expect(warnings(dept(2), through('bullet'))).toEqual([
      expect.stringMatching(/^edition\.yaml:5:22: warning: continuousNumbering: numbering: bullet は番号を付けないため、通し番号にはなりません。.* \/ numbering: bullet prints no numbers/),
    ]);
    expect(warnings(dept(2), through('arabic'))).toEqual([]);
  });
});

describe('check and build report the notes', () => {
  it('a department with `projects: []` passes check with a warning, fails check --strict, and builds', async () => {
    const tmp = await scratch('booklet-notes-');
    try {
      const dir = join(tmp.dir, 'e');
      await mkdir(join(dir, 'departments'), { recursive: true });
      await writeFile(join(dir, 'edition.yaml'), 'fiscalYear: 2020\ncity: 北区\ntitle: 各部の運営方針と目標\ndepartments: [kaikei]\n');
      await writeFile(join(dir, 'departments/kaikei.yaml'), 'name: 会計管理室\nmission: 会計事務を適正に行います。\nprojects: []\n');
      const check = await cli(['check', dir]);
      expect(check.code, check.err).toBe(0);
      expect(check.err).toMatch(/kaikei\.yaml:3:11: warning: projects: 主要事業がありません/);
      expect((await cli(['check', dir, '--strict'])).code).toBe(1);
      const build = await cli(['build', dir, '--out', join(tmp.dir, 'out'), '--only', 'booklet']);
      expect(build.code, build.err).toBe(0);
      const text = (await readPdf(new Uint8Array(await readFile(join(tmp.dir, 'out/booklet.pdf'))))).pages.join('');
      expect(text).toContain('会計管理室');
      expect(text).toContain('会計事務を適正に行います。');
      expect(text).not.toContain('主要事業と目標指標');
    } finally {
      await tmp.cleanup();
    }
  });
});
