// Decomposed kana are printed composed, with a warning on the character; half-width
// katakana get a warning with the full-width form; the manifest's data hash stays of the
// bytes as typed (the sources keep them).
import { describe, expect, it } from 'vitest';
import { loadDept } from './helpers.js';

function load(dept: string) {
  const r = loadDept(dept);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { ...r, bytes: new TextEncoder().encode(dept) };
}

const where = (ds: readonly { line: number; column: number; message: string }[]) =>
  ds.map((d) => `${d.line}:${d.column} ${d.message.split(' / ')[0]}`);

describe('decomposed text', () => {
  const dept = [
    'name: 企画部',
    'mission: |',
    '  一行目',
    '    二行目のか\u3099いと\u3099',
    'policy: >',
    '  折り返される',
    '  行のは\u309A',
    'projects:',
    '  - title: "題名\\u3066\\u3099す"',
    '    summary: 平文の',
    '      二行目のく\u3099',
    '',
  ].join('\r\n');

  it('is loaded composed, with one warning per decomposed character on its own line and column (CRLF file)', () => {
    const r = load(dept);
    const data = r.edition.departments[0]!.data;
    expect(data.mission).toBe('一行目\n  二行目のがいど\n');
    expect(data.policy).toBe('折り返される 行のぱ\n');
    expect(data.projects![0]!.title).toBe('題名です');
    expect(data.projects![0]!.summary).toBe('平文の 二行目のぐ');
    expect(r.warnings.every((w) => w.severity === 'warning' && w.file === 'e/departments/kikaku.yaml')).toBe(true);
    expect(where(r.warnings)).toEqual([
      '4:9 mission: 「が」が「か」と濁点（U+3099）の2文字に分かれています。「が」（U+304C）として印刷します。「が」と打ち直してください',
      '4:12 mission: 「ど」が「と」と濁点（U+3099）の2文字に分かれています。「ど」（U+3069）として印刷します。「ど」と打ち直してください',
      '7:5 policy: 「ぱ」が「は」と半濁点（U+309A）の2文字に分かれています。「ぱ」（U+3071）として印刷します。「ぱ」と打ち直してください',
      '9:15 projects[0].title: 「で」が「て」と濁点（U+3099）の2文字に分かれています。「で」（U+3067）として印刷します。「で」と打ち直してください',
      '11:11 projects[0].summary: 「ぐ」が「く」と濁点（U+3099）の2文字に分かれています。「ぐ」（U+3050）として印刷します。「ぐ」と打ち直してください',
    ]);
    // The sources keep the bytes as typed: the manifest hashes what the editor wrote.
    expect(r.edition.sources.find((s) => s.relPath === 'departments/kikaku.yaml')?.bytes).toEqual(r.bytes);
  });

  it('positionOf places a character of the composed text on the typed one, inside blocks', () => {
    const r = load(dept);
    const at = (path: (string | number)[], index: number) => r.edition.positionOf('departments/kikaku.yaml', path, index);
    const mission = r.edition.departments[0]!.data.mission!;
    expect(at(['mission'], mission.indexOf('が'))).toEqual({ line: 4, column: 9 });
    expect(at(['mission'], mission.indexOf('い'))).toEqual({ line: 4, column: 11 });
    expect(at(['mission'], mission.indexOf('ど'))).toEqual({ line: 4, column: 12 });
    // The line break after 一行目 is at the end of line 3 (before its \r).
    expect(at(['mission'], mission.indexOf('\n'))).toEqual({ line: 3, column: 6 });
    const policy = r.edition.departments[0]!.data.policy!;
    // The space that joins the two lines of a folded text: the line break it replaces.
    expect(at(['policy'], policy.indexOf(' '))).toEqual({ line: 6, column: 9 });
    expect(r.edition.joinedLineBreaks('departments/kikaku.yaml', ['policy'])).toEqual([policy.indexOf(' ')]);
    expect(r.edition.joinedLineBreaks('departments/kikaku.yaml', ['mission'])).toEqual([]);
    const summary = r.edition.departments[0]!.data.projects![0]!.summary!;
    expect(r.edition.joinedLineBreaks('e/departments/kikaku.yaml', ['projects', 0, 'summary'])).toEqual([summary.indexOf(' ')]);
    expect(at(['policy'], policy.indexOf('ぱ'))).toEqual({ line: 7, column: 5 });
    // Without an index: the value's start, as before.
    expect(r.edition.positionOf('departments/kikaku.yaml', ['mission'])).toEqual({ line: 2, column: 10 });
  });

  it('one warning per distinct character per text, however often it occurs', () => {
    const r = load('name: 企画部\nprojects:\n  - title: か\u3099か\u3099は\u309Aか\u3099\n');
    expect(r.warnings.map((w) => `${w.line}:${w.column}`)).toEqual(['3:12', '3:16']);
  });
});

