import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeData, composeText, compositions, printedIndex, typedIndex } from '../../src/load/composeText.js';

const SEED = Number(process.env['ROBUST_SEED'] ?? 7);
const settings = (numRuns: number) => ({ seed: SEED, numRuns: Number(process.env['ROBUST_RUNS'] ?? numRuns), endOnFailure: true });

describe('composeText: NFC, as printed', () => {
  it('joins kana and their sound marks, pasted apart', () => {
    expect(composeText('か\u3099いと\u3099\u3099ほ\u309Aン')).toBe('がいど\u3099ぽン');
    expect(composeText('ｶ\u3099')).toBe('ｶ\u3099'); // half-width kana have no composed form with U+3099
    expect(composeText('e\u0301')).toBe('é');
    expect(composeText('\u212B')).toBe('Å'); // ANGSTROM SIGN, a canonical singleton
  });

  it('is not NFKC: circled and parenthesised numbers, ㈱, full-width and half-width forms stay as typed', () => {
    const typed = '①⑳㊿㈱（１２３）ＡＢＣｶﾞｲﾄﾞ…〜㍻';
    expect(composeText(typed)).toBe(typed);
  });

  it('keeps every CJK compatibility ideograph as typed (NFC would change most of them)', () => {
    let changedByNfc = 0;
    const ranges: [number, number][] = [
      [0xf900, 0xfaff],
      [0x2f800, 0x2fa1f],
    ];
    for (const [from, to] of ranges) {
      for (let cp = from; cp <= to; cp++) {
        const ch = String.fromCodePoint(cp);
        expect(composeText(`神${ch}か\u3099`)).toBe(`神${ch}が`);
        if (ch.normalize('NFC') !== ch) changedByNfc++;
      }
    }
    // 神 U+FA19 → 神 U+795E and the like: a different glyph in the BIZ UD fonts.
    expect(changedByNfc).toBeGreaterThan(1000);
    expect(composeText('\uFA19\uFA11\u{2F800}')).toBe('\uFA19\uFA11\u{2F800}');
  });

  it('says where each change is, in the typed and in the printed text', () => {
    expect(compositions('abか\u3099cは\u309A').changes).toEqual([
      { raw: 'か\u3099', composed: 'が', rawIndex: 2, index: 2 },
      { raw: 'は\u309A', composed: 'ぱ', rawIndex: 5, index: 4 },
    ]);
    expect(compositions('abc')).toEqual({ composed: 'abc', changes: [] });
  });

  it('typedIndex maps a printed index back to the typed text', () => {
    const typed = 'aか\u3099bは\u309Ac𠮷d';
    const printed = composeText(typed);
    expect(printed).toBe('aがbぱc𠮷d');
    expect([...Array(printed.length).keys()].map((i) => typedIndex(typed, i))).toEqual([0, 1, 3, 4, 6, 7, 8, 9]);
  });

  it('composeData composes every string in the data and keeps a key named __proto__ a key', () => {
    const data = JSON.parse('{"a": "か\\u3099", "list": ["は\\u309A", 1, null, true], "__proto__": {"x": "e\\u0301"}}') as unknown;
    const out = composeData(data) as Record<string, unknown>;
    expect(out['a']).toBe('が');
    expect(out['list']).toEqual(['ぱ', 1, null, true]);
    expect(Object.keys(out)).toEqual(['a', 'list', '__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: 'é' });
  });
});

describe('composeText agrees with NFC, piece by piece (property-based)', () => {
  // Marks that compose, marks that only reorder, Hangul jamo (L, V, T), Indic vowel signs that compose with a starter.
  const unit = fc.constantFrom(
    'a', 'A', 'e', 'か', 'は', 'ウ', 'ｶ', '漢', '𠮷', ' ', '\n',
    '\u0301', '\u0308', '\u0323', '\u031B', '\u3099', '\u309A', '\u0345',
    '\u1100', '\u1161', '\u11A8', '\uAC00',
    '\u0B47', '\u0B3E', '\u0B57', '\u0BC6', '\u0BBE', '\u0D46', '\u0D3E', '\u0DD9', '\u0DCF', '\u1025', '\u102E',
    '\u212B', '\u2126', '\u0344', '\u0F73',
  );
  const text = fc.array(unit, { maxLength: 30 }).map((u) => u.join(''));

  it('without compatibility ideographs, composeText is NFC, and typedIndex stays in order (2000 runs)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const printed = composeText(s);
        expect(printed).toBe(s.normalize('NFC'));
        let last = -1;
        for (let i = 0; i < printed.length; i++) {
          const t = typedIndex(s, i);
          expect(t).toBeGreaterThanOrEqual(last);
          expect(t).toBeLessThan(s.length);
          // Back again: the printed character, or the start of the composed piece it is in.
          expect(printedIndex(s, t)).toBeLessThanOrEqual(i);
          if (printedIndex(s, t) === i) expect(typedIndex(s, printedIndex(s, t))).toBe(t);
          last = t;
        }
      }),
      settings(2000),
    );
  });

  it('with compatibility ideographs mixed in, they survive and the rest is NFC (1000 runs)', () => {
    const compat = fc.constantFrom('\uFA19', '\uF91D', '\uFA30', '\u{2F800}', '\uF900');
    fc.assert(
      fc.property(fc.array(fc.oneof(text, compat), { maxLength: 6 }), (parts) => {
        const s = parts.join('');
        const printed = composeText(s);
        const expected = s
          .split(/([\uF900-\uFAFF\u{2F800}-\u{2FA1F}])/u)
          .map((p, i) => (i % 2 ? p : p.normalize('NFC')))
          .join('');
        expect(printed).toBe(expected);
      }),
      settings(1000),
    );
  });
});

describe('composeData and aliases', () => {
  it('copies a list that contains itself (name: &a [*a]) without running forever, and shared lists once', () => {
    const cyclic: unknown[] = ['か\u3099'];
    cyclic.push(cyclic);
    const out = composeData({ a: cyclic, b: cyclic }) as { a: unknown[]; b: unknown[] };
    expect(out.a[0]).toBe('が');
    expect(out.a[1]).toBe(out.a);
    expect(out.b).toBe(out.a);
  });
});
