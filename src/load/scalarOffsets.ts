import type { Scalar } from 'yaml';

/**
 * Where each character of a scalar's text value was written. A block text (`|`, `>`),
 * a folded or quoted text spreads one value over many source lines, with indentation
 * removed, line breaks folded into spaces and escapes replaced: the value's character
 * i is not at the scalar's start + i. These functions follow what yaml 2 does to each
 * style (compose/resolve-flow-scalar.js and resolve-block-scalar.js) and record, for
 * every UTF-16 unit of the value, the source offset of what produced it:
 * - a character written as itself: its own place;
 * - a line break kept or folded into a space: the line break (on a CRLF line, the \r),
 *   so a message about a joined line points at the end of the line that was joined;
 * - a character written as an escape (`\u3099`, `\n`) or as `''`: the escape's start.
 * The result is checked against the value yaml produced; when they differ (a yaml
 * behaviour not followed here), there is no map and callers point at the scalar's start.
 */
export function scalarOffsets(text: string, node: Scalar): Int32Array | undefined {
  const value = node.source;
  const range = node.range;
  if (typeof value !== 'string' || !range) return undefined;
  const [start, end] = range;
  const candidates = offsetCandidates(text, node.type, start, end);
  for (const out of candidates) {
    if (out.text() === value) return out.offsets();
  }
  return undefined;
}

/** The value built up one UTF-16 unit at a time, each with the offset it came from. */
class Traced {
  private readonly chars: string[] = [];
  private readonly at: number[] = [];

  /** `s` as produced by the source at `offset` (an escape, a folded break). */
  put(s: string, offset: number): void {
    for (let i = 0; i < s.length; i++) {
      this.chars.push(s[i]!);
      this.at.push(offset);
    }
  }

  /** `text[from, to)` copied as written: each unit from its own place. */
  copy(text: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.chars.push(text[i]!);
      this.at.push(i);
    }
  }

  get length(): number {
    return this.chars.length;
  }

  last(): string | undefined {
    return this.chars[this.chars.length - 1];
  }

  /** Drops the unit at `index` (the second quote of a `''`). */
  remove(index: number): void {
    this.chars.splice(index, 1);
    this.at.splice(index, 1);
  }

  text(): string {
    return this.chars.join('');
  }

  offsets(): Int32Array {
    return Int32Array.from(this.at);
  }
}

function* offsetCandidates(text: string, type: Scalar['type'], start: number, end: number): Generator<Traced> {
  switch (type) {
    case 'PLAIN':
      yield unfold(text, start, end);
      return;
    case 'QUOTE_SINGLE':
      yield singleQuoted(text, start, end);
      return;
    case 'QUOTE_DOUBLE':
      yield doubleQuoted(text, start, end);
      return;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      yield* blockCandidates(text, start, end);
      return;
    default:
      return;
  }
}

/** The offset of the line break whose `\n` is at `nl`: its `\r` on a CRLF line. */
const breakAt = (text: string, nl: number) => (nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl);

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/**
 * Plain and single-quoted text: each line trimmed, a single line break becomes a space,
 * n empty lines become n line breaks (yaml's unfoldLines).
 */
function unfold(text: string, from: number, to: number): Traced {
  const out = new Traced();
  let nl = text.indexOf('\n', from);
  if (nl < 0 || nl >= to) {
    out.copy(text, from, to);
    return out;
  }
  // The first line keeps its leading blanks; its trailing ones go.
  out.copy(text, from, trimEnd(text, from, breakAt(text, nl)));
  // A kept line break is placed on the break of the empty line it stands for; a
  // folded one (a space) on the break it replaces.
  let sep = ' ';
  let sepAt = breakAt(text, nl);
  let pos = nl + 1;
  for (nl = text.indexOf('\n', pos); nl >= 0 && nl < to; nl = text.indexOf('\n', pos)) {
    const lineEnd = breakAt(text, nl);
    const s = trimStart(text, pos, lineEnd);
    const e = trimEnd(text, s, lineEnd);
    if (s === e) {
      if (sep === '\n') out.put('\n', sepAt);
      else sep = '\n';
    } else {
      out.put(sep, sepAt);
      out.copy(text, s, e);
      sep = ' ';
    }
    sepAt = lineEnd;
    pos = nl + 1;
  }
  out.put(sep, sepAt);
  out.copy(text, trimStart(text, pos, to), to);
  return out;
}