describe('half-width katakana', () => {
  it('warns once per run with the full-width form, on the run, and prints it as typed', () => {
    const r = load('name: 企画部\nmission: >\n  案内は\n  ｶﾞｲﾄﾞﾌﾞｯｸ｢ﾃｽﾄ｣､ｰ を見てください\nprojects:\n  - title: ｶﾞｲﾄﾞ\n');
    expect(r.edition.departments[0]!.data.mission).toBe('案内は ｶﾞｲﾄﾞﾌﾞｯｸ｢ﾃｽﾄ｣､ｰ を見てください\n');
    expect(r.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '4:3 mission: 半角カタカナ「ｶﾞｲﾄﾞﾌﾞｯｸ｢ﾃｽﾄ｣､ｰ」があります。全角の「ガイドブック「テスト」、ー」と書いてください / ' +
        'half-width katakana 「ｶﾞｲﾄﾞﾌﾞｯｸ｢ﾃｽﾄ｣､ｰ」; write it full-width: 「ガイドブック「テスト」、ー」',
      '6:12 projects[0].title: 半角カタカナ「ｶﾞｲﾄﾞ」があります。全角の「ガイド」と書いてください / half-width katakana 「ｶﾞｲﾄﾞ」; write it full-width: 「ガイド」',
    ]);
  });

  it('half-width punctuation alone is named as such', () => {
    expect(load('name: 企画部\nprojects:\n  - title: 子ども･子育て\n').warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      '3:15 projects[0].title: 半角の記号「･」があります。全角の「・」と書いてください / half-width punctuation 「･」; write it full-width: 「・」',
    ]);
  });

  it('full-width katakana, circled numbers and ㈱ are no warning', () => {
    expect(load('name: 企画部\nprojects:\n  - title: ガイド①㈱（１２３）\n').warnings).toEqual([]);
  });
});

describe('stray spaces', () => {
  const warnings = (dept: string) => load(dept).warnings.map((w) => `${w.line}:${w.column} ${w.message.split(' / ')[0]}`);

  it('a half-width space between Japanese characters is named on the space, in one-line and running texts', () => {
    expect(warnings('name: 企画部\nprojects:\n  - title: 施策 の推進\n    summary: |\n      市民の声を聞き、 施策に生かします。\n')).toEqual([
      '3:14 projects[0].title: 日本語の間に半角スペースがあります（「施策 の推」）。空きとして印刷されます。不要なら削除し、区切りの空きなら全角スペース「　」を書いてください',
      '5:15 projects[0].summary: 日本語の間に半角スペースがあります（「き、 施策」）。空きとして印刷されます。不要なら削除し、区切りの空きなら全角スペース「　」を書いてください',
    ]);
  });

  it('a full-width space after 、 or 。 is named; one between words is a separator and left alone', () => {
    expect(warnings('name: 米子市　総務部\nprojects:\n  - title: 計画の策定、　推進\n')).toEqual([
      '3:18 projects[0].title: 「、」の後に全角スペースがあります（「定、　推進」）。「、」の空きに重なって印刷されます。削除してください',
    ]);
  });

  it('spaces at the ends of a quoted one-line text are named; a running text keeps its paragraph indent', () => {
    expect(warnings('name: " 企画部"\nmission: |\n  　市民とともに進めます。\nprojects:\n  - title: "事業名　"\n')).toEqual([
      '1:8 name: 先頭に空白があります。そのまま印刷されるので、削除してください',
      '5:16 projects[0].title: 末尾に空白があります。そのまま印刷されるので、削除してください',
    ]);
  });

  it('no warning for the space after a list mark that starts a line', () => {
    expect(warnings('name: 企画部\npolicy: |\n  ・ 市民参加の推進\n  （１） 行財政改革\n  ア） 情報発信\nprojects:\n  - title: ※ 再掲の事業\n')).toEqual([]);
    expect(warnings('name: 企画部\npolicy: |\n  方針・ 市民参加\n')).toHaveLength(1);
  });

  it('no warning for spaces next to Latin letters or digits, nor for a line break YAML folded (the model names that)', () => {
    expect(warnings('name: 企画部\nprojects:\n  - title: DX 推進と Web サイト 5 km の整備\n    summary: 平文の\n      二行目\n')).toEqual([]);
  });
});
