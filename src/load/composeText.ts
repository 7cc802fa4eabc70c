/**
 * Text is printed composed (NFC): か followed by U+3099 COMBINING VOICED SOUND MARK, as
 * some systems paste it, becomes the one character が, so no mark is ever set apart
 * from its kana or lost. Only canonical composition: NFKC would also turn ① into 1, ㈱
 * into (株) and full-width digits into ASCII, which change what the reader sees.
 *
 * One exception to NFC: the CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F).
 * NFC maps 神 U+FA19 to 神 U+795E and so on, a different glyph in the fonts (the BIZ
 * UD fonts draw 92 of them); names and place names use them on purpose, so they are
 * kept as typed.
 */

const COMPAT_IDEOGRAPH = /^[\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/u;
const COMPAT_IDEOGRAPHS = /([\uF900-\uFAFF\u{2F800}-\u{2FA1F}])/u;

/**
 * Pieces that NFC treats independently: each starts at a character that never
 * combines with what precedes it. Marks (\p{M}, which includes U+3099 and the Indic
 * vowel signs that compose) and Hangul vowel and final jamo attach to the piece before.
 */
const PIECE = /[^\p{M}\u1160-\u11FF][\p{M}\u1160-\u11FF]*|[\p{M}\u1160-\u11FF]+/gsu;

export interface Composition {
  /** The piece as typed. */
  readonly raw: string;
  /** The piece as printed. */
  readonly composed: string;
  /** Its UTF-16 index in the typed text. */
  readonly rawIndex: number;
  /** Its UTF-16 index in the printed text. */
  readonly index: number;
}

/** The text as printed: NFC, but CJK compatibility ideographs as typed. */
export function composeText(s: string): string {
  if (isComposed(s)) return s;
  return compositions(s).composed;
}

/** Fast path: almost all text is NFC already, and then nothing changes. */
function isComposed(s: string): boolean {
  return s.normalize('NFC') === s;
}

/**
 * Where composing `s` changes it, piece by piece, and the composed text. The pieces
 * are checked against NFC of the text between compatibility ideographs; were they
 * ever to disagree, the whole text is one piece, so positions fall on its start.
 */
export function compositions(s: string): { composed: string; changes: Composition[] } {
  if (isComposed(s)) return { composed: s, changes: [] };
  const pieces = s.match(PIECE) ?? [];
  const keep = (p: string) => COMPAT_IDEOGRAPH.test(p);
  const out: string[] = [];
  const changes: Composition[] = [];
  let rawIndex = 0;
  let index = 0;
  for (const raw of pieces) {
    const composed = keep(raw) ? raw : raw.normalize('NFC');
    if (composed !== raw) changes.push({ raw, composed, rawIndex, index });
    out.push(composed);
    rawIndex += raw.length;
    index += composed.length;
  }
  const composed = out.join('');
  const reference = s
    .split(COMPAT_IDEOGRAPHS)
    .map((part, i) => (i % 2 === 1 ? part : part.normalize('NFC')))
    .join('');
  const agrees = rawIndex === s.length && composed === reference;
  if (agrees) return { composed, changes };
  return { composed: reference, changes: [{ raw: s, composed: reference, rawIndex: 0, index: 0 }] };
}

/**
 * The index in the typed text of the character at `index` in the printed text: the
 * start of its piece when composition changed the piece (が → the か of か + U+3099).
 */
export function typedIndex(s: string, index: number): number {
  return indexMaps(s).typed(index);
}

/** The inverse of typedIndex: where the typed character at `rawIndex` is in the printed text. */
export function printedIndex(s: string, rawIndex: number): number {
  return indexMaps(s).printed(rawIndex);
}

/** typedIndex and printedIndex for many indexes of one text, composing it once. */
export function indexMaps(s: string): { typed(index: number): number; printed(rawIndex: number): number } {
  const { changes } = compositions(s);
  const printedSide = (c: Composition) => [c.index, c.composed.length] as const;
  const typedSide = (c: Composition) => [c.rawIndex, c.raw.length] as const;
  return {
    typed: (index) => across(changes, index, printedSide, typedSide),
    printed: (rawIndex) => across(changes, rawIndex, typedSide, printedSide),
  };
}

type Side = (c: Composition) => readonly [start: number, length: number];

/** An index on one side of the changes (typed or printed) → the other: a changed piece maps to its start. */
function across(changes: readonly Composition[], i: number, from: Side, to: Side): number {
  let shift = 0;
  for (const c of changes) {
    const [fromStart, fromLength] = from(c);
    const [toStart, toLength] = to(c);
    if (i < fromStart) break;
    if (i < fromStart + fromLength) return toStart;
    shift = toStart + toLength - (fromStart + fromLength);
  }
  return i + shift;
}

/**
 * Every string in plain data (objects, arrays), composed; other values as they are. A
 * list or map reached twice (a YAML alias, even one inside itself) is copied once.
 */
export function composeData(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return composeText(value);
  if (value === null || typeof value !== 'object') return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    copies.set(value, out);
    for (const v of value) out.push(composeData(v, copies));
    return out;
  }
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  // defineProperty: a key named __proto__ stays a key (and so an unknown one).
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: composeData(v, copies), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