function trimStart(text: string, from: number, to: number): number {
  while (from < to && isBlank(text[from])) from++;
  return from;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isBlank(text[to - 1])) to--;
  return to;
}

function singleQuoted(text: string, start: number, end: number): Traced {
  const out = unfold(text, start + 1, end - 1);
  const s = out.text();
  // `''` is one quote: keep the first of each pair, as .replace(/''/g, "'") does.
  const drop: number[] = [];
  for (let i = s.indexOf("''"); i >= 0; i = s.indexOf("''", i + 2)) drop.push(i + 1);
  for (let k = drop.length - 1; k >= 0; k--) out.remove(drop[k]!);
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function doubleQuoted(text: string, start: number, end: number): Traced {
  const out = new Traced();
  const last = end - 1;
  for (let i = start + 1; i < last; ++i) {
    const ch = text[i]!;
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n') {
      i = foldBreak(text, i, out);
    } else if (ch === '\\') {
      const escape = i;
      let next = text[++i];
      const code = next === undefined ? undefined : ESCAPES[next];
      if (code !== undefined) out.put(code, escape);
      else if (next === '\n' || (next === '\r' && text[i + 1] === '\n')) {
        // An escaped line break joins the lines with nothing between them.
        if (next === '\r') i++;
        next = text[i + 1];
        while (isBlank(next)) next = text[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = text.substr(i + 1, length);
        const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === length ? parseInt(hex, 16) : NaN;
        out.put(cp <= 0x10ffff ? String.fromCodePoint(cp) : text.substr(i - 1, length + 2), escape);
        i += length;
      } else {
        out.put(text.substr(i - 1, 2), escape);
      }
    } else if (isBlank(ch)) {
      // Blanks before a line break are dropped; others are kept as written.
      const from = i;
      let next = text[i + 1];
      while (isBlank(next)) next = text[++i + 1];
      if (next !== '\n' && !(next === '\r' && text[i + 2] === '\n')) out.copy(text, from, i + 1);
    } else {
      out.put(ch, i);
    }
  }
  return out;
}

/**
 * A line break inside double quotes: one becomes a space; n+1 (with only blanks
 * between) become n line breaks, each placed on the break it stands for. Returns the
 * index of the last character consumed.
 */
function foldBreak(text: string, nl: number, out: Traced): number {
  const breaks: number[] = [];
  let i = nl;
  let ch = text[i + 1];
  while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
    if (ch === '\r' && text[i + 2] !== '\n') break;
    if (ch === '\n') breaks.push(i + 1);
    i += 1;
    ch = text[i + 1];
  }
  if (breaks.length === 0) out.put(' ', breakAt(text, nl));
  // The first break is the one folded away; the others are kept.
  for (const b of breaks) out.put('\n', breakAt(text, b));
  return i;
}

interface BlockLine {
  /** Offset of the line's first character. */
  start: number;
  /** Leading spaces (tabs are content). */
  indent: number;
  /** Offset where the content ends: before the \r of a CRLF, before the \n. */
  end: number;
  /** Offset of the line break ending the line; `end` on the last line when it has none. */
  brk: number;
}

/**
 * Block texts: the header (`|2-`, `>+`) is followed by its own line; the content
 * lines are indented by at least the block's indentation, which is the first content
 * line's unless the header gives it relative to the parent (`|2`). The parent's
 * indentation is not kept on the node, so each possible one is tried; the one that
 * gives yaml's value is it.
 */
