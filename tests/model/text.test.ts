import { describe, expect, it } from 'vitest';
import { listMark } from '../../src/model/listMarks.js';
import { joinAcross, oneLine, readText, toRichText } from '../../src/model/text.js';

describe('listMark: the marks that start a list item', () => {
  it.each([
    ['・市民参加', '・', '市民参加'],
    ['○ 防災訓練', '○', '防災訓練'],
    ['●重点', '●', '重点'],
    ['◎重点', '◎', '重点'],
    ['◆施策', '◆', '施策'],
    ['■施策', '■', '施策'],
    ['※数値は見込み', '※', '数値は見込み'],
    ['- item', '-', 'item'],
    ['* item', '*', 'item'],
    ['① 第一', '①', '第一'],
    ['㉑ 二十一', '㉑', '二十一'],
    ['㊿ 五十', '㊿', '五十'],
    ['⑴ 括弧', '⑴', '括弧'],
    ['(1) 半角', '(1)', '半角'],
    ['（1）全角括弧', '（1）', '全角括弧'],
    ['（１）全角数字', '（１）', '全角数字'],
    ['(12)十二', '(12)', '十二'],
    ['1) 片括弧', '1)', '片括弧'],
    ['１）全角', '１）', '全角'],
    ['1. 番号', '1.', '番号'],
    ['１．全角', '１．', '全角'],
    ['(ア) カナ', '(ア)', 'カナ'],
    ['ア．カナ', 'ア．', 'カナ'],
    ['(a) letter', '(a)', 'letter'],
    ['（一）漢数字', '（一）', '漢数字'],
    ['1　全角空白', '1', '全角空白'],
  ])('%s', (line, marker, text) => expect(listMark(line)).toEqual({ marker, text }));

  it.each([
    ['1.5倍に増加します。'],
    ['2020年度は'],
    ['-5℃の日'],
    ['*注'],
    ['(仮称)の整備'],
    ['（株）との協定'],
    ['アンケートの実施'],
    ['3つの柱'],
    ['・'],
    ['市民の声'],
  ])('%s is text, not an item', (line) => expect(listMark(line)).toBeUndefined());
});

describe('readText: how line breaks are read', () => {
  it('a blank line starts a new paragraph; CRLF is a line break', () => {
    expect(toRichText('一段落目。\r\n\r\n二段落目。\n')).toEqual([
      { kind: 'paragraph', text: '一段落目。' },
      { kind: 'paragraph', text: '二段落目。' },
    ]);
  });

  it('lines with list marks become one list, keeping each mark', () => {
    expect(toRichText('次の3点に取り組みます。\n・参加の拡大\n・協働の推進\n①第一の柱。\nまとめの文です。')).toEqual([
      { kind: 'paragraph', text: '次の3点に取り組みます。' },
      {
        kind: 'list',
        items: [
          { marker: '・', text: '参加の拡大' },
          { marker: '・', text: '協働の推進' },
          { marker: '①', text: '第一の柱。' },
        ],
      },
      { kind: 'paragraph', text: 'まとめの文です。' },
    ]);
  });

  it('a break after a sentence end (。！？, a closing bracket after one, a colon) starts a paragraph', () => {
    expect(toRichText('第一文。\n第二文！\n「引用です。」\n主な内容：\n最後')).toEqual(
      ['第一文。', '第二文！', '「引用です。」', '主な内容：', '最後'].map((text) => ({ kind: 'paragraph', text })),
    );
  });

  it('a full-width space at the start of a line, or a bracketed heading line, starts a paragraph', () => {
    expect(toRichText('【基本方針】\n区民の信頼に\n　応える区政')).toEqual([
      { kind: 'paragraph', text: '【基本方針】' },
      { kind: 'paragraph', text: '区民の信頼に' },
      { kind: 'paragraph', text: '応える区政' },
    ]);
  });

  it('a break in the middle of a sentence joins the lines and says which line was joined', () => {
    const r = readText('一行目の\n続きです。\nICT\nstrategy\n・項目の\n続き');
    expect(r.blocks).toEqual([
      { kind: 'paragraph', text: '一行目の続きです。' },
      { kind: 'paragraph', text: 'ICT strategy' },
      { kind: 'list', items: [{ marker: '・', text: '項目の続き' }] },
    ]);
    expect(r.joinedLines).toEqual([1, 3, 5]);
  });

  it('a marked line after an ended item starts the next item; an unmarked one after a sentence ends the list', () => {
    expect(toRichText('・一つ目です。\n以上です。')).toEqual([
      { kind: 'list', items: [{ marker: '・', text: '一つ目です。' }] },
      { kind: 'paragraph', text: '以上です。' },
    ]);
  });

  it('nothing for no text', () => expect(readText(undefined)).toEqual({ blocks: [], joinedLines: [] }));
});

describe('oneLine and joinAcross', () => {
  it('join Japanese with nothing, Latin words and figures with one space', () => {
    expect(joinAcross('行政の', 'デジタル化')).toBe('行政のデジタル化');
    expect(joinAcross('ICT', 'strategy')).toBe('ICT strategy');
    expect(joinAcross('2020', '年度')).toBe('2020年度');
    expect(oneLine('主要事業の\n  見直し\n')).toBe('主要事業の見直し');
    expect(oneLine('一行')).toBe('一行');
  });
});
