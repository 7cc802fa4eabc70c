import { describe, expect, it } from 'vitest';
import {
  FIT_EPSILON_PT,
  SAFE_SPREAD,
  type SetLine,
  breakParagraph,
  lineText,
  naturalWidth,
  prepare,
} from '../../../src/typeset/japanese/breakLines.js';
import { LINE_END_PROHIBITED, LINE_START_PROHIBITED, minchoMetrics, rng, runsWidth, texts } from './helpers.js';

const metrics = minchoMetrics();
const FS = 10;
const set = (text: string, measureEm: number, justify = true, indent = 0): readonly SetLine[] =>
  breakParagraph(text, { metrics, fontSize: FS, measure: measureEm * FS, justify, indent });

/** Invariants every paragraph must satisfy. */
function check(
  text: string,
  lines: readonly SetLine[],
  measureEm: number,
  justify: boolean,
  opts: { kinsoku?: boolean; indent?: number } = {},
): void {
  const measure = measureEm * FS;
  const t = texts(lines);
  expect(t.join('').replace(/ /g, ''), 'text preserved').toBe(text.replace(/[ \n]/g, ''));
  lines.forEach((line, i) => {
    const s = lineText(line);
    expect(line.width, `line ${i} «${s}» within the measure`).toBeLessThanOrEqual(measure + 1e-6);
    expect(Math.abs(runsWidth(line, metrics, FS) - line.width), `line ${i} runs add up`).toBeLessThan(1e-6);
    if (opts.kinsoku !== false) {
      if (i > 0) expect(LINE_START_PROHIBITED.includes([...s][0] ?? ''), `line ${i} starts «${s}»`).toBe(false);
      if (i < lines.length - 1) expect(LINE_END_PROHIBITED.includes([...s].at(-1) ?? ''), `line ${i} ends «${s}»`).toBe(false);
    }
    if (justify && i < lines.length - 1 && line.justified) {
      expect(Math.abs(line.width - (measure - FIT_EPSILON_PT)), `line ${i} «${s}» flush`).toBeLessThan(1e-6);
    }
    if (!justify || i === lines.length - 1) {
      const p = prepare(s, metrics);
      const indent = i === 0 ? (opts.indent ?? 0) * FS : 0;
      expect(line.width - indent, `line ${i} «${s}» not stretched`).toBeLessThanOrEqual(naturalWidth(p, 0, p.n) * FS + 1e-6);
    }
  });
}

describe('breakParagraph: kinsoku', () => {
  it('never starts a line with a line-start-prohibited character, at every position', () => {
    for (const measureEm of [4, 5, 7]) {
      for (const c of LINE_START_PROHIBITED) {
        for (let k = 1; k <= measureEm + 2; k++) {
          const text = 'あ'.repeat(k) + c + 'い'.repeat(measureEm + 3);
          const lines = set(text, measureEm);
          check(text, lines, measureEm, true);
        }
      }
    }
  });

  it('never ends a line with an opening bracket, at every position', () => {
    for (const measureEm of [4, 5, 7]) {
      for (const c of LINE_END_PROHIBITED) {
        for (let k = 1; k <= measureEm + 2; k++) {
          const text = 'あ'.repeat(k) + c + 'い'.repeat(measureEm + 3);
          check(text, set(text, measureEm), measureEm, true);
        }
      }
    }
  });

  it('keeps ―― and …… (and a pair of them) together', () => {
    for (let k = 1; k <= 8; k++) {
      for (const pair of ['――', '……', '――……']) {
        const text = 'あ'.repeat(k) + pair + 'いうえおかきく';
        const t = texts(set(text, 5));
        expect(t.some((l) => l.includes(pair)), `${k} ${pair}: ${t.join('|')}`).toBe(true);
      }
    }
  });

  it('nested brackets and runs of closing punctuation', () => {
    for (let k = 0; k <= 9; k++) {
      const text = 'あ'.repeat(k) + '「『（注）』」。」、「（「かな」）」';
      // 「『（注）』」。」、 cannot be broken and is 6.5 em wide (6 em compressed)
      for (const m of [7, 8, 10]) check(text, set(text, m), m, true);
      for (const m of [3, 4, 5]) check(text, set(text, m), m, true, { kinsoku: false });
    }
  });

  it('relaxes kinsoku only when an unbreakable stretch is wider than the line', () => {
    const text = 'あ' + '―'.repeat(12) + 'い';
    const lines = set(text, 5);
    check(text, lines, 5, true, { kinsoku: false });
  });
});