function* blockCandidates(text: string, start: number, end: number): Generator<Traced> {
  const header = /^([|>])([1-9+-]{0,2})/.exec(text.slice(start, start + 3));
  const headerEnd = text.indexOf('\n', start);
  if (!header || headerEnd < 0 || headerEnd >= end) return;
  const folded = header[1] === '>';
  const flags = header[2] ?? '';
  const chomp = flags.includes('-') ? '-' : flags.includes('+') ? '+' : '';
  const explicit = Number(flags.replace(/[+-]/g, '') || 0);
  const lines = blockLines(text, headerEnd + 1, end);
  if (explicit === 0) {
    yield block(text, lines, { folded, chomp, trimIndent: 0, auto: true });
    return;
  }
  const deepest = Math.max(0, ...lines.map((l) => l.indent));
  for (let parent = 0; parent + explicit <= deepest + 1; parent++) {
    yield block(text, lines, { folded, chomp, trimIndent: parent + explicit, auto: false });
  }
}

function blockLines(text: string, from: number, to: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let pos = from;
  while (true) {
    const nl = text.indexOf('\n', pos);
    const stop = nl < 0 || nl >= to ? to : nl;
    let indent = 0;
    while (pos + indent < stop && text[pos + indent] === ' ') indent++;
    const hasBreak = stop < to;
    const end = hasBreak ? breakAt(text, stop) : stop;
    lines.push({ start: pos, indent, end, brk: hasBreak ? end : stop });
    if (!hasBreak) break;
    pos = stop + 1;
  }
  return lines;
}

function block(
  text: string,
  lines: readonly BlockLine[],
  opts: { folded: boolean; chomp: string; trimIndent: number; auto: boolean },
): Traced {
  const out = new Traced();
  const content = (l: BlockLine) => l.end - (l.start + l.indent);
  // Trailing empty lines are chomped, not content.
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (content(lines[i]!) === 0) chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    if (opts.chomp === '+' && lines.length > 0) {
      for (let i = 0; i < Math.max(1, lines.length - 1); i++) out.put('\n', lines[i]!.brk);
    }
    return out;
  }
  let trimIndent = opts.trimIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const l = lines[i]!;
    if (content(l) === 0) {
      if (opts.auto && l.indent > trimIndent) trimIndent = l.indent;
    } else {
      if (opts.auto) trimIndent = l.indent;
      contentStart = i;
      break;
    }
  }
  // More-indented empty lines after the content are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]!.indent > trimIndent) chompStart = i + 1;
  }
  const indentOf = (l: BlockLine) => out.copy(text, l.start + Math.min(trimIndent, l.indent), l.start + l.indent);
  for (let i = 0; i < contentStart; ++i) {
    indentOf(lines[i]!);
    out.put('\n', lines[i]!.brk);
  }
  let sep = '';
  let sepAt = 0;
  let prevMoreIndented = false;
  for (let i = contentStart; i < chompStart; ++i) {
    const l = lines[i]!;
    const first = l.start + l.indent;
    const lineContent = () => {
      indentOf(l);
      out.copy(text, first, l.end);
    };
    if (!opts.folded) {
      out.put(sep, sepAt);
      lineContent();
      sep = '\n';
    } else if (l.indent > trimIndent || text[first] === '\t') {
      // A more-indented line keeps its breaks: folding stops around it.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      out.put(sep, sepAt);
      lineContent();
      sep = '\n';
      prevMoreIndented = true;
    } else if (first === l.end) {
      if (sep === '\n') out.put('\n', sepAt);
      else sep = '\n';
      sepAt = l.brk;
      continue;
    } else {
      out.put(sep, sepAt);
      out.copy(text, first, l.end);
      sep = ' ';
      prevMoreIndented = false;
    }
    sepAt = l.brk;
  }
  const lastContent = lines[chompStart - 1]!;
  switch (opts.chomp) {
    case '-':
      break;
    case '+':
      for (let i = chompStart; i < lines.length; ++i) {
        out.put('\n', lines[i - 1]!.brk);
        indentOf(lines[i]!);
      }
      if (out.last() !== '\n') out.put('\n', lines[lines.length - 1]!.brk);
      break;
    default:
      out.put('\n', lastContent.brk);
  }
  return out;
}
