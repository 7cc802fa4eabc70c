import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/load/decode.js';
import { closest, editDistance, idFromText } from '../../src/load/didYouMean.js';
import { formatPath } from '../../src/load/formatPath.js';
import { numberFromText, yearFromEra } from '../../src/load/numberHint.js';

describe('numberFromText', () => {
  it.each([
    ['1億2千万', 120000000],
    ['１２３', 123],
    ['1,234,567', 1234567],
    ['１億２０００万円', 120000000],
    ['58人', 58],
    ['三百五十万', 3500000],
    ['1.2億', 120000000],
  ])('%s → %d', (text, n) => expect(numberFromText(text)).toBe(n));

  it.each(['未定', '約100', '12abc', ''])('%s → undefined', (text) => expect(numberFromText(text)).toBeUndefined());

  it('reads era years', () => {
    expect(yearFromEra('令和4')).toBe(2022);
    expect(yearFromEra('令和元年度')).toBe(2019);
    expect(yearFromEra('平成31年')).toBe(2019);
    expect(yearFromEra('2022')).toBeUndefined();
  });
});

describe('did you mean', () => {
  it('finds typos within 2 edits, fewer for short words', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(closest('titel', ['title', 'summary'])).toBe('title');
    expect(closest('Budjet', ['staff', 'budget', 'budgetNote'])).toBe('budget');
    expect(closest('yr', ['year', 'value'])).toBeUndefined();
    expect(closest('memo', ['name', 'unit', 'baseline', 'target'])).toBeUndefined();
  });

  it('suggests ids', () => {
    expect(idFromText('Kenko_Fukushi')).toBe('kenko-fukushi');
    expect(idFromText('企画部')).toBeUndefined();
  });
});

describe('formatPath', () => {
  it('reads like JavaScript', () => {
    expect(formatPath(['projects', 2, 'title'])).toBe('projects[2].title');
    expect(formatPath(['a b', 0])).toBe('["a b"][0]');
    expect(formatPath([])).toBe('');
  });
});

describe('decodeText', () => {
  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('企画部'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xe4, 0xbc]))).toBe(0); // cut short
  });

  it('reports NUL bytes as not text', () => {
    const r = decodeText(new Uint8Array([0x61, 0x00, 0x62, 0x00]));
    expect(r).toMatchObject({ ok: false, line: 1, column: 2 });
  });
});
