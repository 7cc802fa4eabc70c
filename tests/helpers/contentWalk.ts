// An independent reader of what a print page paints: a small tokenizer and graphics-state
// tracker written for the tests (it shares no code with src/emit/press), reporting each
// text show, fill and stroke with the CMYK in force, the overprint in force and the size.
import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';

export interface Painted {
  readonly kind: 'text' | 'fill' | 'stroke';
  /** CMYK 0–1, undefined when the colour is not DeviceCMYK */
  readonly cmyk: readonly number[] | undefined;
  /** overprint for this kind of paint (op for text and fills, OP for strokes) */
  readonly overprint: boolean;
  /** text: font size in page units; stroke: line width in page units; fill: 0 */
  readonly size: number;
  /** text: the hex string(s) shown */
  readonly text?: string;
}

type Token = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'str'; v: string } | { t: 'arr'; v: string } | { t: 'op'; v: string };

const NAME = /\/[^\s/\[\]()<>{}%]*/y;
const WORD = /[^\s/\[\]()<>{}%]+/y;
const match = (re: RegExp, src: string, at: number): string | undefined => {
  re.lastIndex = at;
  return re.exec(src)?.[0];
};

export function tokens(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/') {
      const m = match(NAME, src, i)!;
      out.push({ t: 'name', v: m.slice(1) });
      i += m.length;
    } else if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') depth++;
        else if (src[i] === ')' && --depth === 0) break;
      }
      i++;
      out.push({ t: 'str', v: src.slice(start, i) });
    } else if (c === '<' && src[i + 1] === '<') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src.startsWith('<<', i)) (depth++, i++);
        else if (src.startsWith('>>', i) && --depth === 0) break;
        else if (src.startsWith('>>', i)) i++;
      }
      i += 2;
      out.push({ t: 'str', v: src.slice(start, i) });
    } else if (c === '<') {
      const end = src.indexOf('>', i);
      out.push({ t: 'str', v: src.slice(i, end + 1) });
      i = end + 1;
    } else if (c === '[') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '(') {
          for (i++; i < src.length && src[i] !== ')'; i++) if (src[i] === '\\') i++;
        } else if (src[i] === '[') depth++;
        else if (src[i] === ']' && --depth === 0) break;
      }
      i++;
      out.push({ t: 'arr', v: src.slice(start, i) });
    } else {
      const m = match(WORD, src, i) ?? c;
      i += m.length;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m)) out.push({ t: 'num', v: Number(m) });
      else out.push({ t: 'op', v: m });
    }
  }
  return out;
}

function decode(doc: PDFDocument, obj: unknown): string {
  const s = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (!(s instanceof PDFRawStream)) return '';
  const filter = s.dict.get(PDFName.of('Filter'));
  const raw = Buffer.from(s.contents);
  // Some writers (Ghostscript) end a Flate stream without its final block marker.
  return (filter === PDFName.of('FlateDecode') ? inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }) : raw).toString('latin1');
}

/** The page's content streams joined. */
export function pageSource(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.get(PDFName.of('Contents'));
  const c = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  if (c instanceof PDFArray) return c.asArray().map((o) => decode(doc, o)).join('\n');
  return decode(doc, contents);
}

/** op/OP of each ExtGState the page names. */
function extGStates(doc: PDFDocument, index: number): Map<string, { op?: boolean; OP?: boolean }> {
  const map = new Map<string, { op?: boolean; OP?: boolean }>();
  const res = doc.getPage(index).node.Resources();
  const gs = res?.lookupMaybe(PDFName.of('ExtGState'), PDFDict);
  for (const [k, v] of gs?.entries() ?? []) {
    const d = doc.context.lookup(v);
    if (!(d instanceof PDFDict)) continue;
    const flag = (key: string) => {
      const b = d.get(PDFName.of(key));
      return b instanceof PDFBool ? b.asBoolean() : undefined;
    };
    const op = flag('op');
    const OP = flag('OP');
    map.set(k.decodeText(), { ...(op !== undefined ? { op } : OP !== undefined ? { op: OP } : {}), ...(OP !== undefined ? { OP } : {}) });
  }
  return map;
}

