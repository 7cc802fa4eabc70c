import { describe, expect, it } from 'vitest';
import { CL, blanks, charClass, isJapaneseLetter, isWesternLetter, noLineEnd, noLineStart } from '../../../src/typeset/japanese/classes.js';
import { LINE_END_PROHIBITED, LINE_START_PROHIBITED } from './helpers.js';

const cls = (s: string): number => charClass(s.codePointAt(0)!);

describe('JLReq classes', () => {
  it('classes the brief lists', () => {
    for (const c of '「『（［｛〔〈《【〘〖‘“([{') expect(cls(c), c).toBe(CL.OPENING);
    for (const c of '」』）］｝〕〉》】〙〗’”)]}') expect(cls(c), c).toBe(CL.CLOSING);
    for (const c of '‐〜゠–') expect(cls(c), c).toBe(CL.HYPHEN);
    for (const c of '！？‼⁇⁈⁉!?') expect(cls(c), c).toBe(CL.DIVIDING);
    for (const c of '・：；:;') expect(cls(c), c).toBe(CL.MIDDLE_DOT);
    for (const c of '。．.') expect(cls(c), c).toBe(CL.FULL_STOP);
    for (const c of '、，,') expect(cls(c), c).toBe(CL.COMMA);
    for (const c of '―…‥') expect(cls(c), c).toBe(CL.INSEPARABLE);
    for (const c of 'ゝゞヽヾ々〻') expect(cls(c), c).toBe(CL.ITERATION);
    expect(cls('ー')).toBe(CL.PROLONGED);
    for (const c of 'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇿ') expect(cls(c), c).toBe(CL.SMALL_KANA);
    expect(cls('あ')).toBe(CL.HIRAGANA);
    expect(cls('ア')).toBe(CL.KATAKANA);
    expect(cls('漢')).toBe(CL.IDEOGRAPH);
    expect(cls('𠮷')).toBe(CL.IDEOGRAPH);
    expect(cls('5')).toBe(CL.DIGIT);
    expect(cls('５')).toBe(CL.FW_DIGIT);
    expect(cls('P')).toBe(CL.LATIN);
    expect(cls('①')).toBe(CL.CIRCLED);
    expect(cls('⑳')).toBe(CL.CIRCLED);
    expect(cls(' ')).toBe(CL.SPACE);
    expect(cls('　')).toBe(CL.IDEO_SPACE);
  });

  it('line start / line end prohibitions', () => {
    for (const c of LINE_START_PROHIBITED) expect(noLineStart(charClass(c.codePointAt(0)!)), c).toBe(true);
    for (const c of LINE_END_PROHIBITED) expect(noLineEnd(charClass(c.codePointAt(0)!)), c).toBe(true);
    for (const c of 'あア漢5P①「') expect(noLineStart(charClass(c.codePointAt(0)!)), c).toBe(false);
    for (const c of 'あア漢5P①」。') expect(noLineEnd(charClass(c.codePointAt(0)!)), c).toBe(false);
  });

  it('quarter-em sides', () => {
    for (const c of 'あア漢ーっ々') expect(isJapaneseLetter(charClass(c.codePointAt(0)!)), c).toBe(true);
    for (const c of '「、。・（５') expect(isJapaneseLetter(charClass(c.codePointAt(0)!)), c).toBe(false);
    for (const c of 'aZ09%') expect(isWesternLetter(charClass(c.codePointAt(0)!)), c).toBe(true);
    for (const c of '(),.-') expect(isWesternLetter(charClass(c.codePointAt(0)!)), c).toBe(false);
  });

  it('compressible blanks of full-width punctuation only', () => {
    expect(blanks(CL.OPENING, 1)).toEqual({ before: 0.5, after: 0 });
    expect(blanks(CL.CLOSING, 1)).toEqual({ before: 0, after: 0.5 });
    expect(blanks(CL.COMMA, 1)).toEqual({ before: 0, after: 0.5 });
    expect(blanks(CL.FULL_STOP, 1)).toEqual({ before: 0, after: 0.5 });
    expect(blanks(CL.MIDDLE_DOT, 1)).toEqual({ before: 0.25, after: 0.25 });
    expect(blanks(CL.OPENING, 0.5)).toEqual({ before: 0, after: 0 }); // ASCII (
    expect(blanks(CL.IDEOGRAPH, 1)).toEqual({ before: 0, after: 0 });
  });
});