describe('breakParagraph: numbers and Western words', () => {
  const glued = ['3・4・13号', '1,234,567', '2150', '2020年度', '約3倍', '第5次', '50%', '100千円', '3か所', '12箇所', '令和2年度', '①市', '550グラム', '10万円'];
  it('never splits a number from its unit, prefix or separators', () => {
    for (const g of glued) {
      for (let k = 0; k <= 12; k++) {
        const text = 'あ'.repeat(k) + g + 'のいうえおかきくけこさしすせそ';
        for (const m of [8, 10, 13]) {
          const lines = set(text, m);
          check(text, lines, m, true);
          expect(texts(lines).some((l) => l.includes(g)), `${g} @${k}/${m}: ${texts(lines).join('|')}`).toBe(true);
        }
      }
    }
  });

  it('puts a quarter em between Japanese and Western letters, none inside Western runs', () => {
    const p = prepare('東京2020オリンピック', metrics);
    // 東京 (2) + ¼ + 2020 (4 × ½) + ¼ + オリンピック (6)
    expect(naturalWidth(p, 0, p.n)).toBeCloseTo(2 + 0.25 + 2 + 0.25 + 6, 9);
    const [line] = set('東京2020オリンピック', 40, false);
    expect(line!.runs.map((r) => [r.text, r.gapBefore / FS])).toEqual([
      ['東京', 0],
      ['2020', 0.25],
      ['オリンピック', 0.25],
    ]);
    const q = prepare('PDFとICT', metrics);
    expect(naturalWidth(q, 0, q.n)).toBeCloseTo(1.5 + 0.25 + 1 + 0.25 + 1.5, 9);
    // brackets and punctuation take no quarter em
    const r = prepare('「PDF」、(ICT)', metrics);
    // 「 PDF 」、 (ICT): 」 loses its blank before 、
    expect(naturalWidth(r, 0, r.n)).toBeCloseTo(1 + 1.5 + 0.5 + 1 + 0.5 + 1.5 + 0.5, 9);
  });

  it('breaks a Western word longer than the measure without passing the margin', () => {
    const url = 'https://www.city.mitaka.lg.jp/c_service/088/attached/attach_88123_1.pdf';
    for (const m of [3, 5, 8, 13]) {
      const text = '詳しくは' + url + 'をご覧ください。';
      check(text, set(text, m), m, true);
      check(url, set(url, m), m, true);
    }
  });

  it('breaks at spaces inside Western text and drops the space at the break', () => {
    const text = 'これはSociety 5.0 and beyond the future of the city administrationです。';
    const lines = set(text, 10);
    check(text, lines, 10, true);
    for (const l of texts(lines)) {
      expect(l.startsWith(' ')).toBe(false);
      expect(l.endsWith(' ')).toBe(false);
    }
  });
});

