import { describe, expect, it } from 'vitest';
import { cleanText, readCell } from '../../src/workbook/cellValues.js';

const text = (t: string) => ({ type: 'text', text: t }) as const;
const num = (value: number, format?: string) => (format ? ({ type: 'number', value, format } as const) : ({ type: 'number', value } as const));
const problem = (r: ReturnType<typeof readCell>) => ('problem' in r ? r.problem : undefined);

describe('readCell', () => {
  it('keeps text as text: line breaks, list marks, full-width characters, digits', () => {
    const t = '・一つ目\n・二つ目\n\n①　全角スペースのあと';
    expect(readCell('paragraphs', text(t))).toEqual({ value: t });
    expect(readCell('text', text('0312'))).toEqual({ value: '0312' });
    expect(readCell('amount', text('策定'))).toEqual({ value: '策定' });
    expect(readCell('amount', text('12'))).toEqual({ value: '12' });
  });

  it('turns a number in a text field into its digits, padded as the cell shows it', () => {
    expect(readCell('text', num(312, '0000'))).toEqual({ value: '0312' });
    expect(readCell('text', num(2150))).toEqual({ value: '2150' });
    expect(readCell('text', num(47.5))).toEqual({ value: '47.5' });
  });

  it('reads whole numbers typed as text, full-width or with separators', () => {
    expect(readCell('whole', text('６０'))).toEqual({ value: 60 });
    expect(readCell('whole', text('18,762,410'))).toEqual({ value: 18762410 });
    expect(readCell('whole', num(0))).toEqual({ value: 0 });
    expect(problem(readCell('whole', num(12.5)))).toMatch(/0 以上の整数ではありません/);
    expect(problem(readCell('whole', num(-3)))).toMatch(/-3 は 0 以上の整数ではありません/);
    expect(problem(readCell('whole', text('1億2千万円')))).toMatch(/整数ではありません.*例: 120000000/);
  });

  it('reads a fiscal year as a number and explains an era year', () => {
    expect(readCell('year', num(2022))).toEqual({ value: 2022 });
    expect(readCell('year', text('２０２２年度'))).toEqual({ value: 2022 });
    expect(problem(readCell('year', text('令和4年度')))).toMatch(/令和4年度 なら 2022.*時点/);
    expect(problem(readCell('year', text('2016年')))).toMatch(/西暦の年度ではありません/);
    expect(problem(readCell('year', { type: 'date', value: new Date(Date.UTC(2022, 0, 1)) }))).toMatch(/年度が日付になっています/);
  });

  it('accepts only the listed choices', () => {
    expect(readCell('budgetUnit', text('千円'))).toEqual({ value: '千円' });
    expect(readCell('valueKind', text(' 目標値 '))).toEqual({ value: '目標値' });
    expect(problem(readCell('budgetUnit', text('億円')))).toMatch(/「億円」は選べません。円・千円・万円・百万円/);
  });

  it('reports what a cell holds that is no value', () => {
    expect(problem(readCell('text', { type: 'error', text: '#N/A' }))).toMatch(/エラー値 #N\/A/);
    expect(problem(readCell('amount', { type: 'noResult', formula: 'A1*2' }))).toMatch(/数式 =A1\*2 の計算結果が保存されていません/);
    expect(problem(readCell('text', { type: 'bool', value: true }))).toMatch(/TRUE\/FALSE/);
    expect(problem(readCell('text', { type: 'date', value: new Date(0) }))).toMatch(/日付として読み取っています/);
  });

  it('reads blanks as no value and a project number as text', () => {
    expect(readCell('text', undefined)).toEqual({ value: undefined });
    expect(readCell('text', text('  \n ')).valueOf()).toEqual({ value: undefined });
    expect(readCell('ref', num(3))).toEqual({ value: '3' });
    expect(readCell('ref', text('３'))).toEqual({ value: '3' });
  });
});

describe('cleanText', () => {
  it('makes CR LF a line feed and drops spaces at line ends, keeping a final line break', () => {
    expect(cleanText('一行目  \r\n二行目\t\r\n')).toBe('一行目\n二行目\n');
    expect(cleanText('\u3000字下げ')).toBe('\u3000字下げ');
    expect(cleanText(' \n\t')).toBeUndefined();
  });
});
