import { describe, expect, it } from 'vitest';
import { isBoundary, phraseStarts } from '../../../src/typeset/japanese/phrases.js';
import { model } from '../../../src/vendor/budoux/ja.js';
import { Parser } from '../../../src/vendor/budoux/parser.js';
import { prepare } from '../../../src/typeset/japanese/prepare.js';
import { committedEditionsText } from '../../helpers/fixtures.js';
import { corpus } from './corpus/corpus.js';
import { minchoMetrics } from './helpers.js';

describe('phrase boundaries scored one position at a time', () => {
  it('agree with BudouX’s parser everywhere in the corpus and the committed editions', () => {
    const parser = new Parser(model);
    const texts = [...corpus().map((c) => c.text), ...committedEditionsText().match(/.{1,400}/gsu)!];
    let boundaries = 0;
    const differ: string[] = [];
    for (const s of texts) {
      const expected = new Set(parser.parseBoundaries(s));
      boundaries += expected.size;
      for (let i = 1; i < s.length; i++) if (isBoundary(s, i) !== expected.has(i)) differ.push(`${s.slice(Math.max(0, i - 4), i)}|${s.slice(i, i + 4)}`);
    }
    expect(differ).toEqual([]);
    expect(boundaries).toBeGreaterThan(1000);
  });

  it('mark cluster starts, after spaces too', () => {
    const p = prepare('持続可能なまちづくりを目指します。Society 5.0の実現', minchoMetrics());
    const starts = phraseStarts(p);
    const at = (k: number): string => p.text.slice(0, k).join('');
    const marked = Array.from({ length: p.n }, (_, k) => k).filter(starts).map(at);
    expect(marked).toContain('持続可能な');
    expect(marked).toContain('持続可能なまちづくりを');
    expect(marked).toContain('持続可能なまちづくりを目指します。');
    expect(marked).toContain('持続可能なまちづくりを目指します。Society ');
    expect(marked).not.toContain('持続可能なまちづくりを目');
  });
});
