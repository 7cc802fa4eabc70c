// Numbers print as typed or are refused: every form YAML 1.2's core schema reads as a
// number, checked where the data takes a number or a text (an indicator's value), a whole
// number (a staff count) and only a text (a title).
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/load/index.js';
import { numberFormHint, numberFromText, printedDigits } from '../../src/load/numberHint.js';
import { parseYaml } from '../../src/load/parseYaml.js';
import { editionYaml, loadDept } from './helpers.js';

/** The department with `written` as an indicator value (number or text) on line 7, column 18. */
const withValue = (written: string) =>
  `name: 企画部\nprojects:\n  - title: 事業\n    indicators:\n      - name: 指標\n        target:\n          value: ${written}\n          year: 2022\n`;

const errorsOf = (r: ReturnType<typeof loadDept>): Diagnostic[] => (r.ok ? [] : r.diagnostics.filter((d) => d.severity === 'error'));

describe('what yaml reads as a number (YAML 1.2 core schema), and whether it prints as typed', () => {
  it.each([
    // written, what yaml reads
    ['120000', 120000],
    ['-3', -3],
    ['0', 0],
    ['0.25', 0.25],
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 17],
    ['1e3', 1000],
    ['1.2E+5', 120000],
    ['.5', 0.5],
    ['5.', 5],
    ['1.50', 1.5],
    ['+5', 5],
    ['12345678901234567890', 12345678901234567000],
  ])('%s is the number %d', (written, n) => {
    expect(parseYaml('x.yaml', `v: ${written}\n`).data?.value).toEqual({ v: n });
  });

  it.each(['1_000', '1,000', '0b101', '0X1F', '0O17', '-0x1F', '1e', '１２３', '０x1F', '12:30', '0x', "'0x1F'", '"017"'])(
    '%s stays text in YAML 1.2 (and so prints as typed where text is taken)',
    (written) => {
      expect(typeof (parseYaml('x.yaml', `v: ${written}\n`).data?.value as { v: unknown }).v).toBe('string');
      expect(errorsOf(loadDept(withValue(written)))).toEqual([]);
    },
  );

  it.each(['120000', '-3', '0', '0.25', '3.14', '-0.5', '9007199254740991'])('%s prints as typed: no error', (written) => {
    expect(errorsOf(loadDept(withValue(written)))).toEqual([]);
  });

  it.each([
    ['0x1F', '16進数として 31 と読まれます', 'is read as hexadecimal, 31', '31'],
    ['0o17', '8進数として 15 と読まれます', 'is read as octal, 15', '15'],
    ['017', '先頭の0が消えて 17 と印刷されます', 'prints as 17, without its leading zero', '17'],
    ['1e3', '指数表記として 1000 と読まれます', 'is read as a power of ten, 1000', '1000'],
    ['.5', '小数点の前に0が補われて 0.5 と印刷されます', 'prints as 0.5', '0.5'],
    ['5.', '末尾の0や小数点が消えて 5 と印刷されます', 'prints as 5, without its trailing zeros or point', '5'],
    ['1.50', '末尾の0や小数点が消えて 1.5 と印刷されます', 'prints as 1.5, without its trailing zeros or point', '1.5'],
    ['+5', '「+」が消えて 5 と印刷されます', 'prints as 5, without its + sign', '5'],
    ['3e-323', '指数表記として 0 と読まれます', 'is read as a power of ten, 0', undefined],
    ['3.14159265358979323846', '桁が多すぎて 3.141592653589793 に丸められます', 'has more digits than can be kept; it becomes 3.141592653589793', undefined],
    ['12345678901234567890', '桁が多すぎて正確に扱えません（12345678901234567000 になります', 'has too many digits to be kept exactly', undefined],
    ['9007199254740993', '桁が多すぎて正確に扱えません（9007199254740992 になります', 'whole numbers go up to 9007199254740991', undefined],
  ])('%s is an error at its place, saying what it becomes and to quote it', (written, ja, en, plain) => {
    const errors = errorsOf(loadDept(withValue(written)));
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect({ file: e!.file, line: e!.line, column: e!.column }).toEqual({ file: 'e/departments/kikaku.yaml', line: 7, column: 18 });
    expect(e!.message).toContain(`projects[0].indicators[0].target.value: 「${written}」は${ja}`);
    expect(e!.message).toContain(en);
    expect(e!.message).toContain(`書いたとおりに印刷するには "${written}" のように引用符で囲んでください`);
    expect(e!.message).toContain(`to print it as written, put it in quotes: "${written}"`);
    if (plain) expect(e!.message).toContain(`as a number write ${plain}`);
    else expect(e!.message).not.toContain('as a number write');
  });

  it('quoting the value makes it text, printed as typed', () => {
    const r = loadDept(withValue('"0x1F"'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.edition.departments[0]!.data.projects![0]!.indicators![0]!.target!.value).toBe('0x1F');
  });

  it('a whole-number field suggests only the plain number (text would not be taken there)', () => {
    const errors = errorsOf(loadDept('name: 企画部\nresources:\n  staff: 0x1F\n  budget: 1.2e5\nprojects:\n  - title: 事業\n'));
    expect(errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, 10, 'resources.staff: 「0x1F」は16進数として 31 と読まれます。数値なら 31 と書いてください / 0x1F is read as hexadecimal, 31; as a number write 31'],
      [4, 11, 'resources.budget: 「1.2e5」は指数表記として 120000 と読まれます。数値なら 120000 と書いてください / 1.2e5 is read as a power of ten, 120000; as a number write 120000'],
    ]);
  });

  it('where the field refuses the number anyway, the field says what it wants (one message per value)', () => {
    const errors = errorsOf(loadDept('name: 企画部\nresources:\n  staff: 1.50\nprojects:\n  - title: 0x10\n'));
    expect(errors.map((e) => [e.line, e.column, e.message.split(' / ')[0]])).toEqual([
      [3, 10, 'resources.staff: 職員数は整数で書いてください（1.50 ではなく）'],
      [5, 12, 'projects[0].title: 事業名は文字列で書いてください。"0x10" のように引用符で囲むと文字列になります'],
    ]);
  });

  it('an unknown key is reported as such, whatever its value', () => {
    const errors = errorsOf(loadDept('name: 企画部\nstaf: 0x1F\nprojects:\n  - title: 事業\n'));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('「staf」という項目はありません')]);
  });

  it('edition.yaml is checked too: fiscalYear: 0x7E4 is not 2020 as written', () => {
    const r = loadDept('name: 企画部\nprojects:\n  - title: 事業\n', editionYaml().replace('fiscalYear: 2020', 'fiscalYear: 0x7E4'));
    expect(errorsOf(r).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message.split(' / ')[0]}`)).toEqual([
      'e/edition.yaml:1:13: fiscalYear: 「0x7E4」は16進数として 2020 と読まれます。数値なら 2020 と書いてください',
    ]);
  });
});

describe('numberFormHint and the text forms', () => {
  it('names infinity for .inf where a field would take it', () => {
    expect(numberFormHint('.inf', Infinity, () => true)).toBe(
      '「.inf」は無限大または非数（NaN）と読まれます。書いたとおりに印刷するには ".inf" のように引用符で囲んでください / ' +
        '.inf is read as infinity or not-a-number; to print it as written, put it in quotes: ".inf"',
    );
    expect(numberFormHint('.inf', Infinity, () => false)).toBeUndefined();
  });

  it('printedDigits is what the booklet prints, less grouping', () => {
    expect([31, 0.5, 1e21, 1e-7, -0].map(printedDigits)).toEqual(['31', '0.5', '1000000000000000000000', '0.0000001', '-0']);
    expect(printedDigits(NaN)).toBeUndefined();
  });

  it('1_000 (text in YAML 1.2) is read as 1000 in the hint of a number field', () => {
    expect(numberFromText('1_000')).toBe(1000);
    const errors = errorsOf(loadDept('name: 企画部\nresources:\n  staff: 1_000\nprojects:\n  - title: 事業\n'));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('"1_000" is written 1000')]);
  });
});
