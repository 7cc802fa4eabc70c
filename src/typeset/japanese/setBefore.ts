/**
 * Texts set before, per font. Setting is a pure function of the text and its options, and
 * the same texts recur throughout a booklet: table labels and units, a cell measured
 * unbroken for its column's width and then set in it, a department's text in the booklet
 * and again in its insert. At 200 departments three calls in four were repeats.
 *
 * The lines are shared between callers, hence readonly. The cache forgets everything
 * when it grows past MAX_TEXTS texts for one font (a long watch session).
 */
import type { FontMetrics } from './metrics.js';
import type { SetLine } from './breakLines.js';

/** Everything besides the text and the font that decides how it is set. */
export type SetOptions = readonly (string | number | boolean)[];

interface Entry {
  readonly options: SetOptions;
  readonly lines: readonly SetLine[];
}

const MAX_TEXTS = 1 << 16;
// Keyed by the text itself: a text's hash is kept with the string, so a repeat costs no
// more than comparing a few options.
const byFont = new WeakMap<FontMetrics, Map<string, Entry[]>>();

const same = (a: SetOptions, b: SetOptions): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The lines `make` sets for `text` with `options`. */
export function setBefore(metrics: FontMetrics, text: string, options: SetOptions, make: () => readonly SetLine[]): readonly SetLine[] {
  let texts = byFont.get(metrics);
  if (!texts) byFont.set(metrics, (texts = new Map()));
  let entries = texts.get(text);
  const hit = entries?.find((e) => same(e.options, options));
  if (hit) return hit.lines;
  const lines = make();
  if (!entries) {
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(text, (entries = []));
  }
  entries.push({ options, lines });
  return lines;
}
