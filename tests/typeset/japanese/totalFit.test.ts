import { describe, expect, it } from 'vitest';
import { type SetLine, breakParagraph, lineText } from '../../../src/typeset/japanese/breakLines.js';
import { fitLine } from '../../../src/typeset/japanese/fitLine.js';
import { letterCount, naturalWidth, prepare } from '../../../src/typeset/japanese/prepare.js';
import { bodySetting, corpus } from './corpus/corpus.js';
import { LINE_START_PROHIBITED, minchoMetrics, rng, texts } from './helpers.js';
import { phraseStarts } from '../../../src/typeset/japanese/phrases.js';

const metrics = minchoMetrics();
const body = bodySetting();
const FS = body.fontSize;
const set = (text: string, opts: { measureEm?: number; breaking?: 'optimal' | 'greedy'; indent?: number; justify?: boolean } = {}): readonly SetLine[] =>
  breakParagraph(text, {
    metrics,
    fontSize: FS,
    measure: (opts.measureEm ?? body.measure / FS) * FS,
    justify: opts.justify ?? true,
    indent: opts.indent ?? body.indent,
    ...(opts.breaking ? { breaking: opts.breaking } : {}),
  });
const letters = (line: string): number => {
  const p = prepare(line, metrics);
  return letterCount(p, 0, p.n);
};
const paragraph = (name: string): string => corpus().find((c) => c.name === name)!.text;

describe('total fit: short last lines', () => {
  it('pulls a last line of one or two letters back into the paragraph by squeezing punctuation', () => {
    for (const name of ['ends-su', 'ends-masu', 'sample-shisetsu', 'sample-soudan']) {
      const text = paragraph(name);
      const greedy = texts(set(text, { breaking: 'greedy' }));
      expect(letters(greedy.at(-1)!), `${name}: line by line ends «${greedy.at(-1)}»`).toBeLessThanOrEqual(2);
      const lines = set(text);
      expect(lines.length, name).toBe(greedy.length - 1);
      expect(letters(lineText(lines.at(-1)!)), name).toBeGreaterThan(2);
      // what made room: squeezed blanks, no letter spacing below zero
      expect(lines.some((l) => (l.squeeze ?? 0) > 0), name).toBe(true);
      for (const l of lines) expect(l.spread ?? 0, name).toBeGreaterThanOrEqual(-1e-6);
    }
  });

  it('carries letters down instead when nothing can be squeezed', () => {
    // no punctuation to squeeze but the last 。: the last line cannot be pulled back
    const letters44 = '市民参加型予算編成制度導入検討'.repeat(7);
    const text = `${letters44.slice(0, 44 + 45)}す。`; // a first line of 44 after the indent, a second of 45, then す。
    const greedy = texts(set(text, { breaking: 'greedy' }));
    expect(letters(greedy.at(-1)!)).toBeLessThanOrEqual(2);
    const lines = texts(set(text));
    expect(lines.length).toBe(greedy.length);
    expect(letters(lines.at(-1)!)).toBeGreaterThan(2);
  });
});

describe('total fit: loose lines', () => {
  it('pushes 「は、」 into a line that would otherwise end 1.4 em short', () => {
    const first = '計画の見直しでは、市民の皆さまから寄せられた意見を、地域の将来像と施策の方向性に反映させるための説明会の開催方法';
    const text = `${first}は、地区ごとに協議して決めます。`;
    const p = prepare(first, metrics);
    const measureEm = naturalWidth(p, 0, p.n) + 1.4;
    const greedy = set(text, { measureEm, indent: 0, breaking: 'greedy' });
    expect(lineText(greedy[0]!)).toBe(first); // line by line: 1.4 em spread over the line
    expect(greedy[0]!.spread! * ([...first].length - 1)).toBeCloseTo(1.4, 2);
    const lines = set(text, { measureEm, indent: 0 });
    expect(lineText(lines[0]!)).toBe(`${first}は、`);
    // the 、 drawn half width at the line end, and a tenth of an em from the two mid-line commas
    expect(lines[0]!.squeeze!).toBeGreaterThan(0.55);
    expect(lines[0]!.squeeze!).toBeLessThan(0.65);
    expect(lines[0]!.spread).toBe(0);
  });
});

describe('total fit: phrases', () => {
  it('breaks inside BudouX phrases less often than line by line', () => {
    let greedy = 0;
    let ours = 0;
    let breaks = 0;
    for (const { text } of corpus()) {
      const p = prepare(text, metrics);
      const starts = phraseStarts(p);
      const inPhrase = (lines: string[]): number => {
        let k = 0;
        let n = 0;
        for (const l of lines.slice(0, -1)) {
          k += [...l].length; // one cluster per code point in this corpus
          while (p.space[k]) k++;
          if (!starts(k)) n++;
        }
        return n;
      };
      for (let em = 12; em <= 46; em += 3) {
        const g = texts(set(text, { measureEm: em, breaking: 'greedy' }));
        const o = texts(set(text, { measureEm: em }));
        if (g.length !== o.length) continue;
        breaks += g.length - 1;
        greedy += inPhrase(g);
        ours += inPhrase(o);
      }
    }
    expect(breaks).toBeGreaterThan(500);
    expect(ours).toBeLessThan(greedy * 0.9);
  });

  it('moves a break to a phrase boundary when the lines cost about the same: 削減|する, not 削|減する', () => {
    const text =
      '市民の皆さまとの対話を重ね、身近な地域の声を計画に反映させながら、誰もが住み続けたいと思える持続可能なまちづくりを目指します。あわせて、温室効果ガスの排出量を2030年度までに46％削減することを目標に、省エネルギー設備の導入を支援します。';
    const greedy = texts(set(text, { breaking: 'greedy' }));
    const ours = texts(set(text));
    expect(greedy.join('|')).toMatch(/削\|減/);
    expect(ours.join('|')).toMatch(/％\|削減/);
    expect(ours.length).toBe(greedy.length);
  });
});