describe('breakParagraph: justification', () => {
  it('compresses consecutive punctuation always', () => {
    const w = (s: string): number => {
      const p = prepare(s, metrics);
      return naturalWidth(p, 0, p.n);
    };
    expect(w('」「')).toBeCloseTo(1.5, 9);
    expect(w('。」')).toBeCloseTo(1.5, 9);
    expect(w('」。')).toBeCloseTo(1.5, 9);
    expect(w('、「')).toBeCloseTo(1.5, 9);
    expect(w('（「')).toBeCloseTo(1.5, 9);
    // a quarter em between a bracket and a middle dot: 」(½) + ・(¼ ink ¼) and ・ + 「(½)
    expect(w('」・')).toBeCloseTo(1.5, 9);
    expect(w('・「')).toBeCloseTo(1.5, 9);
    expect(w('あ、い')).toBeCloseTo(3, 9);
  });

  it('draws a fully compressed mark with hwid and keeps other text plain', () => {
    const [line] = set('かれは「えっ」「いいえ」と言った', 40, false);
    const hw = line!.runs.filter((r) => r.hwid).map((r) => r.text);
    expect(hw).toEqual(['」']);
  });

  it('spreads evenly and ends justified lines a hair inside the measure', () => {
    const text = '「各部の運営方針と目標」は、施政方針などに掲げる事業の実現を目指し、各部が主体的に取り組むための「部の経営の全体構想」を示すものです。組織構成、職員数、予算規模など「部の経営資源」を踏まえて当該年度の「運営方針」を示し、「主要事業と目標指標」を設定しています。';
    for (const m of [9, 13, 17.3, 21, 33.7]) {
      const lines = set(text, m, true, 1);
      check(text, lines, m, true, { indent: 1 });
      for (const l of lines.slice(0, -1)) expect(l.justified).toBe(true);
      // the last line is never spread; it reaches the measure only when squeezed to save a line
      const last = lines.at(-1)!;
      expect(last.spread ?? 0).toBeLessThanOrEqual(1e-12);
      expect(last.justified).toBe((last.squeeze ?? 0) > 0);
    }
  });

  it('pushes a closing mark in by compressing it at the line end', () => {
    // 10 letters then 。: the 。 goes on the line as a half-width mark
    const lines = set('あいうえおかきくけこ。さしす', 10.5);
    expect(texts(lines)[0]).toBe('あいうえおかきくけこ。');
    expect(lines[0]!.runs.at(-1)).toMatchObject({ text: '。', hwid: true });
    expect(lines[0]!.width).toBeCloseTo(10.5 * FS - FIT_EPSILON_PT, 6);
  });

  it('keeps spread between Japanese characters below the extraction threshold when it can', () => {
    // a long number is pushed out; the line has a quarter-em gap to absorb part of the space
    const text = '今年度の予算はPDFで公開した約1,234,567,890円です。';
    const lines = set(text, 16);
    check(text, lines, 16, true);
  });

  it('property: random mixed text keeps every invariant', () => {
    const alphabet = [
      ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん',
      ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン',
      ...'市民部課事業計画推進取組予算年度目標施策防災環境整備',
      '。', '、', '「', '」', '『', '』', '（', '）', '・', 'ー', 'っ', 'ゃ', '！', '？', '々', '：',
      '2020年', '約3倍', '第5次', '1,234円', '3・4・13号', 'ICT', 'PDF', 'Society 5.0', '①', '――', '……', ' ',
    ];
    const rand = rng(20260412);
    let lineCount = 0;
    for (let iter = 0; iter < 400; iter++) {
      let text = '';
      const len = 5 + Math.floor(rand() * 80);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)]!;
      text = text.trim().replace(/ {2,}/g, ' ');
      const measureEm = 6 + Math.floor(rand() * 30) + (rand() < 0.5 ? 0.5 : 0);
      const justify = rand() < 0.8;
      const indent = rand() < 0.5 ? 1 : 0;
      const lines = set(text, measureEm, justify, indent);
      lineCount += lines.length;
      check(text, lines, measureEm, justify, { indent });
    }
    expect(lineCount).toBeGreaterThan(400);
  });

  it('spread between Japanese letters stays below SAFE_SPREAD on a book measure', () => {
    const text = '市民の利便性と職員の業務効率性の向上に向けたデジタル環境の整備、東京2020オリンピック・パラリンピック開催に伴う市民一体となった感動体験の創出とレガシーの創造、三鷹型エコミュージアム「三鷹まるごと博物館」の推進。'.repeat(5);
    for (const m of [24, 30, 36, 42]) {
      for (const l of set(text, m)) for (const r of l.runs) expect(r.spacing / FS).toBeLessThanOrEqual(SAFE_SPREAD + 1e-9);
    }
  });
});

describe('breakParagraph: clusters', () => {
  it('keeps combining marks with their base and stands multi-unit clusters alone', () => {
    const text = 'あか\u309aいう𠮷えおかきくけこ、か\u309aき\u309a。';
    for (const m of [3, 4, 5, 7]) {
      const lines = set(text, m);
      check(text, lines, m, true); // includes: run widths measured as pdfmake does (UTF-16 length)
      for (const l of lines)
        for (const r of l.runs)
          if (/[\u309a\u{20bb7}]/u.test(r.text)) {
            // one cluster per run, so PDF character spacing never lands inside it
            expect(['か\u309a', 'き\u309a', '𠮷']).toContain(r.text);
            expect(r.spacing).toBe(0);
          }
      expect(texts(lines).some((l) => l.startsWith('\u309a'))).toBe(false);
    }
  });
});
