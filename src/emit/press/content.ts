// Content-stream colour rewriting. A small PDF lexer walks the operators, tracks the fill
// and stroke colour spaces through q/Q, and replaces only the bytes of RGB colour
// operators (everything else is copied through byte for byte).
import { fmtCmyk, rgbToCmyk, type Cmyk } from './colour.js';

/** What a colour space operand stands for, as far as conversion is concerned. */
export type SpaceKind = 'rgb' | 'gray' | 'cmyk' | 'other';

export interface RewriteResult {
  readonly bytes: Uint8Array;
  /** false when nothing was replaced (bytes is then the input). */
  readonly changed: boolean;
  /** q operators left open at the end of the stream. */
  readonly openSaves: number;
  /** Things in RGB that this rewrite could not convert (inline images, odd operands). */
  readonly notes: readonly string[];
}

const WS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const ch of '()<>[]{}/%') DELIM[ch.charCodeAt(0)] = 1;
const isRegular = (c: number) => WS[c] === 0 && DELIM[c] === 0;

/** An operand's place in the stream; numbers and names are read only when an operator needs them. */
interface Operand {
  readonly start: number;
  readonly end: number;
  readonly kind: 'num' | 'name' | 'other';
}

interface ColourState {
  fill: SpaceKind;
  stroke: SpaceKind;
}

/** Could this regular token be a number? (Then Number() decides.) */
const NUMERIC_START = new Uint8Array(256);
for (const ch of '0123456789+-.') NUMERIC_START[ch.charCodeAt(0)] = 1;

/** A name token's text without the slash, #xx escapes decoded. */
function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The colour spaces a content stream can name without resources. */
export function deviceSpace(name: string): SpaceKind | undefined {
  switch (name) {
    case 'DeviceRGB':
    case 'RGB':
    case 'CalRGB':
      return 'rgb';
    case 'DeviceGray':
    case 'G':
      return 'gray';
    case 'DeviceCMYK':
    case 'CMYK':
      return 'cmyk';
    case 'Pattern':
      return 'other';
    default:
      return undefined;
  }
}

/**
 * Rewrites RGB colour operators to DeviceCMYK:
 * `/DeviceRGB cs r g b scn` → `/DeviceCMYK cs c m y k scn` (also CS/SCN/sc/SC and named
 * RGB spaces from the resources), `r g b rg` → `c m y k k`, `r g b RG` → `c m y k K`.
 * `resolve` tells what a non-device colour space name in the stream's resources is.
 */
export function rewriteColours(
  src: Uint8Array,
  map: ReadonlyMap<string, Cmyk>,
  resolve: (name: string) => SpaceKind,
): RewriteResult {
  const n = src.length;
  const text = (start: number, end: number) => {
    let t = '';
    for (let k = start; k < end; k++) t += String.fromCharCode(src[k] ?? 0);
    return t;
  };
  const numberOf = (o: Operand | undefined) => (o?.kind === 'num' ? Number(text(o.start, o.end)) : NaN);
  const nameOf = (o: Operand | undefined) => (o?.kind === 'name' ? decodeName(text(o.start + 1, o.end)) : undefined);
  const out: Uint8Array[] = [];
  const notes: string[] = [];
  let copied = 0;
  let changed = false;
  const replace = (start: number, end: number, text: string) => {
    if (start > copied) out.push(src.subarray(copied, start));
    out.push(Buffer.from(text, 'latin1'));
    copied = end;
    changed = true;
  };

  const stack: ColourState[] = [];
  let state: ColourState = { fill: 'gray', stroke: 'gray' };
  let ops: Operand[] = [];
  let nest = 0; // depth inside [ ] and << >>
  let compositeStart = 0;
  let i = 0;

  const kindOf = (name: string): SpaceKind => deviceSpace(name) ?? resolve(name);
  const converted = new Map<string, string>();
  const cmykText = (o: Operand[]): string | undefined => {
    if (o.length !== 3) return undefined;
    const [r, g, b] = [numberOf(o[0]), numberOf(o[1]), numberOf(o[2])];
    if (Number.isNaN(r) || Number.isNaN(g) || Number.isNaN(b)) return undefined;
    const key = `${r} ${g} ${b}`;
    let cmyk = converted.get(key);
    if (cmyk === undefined) {
      cmyk = fmtCmyk(rgbToCmyk(map, r, g, b));
      converted.set(key, cmyk);
    }
    return cmyk;
  };

  const operator = (op: string, opStart: number, opEnd: number) => {
    switch (op) {
      case 'q':
        stack.push({ ...state });
        break;
      case 'Q': {
        const prev = stack.pop();
        if (prev) state = prev;
        else {
          // An unmatched Q would pop the wrapper this stream is placed in: drop it.
          replace(opStart, opEnd, '');
          notes.push('unmatched Q removed');
        }
        break;
      }
      case 'cs':
      case 'CS': {
        const o = ops[ops.length - 1];
        const spaceName = nameOf(o);
        const kind = spaceName !== undefined ? kindOf(spaceName) : 'other';
        if (op === 'cs') state.fill = kind;
        else state.stroke = kind;
        if (kind === 'rgb' && o) replace(o.start, o.end, '/DeviceCMYK');
        break;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const kind = op === 'sc' || op === 'scn' ? state.fill : state.stroke;
        if (kind !== 'rgb') break;
        const text = cmykText(ops);
        const first = ops[0];
        if (text !== undefined && first) replace(first.start, opStart, text + ' ');
        else notes.push(`${op} with ${ops.length} operands in an RGB space left as is`);
        break;
      }
      case 'rg':
      case 'RG': {
        const text = cmykText(ops);
        const first = ops[0];
        if (op === 'rg') state.fill = 'rgb';
        else state.stroke = 'rgb';
        if (text !== undefined && first) replace(first.start, opEnd, `${text} ${op === 'rg' ? 'k' : 'K'}`);
        else notes.push(`${op} with bad operands left as is`);
        break;
      }
      case 'g':
        state.fill = 'gray';
        break;
      case 'G':
        state.stroke = 'gray';
        break;
      case 'k':
        state.fill = 'cmyk';
        break;
      case 'K':
        state.stroke = 'cmyk';
        break;
      case 'ID': {
        // Inline image: the operands since BI are its dictionary; skip the binary data.
        for (let j = 0; j + 1 < ops.length; j++) {
          const key = ops[j];
          const val = ops[j + 1];
          const k = nameOf(key);
          const v = nameOf(val);
          if ((k === 'CS' || k === 'ColorSpace') && v !== undefined && kindOf(v) === 'rgb') notes.push('inline image in RGB left as is');
        }
        let k = opEnd + 1;
        while (k + 1 < n) {
          if (src[k] === 0x45 && src[k + 1] === 0x49 && WS[src[k - 1] ?? 0x20] === 1 && (k + 2 >= n || !isRegular(src[k + 2] ?? 0x20))) break;
          k++;
        }
        i = Math.min(n, k + 2);
        break;
      }
      default:
        break;
    }
    ops = [];
  };

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
    else operator(text(start, i), start, i);
  }

  if (!changed) return { bytes: src, changed: false, openSaves: stack.length, notes };
  if (copied < n) out.push(src.subarray(copied));
  return { bytes: new Uint8Array(Buffer.concat(out)), changed: true, openSaves: stack.length, notes };
}