export function paintedOn(doc: PDFDocument, index: number): Painted[] {
  const states = extGStates(doc, index);
  const out: Painted[] = [];
  interface S {
    fill: number[] | undefined;
    stroke: number[] | undefined;
    op: boolean;
    OP: boolean;
    scale: number;
    lw: number;
    fs: number;
  }
  let s: S = { fill: [0, 0, 0, 1], stroke: [0, 0, 0, 1], op: false, OP: false, scale: 1, lw: 1, fs: 0 };
  const stack: S[] = [];
  let tm = 1;
  let args: Token[] = [];
  const nums = () => args.filter((a): a is { t: 'num'; v: number } => a.t === 'num').map((a) => a.v);
  for (const tok of tokens(pageSource(doc, index))) {
    if (tok.t !== 'op') {
      args.push(tok);
      continue;
    }
    const n = nums();
    switch (tok.v) {
      case 'q':
        stack.push({ ...s });
        break;
      case 'Q':
        s = stack.pop() ?? s;
        break;
      case 'cm':
        s.scale *= Math.sqrt(Math.abs(n[0]! * n[3]! - n[1]! * n[2]!));
        break;
      case 'w':
        s.lw = n[0]!;
        break;
      case 'Tf':
        s.fs = Math.abs(n[0]!);
        break;
      case 'BT':
        tm = 1;
        break;
      case 'Tm':
        tm = Math.sqrt(Math.abs(n[0]! * n[3]! - n[1]! * n[2]!));
        break;
      case 'k':
        s.fill = n;
        break;
      case 'K':
        s.stroke = n;
        break;
      case 'cs':
        s.fill = args[0]?.v === 'DeviceCMYK' ? [0, 0, 0, 1] : undefined;
        break;
      case 'CS':
        s.stroke = args[0]?.v === 'DeviceCMYK' ? [0, 0, 0, 1] : undefined;
        break;
      case 'scn':
      case 'sc':
        if (s.fill && n.length === 4) s.fill = n;
        else if (n.length !== 4) s.fill = undefined;
        break;
      case 'SCN':
      case 'SC':
        if (s.stroke && n.length === 4) s.stroke = n;
        else if (n.length !== 4) s.stroke = undefined;
        break;
      case 'rg':
      case 'g':
        s.fill = undefined;
        break;
      case 'RG':
      case 'G':
        s.stroke = undefined;
        break;
      case 'gs': {
        const st = states.get(String(args[0]?.v));
        if (st?.op !== undefined) s.op = st.op;
        if (st?.OP !== undefined) s.OP = st.OP;
        break;
      }
      case 'Tj':
      case 'TJ':
        out.push({ kind: 'text', cmyk: s.fill, overprint: s.op, size: s.fs * tm * s.scale, text: args.map((a) => String(a.v)).join('') });
        break;
      case 'f':
      case 'F':
      case 'f*':
        out.push({ kind: 'fill', cmyk: s.fill, overprint: s.op, size: 0 });
        break;
      case 'S':
      case 's':
        out.push({ kind: 'stroke', cmyk: s.stroke, overprint: s.OP, size: s.lw * s.scale });
        break;
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
        out.push({ kind: 'fill', cmyk: s.fill, overprint: s.op, size: 0 });
        out.push({ kind: 'stroke', cmyk: s.stroke, overprint: s.OP, size: s.lw * s.scale });
        break;
      default:
        break;
    }
    args = [];
  }
  return out;
}

export const platesOf = (c: readonly number[]): number => c.filter((v) => v > 1e-6).length;
export const isK100 = (c: readonly number[] | undefined): boolean => !!c && c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] === 1;
export const num = (o: unknown): number => (o instanceof PDFNumber ? o.asNumber() : NaN);
