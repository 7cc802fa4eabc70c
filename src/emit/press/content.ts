// Content-stream colour rewriting for print. Every RGB colour operator becomes DeviceCMYK
// in place (everything else is copied through byte for byte); at each painting operator
// the colour actually in force is checked against what print wants there:
// - small text and thin strokes in a colour of three or four plates get its fine form
//   (at most two plates), so misregistration cannot fringe them;
// - K 100 overprints (ExtGState /OP /op with /OPM 1): black text and rules do not knock
//   the colours beneath out, so they cannot be haloed by misregistration either.
// Whatever is inserted goes just before the painting operator (before its operands for
// text), where pdfkit itself sets colours.
import { fineOf, fmtCmyk, isBlack, pressColour, type Cmyk, type PressColour } from './colour.js';
import { latin1, nameOf, numberOf, scanContent, type Operand } from './lexer.js';

/** What a colour space operand stands for, as far as conversion is concerned. */
export type SpaceKind = 'rgb' | 'gray' | 'cmyk' | 'other';

export interface RewriteOptions {
  /** pt: text smaller and strokes thinner than these take their colour's fine form. */
  readonly fine?: { readonly textBelow: number; readonly rulesBelow: number };
  /**
   * ExtGState resource names that set overprint (with /OPM 1): [neither, fill (op),
   * stroke (OP), both]. Without them nothing overprints.
   */
  readonly overprint?: readonly [string, string, string, string];
}

