import { describe, expect, it } from 'vitest';
import { eraDateLabel, eraMonthLabel, fiscalYearLabel } from '../../src/model/era.js';
import { circledNumber } from '../../src/model/circled.js';
import { toRichText } from '../../src/model/text.js';

const paragraphs = (text: string) => toRichText(text).map((b) => (b.kind === 'paragraph' ? b.text : b));

describe('fiscalYearLabel', () => {
  it.each([
    [2020, '令和2年度'],
    [2019, '令和元年度'],
    [2021, '令和3年度'],
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
    [2018, '平成30年度'],
    [1926, '昭和元年度'],
  ])('%i → %s', (year, label) => expect(fiscalYearLabel(year)).toBe(label));
});

describe('eraDateLabel', () => {
  it('uses the era in force on the day', () => {
    expect(eraDateLabel('2019-04-30')).toBe('平成31年4月30日');
    expect(eraDateLabel('2019-05-01')).toBe('令和元年5月1日');
    expect(eraDateLabel('2024-06-01')).toBe('令和6年6月1日');
  });
  it('gives 発行年月 by the same eras', () => {
    expect(eraMonthLabel('2018-07-01')).toBe('平成30年7月');
    expect(eraMonthLabel('2019-04-30')).toBe('平成31年4月');
    expect(eraMonthLabel('2019-05-01')).toBe('令和元年5月');
  });
});

describe('circledNumber', () => {
  it('covers the three Unicode blocks and brackets beyond', () => {
    expect([1, 2, 20, 21, 35, 36, 50, 51].map(circledNumber)).toEqual(['①', '②', '⑳', '㉑', '㉟', '㊱', '㊿', '(51)']);
  });
  it('rejects zero', () => expect(() => circledNumber(0)).toThrow(RangeError));
});

describe('toRichText: paragraphs', () => {
  it('splits at blank lines and joins wrapped Japanese lines without spaces', () => {
    expect(paragraphs('一行目の\n続き。\n\n二段落目。\n')).toEqual(['一行目の続き。', '二段落目。']);
  });
  it('keeps one space between wrapped Latin words', () => {
    expect(paragraphs('ICT\nstrategy')).toEqual(['ICT strategy']);
  });
  it('treats CRLF like LF', () => {
    expect(paragraphs('a\r\n\r\nb')).toEqual(['a', 'b']);
  });
});