describe('total fit: squeeze order (JLReq)', () => {
  it('squeezes middle dots first, then commas and brackets, full stops last', () => {
    const text = '市民・事業者の協働を進めます。地域の課題を、皆で解決します';
    const p = prepare(text, metrics);
    const natural = naturalWidth(p, 0, p.n);
    const fit = (over: number) => fitLine(p, 0, p.n, natural - over, natural - over, true);
    expect(fit(0.2)).toMatchObject({ commas: 0, stops: 0 });
    expect(fit(0.2).dots).toBeCloseTo(0.4, 9);
    expect(fit(0.7)).toMatchObject({ dots: 1, stops: 0 });
    expect(fit(0.7).commas).toBeCloseTo(0.4, 9);
    expect(fit(1.25)).toMatchObject({ dots: 1, commas: 1 });
    expect(fit(1.25).stops).toBeCloseTo(0.5, 9);
    expect(fit(1.6).overflow).toBeGreaterThan(0);
  });
});

describe('total fit: invariants', () => {
  it('never needs more lines than line-by-line breaking, and keeps kinsoku', () => {
    const alphabet = [
      ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん',
      ...'市民部課事業計画推進取組予算年度目標施策防災環境整備',
      '。', '、', '「', '」', '（', '）', '・', 'ー', 'っ', '々', '2020年', '約3倍', '1,234円', 'ICT', 'Society 5.0', ' ',
    ];
    const rand = rng(20261130);
    for (let iter = 0; iter < 300; iter++) {
      let text = '';
      const len = 20 + Math.floor(rand() * 150);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)]!;
      text = text.trim().replace(/ {2,}/g, ' ');
      const measureEm = 8 + Math.floor(rand() * 40) + (rand() < 0.5 ? 0.5 : 0);
      const justify = rand() < 0.8;
      const ours = texts(set(text, { measureEm, justify, indent: 0 }));
      const greedy = texts(set(text, { measureEm, justify, indent: 0, breaking: 'greedy' }));
      expect(ours.length, `${text} @${measureEm}`).toBeLessThanOrEqual(greedy.length);
      ours.slice(1).forEach((l) => expect(LINE_START_PROHIBITED.includes([...l][0]!), l).toBe(false));
    }
  });
});

describe('typed spaces next to digits and Latin', () => {
  it('sets 令和 2 年度 exactly as 令和2年度, and ICT 活用 as ICT活用', () => {
    for (const [spaced, solid] of [
      ['令和 2 年度', '令和2年度'],
      ['ICT 活用', 'ICT活用'],
      ['令和　2 年度は PDF で公開', '令和　2年度はPDFで公開'],
    ] as const) {
      const a = set(spaced, { measureEm: 40, indent: 0, justify: false });
      const b = set(solid, { measureEm: 40, indent: 0, justify: false });
      expect(a).toEqual(b);
    }
    // between two Western words the space stays
    expect(texts(set('Society 5.0 の実現', { measureEm: 40, indent: 0, justify: false }))).toEqual(['Society 5.0の実現']);
  });

  it('keeps 令和 2 年度 whole at a line end, like 令和2年度', () => {
    for (let k = 0; k < 12; k++) {
      const lines = texts(set(`${'あ'.repeat(k)}令和 2 年度の予算をお知らせします`, { measureEm: 10, indent: 0 }));
      expect(lines.some((l) => l.includes('令和2年度')), lines.join('|')).toBe(true);
    }
  });
});

describe('URLs', () => {
  it('break after / . - _ ? = & inside the address, never at a line start of . or ?', () => {
    const url = 'https://www.city.mihon.lg.jp/kurashi/gomi/shigen_bunbetsu/index.html?lang=ja&page=2';
    const text = `詳しくは${url}をご覧ください。`;
    for (const measureEm of [8, 12, 16, 24]) {
      const lines = texts(set(text, { measureEm, indent: 0 }));
      expect(lines.join('')).toBe(text);
      for (const l of lines.slice(1)) expect('.?'.includes([...l][0]!), l).toBe(false);
      // each break inside the address follows one of its separators
      for (const l of lines.slice(0, -1)) if (url.includes(l.slice(-3))) expect('/.-_?=&'.includes(l.at(-1)!), l).toBe(true);
    }
  });
});
