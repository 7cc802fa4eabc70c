// A small content-stream lexer: it finds each operator and where its operands are, and
// nothing more (numbers and names are read only when an operator needs them). Strings,
// arrays, dictionaries and inline image data are skipped whole.

/** An operand's place in the stream. */
export interface Operand {
  readonly start: number;
  readonly end: number;
  readonly kind: 'num' | 'name' | 'other';
}

/** Called once per operator with the operands since the previous one. */
export type OperatorVisitor = (op: string, operands: readonly Operand[], start: number, end: number) => void;

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const ch of '()<>[]{}/%') DELIM[ch.charCodeAt(0)] = 1;
const isRegular = (c: number) => WS[c] === 0 && DELIM[c] === 0;
/** Could this regular token be a number? (Then Number() decides.) */
const NUMERIC_START = new Uint8Array(256);
for (const ch of '0123456789+-.') NUMERIC_START[ch.charCodeAt(0)] = 1;

export function latin1(src: Uint8Array, start: number, end: number): string {
  let t = '';
  for (let k = start; k < end; k++) t += String.fromCharCode(src[k] ?? 0);
  return t;
}

/** A name token's text without the slash, #xx escapes decoded. */
export function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A number operand's value, read from its bytes (PDF numbers have no exponent); NaN for anything else. */
export function numberOf(src: Uint8Array, o: Operand | undefined): number {
  if (o?.kind !== 'num') return NaN;
  let i = o.start;
  let sign = 1;
  if (src[i] === 0x2d /* - */) (sign = -1), i++;
  else if (src[i] === 0x2b /* + */) i++;
  let v = 0;
  let digits = 0;
  for (; i < o.end && src[i]! >= 0x30 && src[i]! <= 0x39; i++, digits++) v = v * 10 + (src[i]! - 0x30);
  if (i < o.end && src[i] === 0x2e /* . */) {
    // Short fractions exactly as Number() reads them; long ones through Number().
    if (o.end - i > 15) return sign * Number(latin1(src, o.start + (sign < 0 || src[o.start] === 0x2b ? 1 : 0), o.end));
    let scale = 1;
    for (i++; i < o.end && src[i]! >= 0x30 && src[i]! <= 0x39; i++, digits++) (v = v * 10 + (src[i]! - 0x30)), (scale *= 10);
    // One division of two exact integers: the value Number() gives.
    if (v > Number.MAX_SAFE_INTEGER) return sign * Number(latin1(src, o.start + (sign < 0 || src[o.start] === 0x2b ? 1 : 0), o.end));
    v /= scale;
  }
  return i === o.end && digits > 0 ? sign * v : NaN;
}
export const nameOf = (src: Uint8Array, o: Operand | undefined): string | undefined =>
  o?.kind === 'name' ? decodeName(latin1(src, o.start + 1, o.end)) : undefined;

/** Where an inline image's data ends: just after the `EI` that follows `ID` at `from`. */
function endOfInlineImage(src: Uint8Array, from: number): number {
  const n = src.length;
  let k = from + 1;
  while (k + 1 < n) {
    if (src[k] === 0x45 && src[k + 1] === 0x49 && WS[src[k - 1] ?? 0x20] === 1 && (k + 2 >= n || !isRegular(src[k + 2] ?? 0x20))) break;
    k++;
  }
  return Math.min(n, k + 2);
}

export function scanContent(src: Uint8Array, visit: OperatorVisitor): void {
  const n = src.length;
  let ops: Operand[] = [];
  let nest = 0; // depth inside [ ] and << >>
  let compositeStart = 0;
  let i = 0;
  while (i < n) {
    const c = src[i] ?? 0;
    if (WS[c] === 1) {
      i++;
      continue;
    }
    if (c === 0x25 /* % */) {
      while (i < n && src[i] !== 0x0a && src[i] !== 0x0d) i++;
      continue;
    }
    if (c === 0x28 /* ( */) {
      const start = i;
      let depth = 0;
      while (i < n) {
        const ch = src[i];
        if (ch === 0x5c /* \ */) {
          i += 2;
          continue;
        }
        if (ch === 0x28) depth++;
        else if (ch === 0x29 && --depth === 0) {
          i++;
          break;
        }
        i++;
      }
      if (nest === 0) ops.push({ start, end: i, kind: 'other' });
      continue;
    }
    if (c === 0x3c /* < */) {
      if (src[i + 1] === 0x3c) {
        if (nest++ === 0) compositeStart = i;
        i += 2;
        continue;
      }
      const start = i;
      while (i < n && src[i] !== 0x3e) i++;
      i++;
      if (nest === 0) ops.push({ start, end: i, kind: 'other' });
      continue;
    }
    if (c === 0x3e /* > */) {
      i += src[i + 1] === 0x3e ? 2 : 1;
      if (nest > 0 && --nest === 0) ops.push({ start: compositeStart, end: i, kind: 'other' });
      continue;
    }
    if (c === 0x5b /* [ */) {
      if (nest++ === 0) compositeStart = i;
      i++;
      continue;
    }
    if (c === 0x5d /* ] */) {
      i++;
      if (nest > 0 && --nest === 0) ops.push({ start: compositeStart, end: i, kind: 'other' });
      continue;
    }
    if (c === 0x7b || c === 0x7d /* { } */) {
      i++;
      continue;
    }
    if (c === 0x2f /* / */) {
      const start = i;
      i++;
      while (i < n && isRegular(src[i] ?? 0x20)) i++;
      if (nest === 0) ops.push({ start, end: i, kind: 'name' });
      continue;
    }
    const start = i;
    while (i < n && isRegular(src[i] ?? 0x20)) i++;
    if (i === start) {
      i++; // a stray delimiter such as ')'
      continue;
    }
    if (nest > 0) continue;
    if (NUMERIC_START[c] === 1) ops.push({ start, end: i, kind: 'num' });
    // Every operator is at most 3 characters; longer words are true, false and null.
    else if (i - start > 3) ops.push({ start, end: i, kind: 'other' });
    else {
      const op = latin1(src, start, i);
      visit(op, ops, start, i);
      ops = [];
      if (op === 'ID') i = endOfInlineImage(src, i);
    }
  }
}