export interface RewriteResult {
  readonly bytes: Uint8Array;
  /** false when nothing was replaced (bytes is then the input). */
  readonly changed: boolean;
  /** q operators left open at the end of the stream. */
  readonly openSaves: number;
  /** Things in RGB that this rewrite could not convert (inline images, odd operands). */
  readonly notes: readonly string[];
  /** The overprint ExtGState names the stream now uses. */
  readonly usedStates: ReadonlySet<string>;
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

/** One side (fill or stroke) of the graphics state; replaced, never changed, so q copies cheaply. */
interface Paint {
  readonly space: SpaceKind;
  /** The colour as print wants it; undefined for patterns and other spaces. */
  readonly colour: PressColour | undefined;
  /** The CMYK the stream sets at this point (the colour or its fine form). */
  readonly drawn: Cmyk | undefined;
}

interface State {
  fill: Paint;
  stroke: Paint;
  /** overprint in force: non-stroking (op) and stroking (OP) */
  op: boolean;
  OP: boolean;
  /** how much the CTM scales lengths */
  scale: number;
  lineWidth: number;
  fontSize: number;
  renderMode: number;
}

const BLACK: PressColour = { cmyk: [0, 0, 0, 1], fine: [0, 0, 0, 1] };
const INITIAL: Paint = { space: 'gray', colour: BLACK, drawn: BLACK.cmyk };
const paint = (space: SpaceKind, colour: PressColour | undefined): Paint => ({ space, colour, drawn: colour?.cmyk });
const det = (a: number, b: number, c: number, d: number) => Math.sqrt(Math.abs(a * d - b * c));
const same = (x: Cmyk | undefined, y: Cmyk | undefined) => x === y || (!!x && !!y && x.every((v, i) => v === y[i]));

/** A CMYK colour already in the stream: its fine form keeps at most two plates. */
function cmykColour(c: Cmyk): PressColour {
  const [cc, m, y, k] = c;
  return { cmyk: c, fine: fineOf(c, (1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)) };
}

/**
 * Rewrites RGB colour operators to DeviceCMYK:
 * `/DeviceRGB cs r g b scn` → `/DeviceCMYK cs c m y k scn` (also CS/SCN/sc/SC and named
 * RGB spaces from the resources), `r g b rg` → `c m y k k`, `r g b RG` → `c m y k K`,
 * and fine forms and overprint as described above.
 * `resolve` tells what a non-device colour space name in the stream's resources is.
 */
export function rewriteColours(
  src: Uint8Array,
  map: ReadonlyMap<string, PressColour>,
  resolve: (name: string) => SpaceKind,
  options: RewriteOptions = {},
): RewriteResult {
  const out: Uint8Array[] = [];
  const notes: string[] = [];
  const usedStates = new Set<string>();
  let copied = 0;
  let changed = false;
  const replace = (start: number, end: number, text: string) => {
    if (start > copied) out.push(src.subarray(copied, start));
    out.push(Buffer.from(text, 'latin1'));
    copied = end;
    changed = true;
  };

  const stack: State[] = [];
  let state: State = { fill: INITIAL, stroke: INITIAL, op: false, OP: false, scale: 1, lineWidth: 1, fontSize: 0, renderMode: 0 };
  let textScale = 1;

  const kindOf = (name: string): SpaceKind => deviceSpace(name) ?? resolve(name);
  // Keyed by the operands' bytes: a stream sets the same few colours over and over.
  const memo = new Map<string, PressColour | null>();
  const rgbColour = (ops: readonly Operand[]): PressColour | undefined => {
    if (ops.length !== 3 || ops.some((o) => o.kind !== 'num')) return undefined;
    const key = latin1(src, ops[0]!.start, ops[2]!.end);
    let c = memo.get(key);
    if (c === undefined) {
      const [r, g, b] = [numberOf(src, ops[0]), numberOf(src, ops[1]), numberOf(src, ops[2])];
      c = Number.isNaN(r) || Number.isNaN(g) || Number.isNaN(b) ? null : pressColour(map, r, g, b);
      memo.set(key, c);
    }
    return c ?? undefined;
  };
  const texts = new Map<Cmyk, string>();
  const cmykText = (c: Cmyk): string => {
    let t = texts.get(c);
    if (t === undefined) texts.set(c, (t = fmtCmyk(c)));
    return t;
  };
  const numbers = (ops: readonly Operand[]) => ops.map((o) => numberOf(src, o));

  /** A colour was set on one side: print now draws its full form. */
  const setColour = (fill: boolean, space: SpaceKind, colour: PressColour | undefined) => {
    if (fill) state.fill = paint(space, colour);
    else state.stroke = paint(space, colour);
  };

  /**
   * Before a painting operator: the CMYK each painted side (fill, stroke; `fine` or
   * not, undefined when not painted) should be drawn in, and the overprint that goes
   * with it. Returns the operators to insert ('' for none).
   */
  const prepare = (fill: { fine: boolean } | undefined, stroke: { fine: boolean } | undefined): string => {
    let text = '';
    const draw = (side: Paint, fine: boolean, operator: string): Paint => {
      const c = side.colour ? (fine ? side.colour.fine : side.colour.cmyk) : undefined;
      if (!c || same(c, side.drawn)) return side;
      text += `${cmykText(c)} ${operator}\n`;
      return { space: 'cmyk', colour: side.colour, drawn: c };
    };
    if (fill) state.fill = draw(state.fill, fill.fine, 'k');
    if (stroke) state.stroke = draw(state.stroke, stroke.fine, 'K');
    const black = (side: Paint) => !!side.colour && !!side.drawn && isBlack(side.drawn);
    return text + overprint(fill ? black(state.fill) : state.op, stroke ? black(state.stroke) : state.OP);
  };
  const overprint = (op: boolean, OP: boolean): string => {
    const names = options.overprint;
    if (!names || (op === state.op && OP === state.OP)) return '';
    const name = names[(op ? 1 : 0) + (OP ? 2 : 0)]!;
    usedStates.add(name);
    state.op = op;
    state.OP = OP;
    return `/${name} gs\n`;
  };
  const insertBefore = (operands: readonly Operand[], opStart: number, text: string) => {
    if (text === '') return;
    const at = operands[0]?.start ?? opStart;
    replace(at, at, text);
  };

  scanContent(src, (op, ops, opStart, opEnd) => {
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
      case 'cm': {
        const [a, b, c, d] = numbers(ops);
        if (ops.length === 6 && [a, b, c, d].every((v) => Number.isFinite(v))) state.scale *= det(a!, b!, c!, d!);
        break;
      }
      case 'w': {
        const v = numberOf(src, ops[0]);
        if (Number.isFinite(v)) state.lineWidth = v;
        break;
      }
      case 'Tf': {
        const v = numberOf(src, ops[1]);
        if (Number.isFinite(v)) state.fontSize = Math.abs(v);
        break;
      }
      case 'Tr': {
        const v = numberOf(src, ops[0]);
        if (Number.isFinite(v)) state.renderMode = v;
        break;
      }
      case 'BT':
        textScale = 1;
        break;
      case 'Tm': {
        const [a, b, c, d] = numbers(ops);
        if (ops.length === 6 && [a, b, c, d].every((v) => Number.isFinite(v))) textScale = det(a!, b!, c!, d!);
        break;
      }
      case 'cs':
      case 'CS': {
        const o = ops[ops.length - 1];
        const spaceName = nameOf(src, o);
        const kind = spaceName !== undefined ? kindOf(spaceName) : 'other';
        // A new space starts at its initial colour (black for gray and CMYK).
        setColour(op === 'cs', kind, kind === 'rgb' || kind === 'gray' || kind === 'cmyk' ? BLACK : undefined);
        if (kind === 'rgb' && o) replace(o.start, o.end, '/DeviceCMYK');
        break;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const fill = op === 'sc' || op === 'scn';
        const side = fill ? state.fill : state.stroke;
        if (side.space === 'rgb') {
          const colour = rgbColour(ops);
          const first = ops[0];
          if (colour && first) {
            replace(first.start, opStart, cmykText(colour.cmyk) + ' ');
            setColour(fill, 'rgb', colour);
          } else {
            notes.push(`${op} with ${ops.length} operands in an RGB space left as is`);
            setColour(fill, 'rgb', undefined);
          }
        } else if (side.space === 'cmyk' && ops.length === 4) {
          setColour(fill, 'cmyk', cmykColour(numbers(ops) as unknown as Cmyk));
        } else if (side.space === 'gray' && ops.length === 1) {
          const g = numberOf(src, ops[0]);
          setColour(fill, 'gray', { cmyk: [0, 0, 0, 1 - g], fine: [0, 0, 0, 1 - g] });
        } else setColour(fill, side.space, undefined);
        break;
      }
      case 'rg':
      case 'RG': {
        const colour = rgbColour(ops);
        const first = ops[0];
        if (colour && first) {
          replace(first.start, opEnd, `${cmykText(colour.cmyk)} ${op === 'rg' ? 'k' : 'K'}`);
          setColour(op === 'rg', 'cmyk', colour);
        } else {
          notes.push(`${op} with bad operands left as is`);
          setColour(op === 'rg', 'rgb', undefined);
        }
        break;
      }
      case 'g':
      case 'G': {
        const g = numberOf(src, ops[0]);
        setColour(op === 'g', 'gray', Number.isFinite(g) ? { cmyk: [0, 0, 0, 1 - g], fine: [0, 0, 0, 1 - g] } : undefined);
        break;
      }
      case 'k':
      case 'K': {
        const c = numbers(ops);
        setColour(op === 'k', 'cmyk', ops.length === 4 && c.every(Number.isFinite) ? cmykColour(c as unknown as Cmyk) : undefined);
        break;
      }
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        const size = state.fontSize * textScale * state.scale;
        const fine = { fine: !!options.fine && size < options.fine.textBelow };
        const m = state.renderMode;
        insertBefore(ops, opStart, prepare(m === 0 || m === 2 || m === 4 || m === 6 ? fine : undefined, m === 1 || m === 2 || m === 5 || m === 6 ? fine : undefined));
        break;
      }
      case 'f':
      case 'F':
      case 'f*':
        insertBefore([], opStart, prepare({ fine: false }, undefined));
        break;
      case 'S':
      case 's':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*': {
        const stroke = { fine: !!options.fine && state.lineWidth * state.scale < options.fine.rulesBelow };
        // A filled and stroked path: the fill is an area, only the stroke can be fine.
        insertBefore([], opStart, prepare(op === 'S' || op === 's' ? undefined : { fine: false }, stroke));
        break;
      }
      case 'Do':
      case 'sh':
      case 'BI':
        // Forms, shadings and images start without overprint (a form is rewritten on its own).
        insertBefore(op === 'BI' ? [] : ops, opStart, overprint(false, false));
        break;
      case 'ID': {
        // Inline image: the operands since BI are its dictionary.
        for (let j = 0; j + 1 < ops.length; j++) {
          const k = nameOf(src, ops[j]);
          const v = nameOf(src, ops[j + 1]);
          if ((k === 'CS' || k === 'ColorSpace') && v !== undefined && kindOf(v) === 'rgb') notes.push('inline image in RGB left as is');
        }
        break;
      }
      default:
        break;
    }
  });

  if (!changed) return { bytes: src, changed: false, openSaves: stack.length, notes, usedStates };
  if (copied < src.length) out.push(src.subarray(copied));
  return { bytes: new Uint8Array(Buffer.concat(out)), changed: true, openSaves: stack.length, notes, usedStates };
}
