/**
 * Phrase boundaries (BudouX's Japanese model): where a reader expects a line to break.
 * Headings break only there; paragraphs prefer them.
 *
 * BudouX decides each boundary from the six characters around it. A paragraph's line
 * breaker asks about a few dozen positions near line ends, so `phraseStarts` scores just
 * those, on demand, with BudouX's model and its parser's formula
 * (tests/typeset/japanese/phrases.test.ts compares it with the vendored parser).
 */
import { model } from '../../vendor/budoux/ja.js';
import type { Prepared } from './prepare.js';

interface Scorer {
  readonly base: number;
  readonly features: ReadonlyArray<readonly [Map<number, number>, number, number]>;
}

/**
 * s.substring(from, to) (one to three UTF-16 units) as a number: the units in base 2¹⁶
 * and the length above them, so that scoring a position allocates no strings.
 */
function keyOf(s: string, from: number, to: number): number {
  let key = 0;
  for (let j = from; j < to; j++) key = key * 65536 + s.charCodeAt(j);
  return key + (to - from) * 2 ** 48;
}

let scorer: Scorer | undefined;
function loadScorer(): Scorer {
  // BudouX's features: unigrams, bigrams and trigrams at fixed offsets from the boundary
  // (vendor/budoux/parser.ts, parseBoundaries).
  const offsets: Record<string, readonly [number, number]> = {
    UW1: [-3, -2], UW2: [-2, -1], UW3: [-1, 0], UW4: [0, 1], UW5: [1, 2], UW6: [2, 3],
    BW1: [-2, 0], BW2: [-1, 1], BW3: [0, 2],
    TW1: [-3, 0], TW2: [-2, 1], TW3: [-1, 2], TW4: [0, 3],
  };
  let sum = 0;
  const features: Array<readonly [Map<number, number>, number, number]> = [];
  for (const [name, group] of Object.entries(model)) {
    for (const v of Object.values(group)) sum += v;
    const at = offsets[name];
    // a key longer than its feature's window could never match
    const entries = Object.entries(group).filter(([k]) => k.length <= 3);
    if (at) features.push([new Map(entries.map(([k, v]) => [keyOf(k, 0, k.length), v])), at[0], at[1]]);
  }
  return { base: -0.5 * sum, features };
}

/** Whether BudouX puts a phrase boundary before UTF-16 offset i of `s` (0 < i < s.length). */
export function isBoundary(s: string, i: number): boolean {
  scorer ??= loadScorer();
  let score = scorer.base;
  for (const [map, from, to] of scorer.features) {
    // BudouX takes s.substring(i + from, i + to): offsets clamp at both ends
    const a = Math.max(0, i + from);
    const b = Math.min(s.length, i + to);
    if (b > a) score += map.get(keyOf(s, a, b)) ?? 0;
  }
  return score > 0;
}

/**
 * starts(k): cluster k (k ≥ 1) begins a phrase: after a BudouX boundary or after a
 * space. Each position is scored once, when first asked.
 */
export function phraseStarts(p: Prepared): (k: number) => boolean {
  const text = p.text.join('');
  const offset = new Int32Array(p.n + 1);
  for (let k = 0; k < p.n; k++) offset[k + 1] = offset[k]! + p.text[k]!.length;
  const known = new Int8Array(p.n); // 0 unknown, 1 yes, -1 no
  return (k) => {
    if (k <= 0 || k >= p.n) return false;
    if (known[k] === 0) known[k] = p.space[k - 1] || isBoundary(text, offset[k]!) ? 1 : -1;
    return known[k] === 1;
  };
}
