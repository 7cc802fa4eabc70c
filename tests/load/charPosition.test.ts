// The place of one character of a text value, in every scalar style yaml reads: the
// line:col a diagnostic gives must hold that character (or the line break or escape
// that produced it), not the start of its block.
import fc from 'fast-check';
import { Document, Scalar, isScalar, parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { composeText, typedIndex } from '../../src/load/composeText.js';
import { findChar, findJoinedLineBreaks } from '../../src/load/locate.js';
import { parseYaml, type ParsedYaml } from '../../src/load/parseYaml.js';
import { scalarOffsets } from '../../src/load/scalarOffsets.js';

const SEED = Number(process.env['ROBUST_SEED'] ?? 11);
const settings = (numRuns: number) => ({ seed: SEED, numRuns: Number(process.env['ROBUST_RUNS'] ?? numRuns), endOnFailure: true });

const PATH = ['projects', 0, 'summary'] as const;

/** The value at `path`, as typed. */
function rawValueAt(parsed: ParsedYaml, path: readonly (string | number)[]): string {
  let v: unknown = parsed.data?.value;
  for (const seg of path) v = (v as Record<string | number, unknown>)[seg];
  if (typeof v !== 'string') throw new Error(`no text at ${path.join('.')}: ${JSON.stringify(v)}`);
  return v;
}

/** The value at `path`, as loaded (composed). */
const valueAt = (parsed: ParsedYaml, path: readonly (string | number)[]) => composeText(rawValueAt(parsed, path));

/** The source text from line:col on (the line's own characters, then its break). */
function sourceFrom(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const l = lines[line - 1];
  if (l === undefined) throw new Error(`no line ${line}`);
  return `${l.slice(column - 1)}${line < lines.length ? '\n' : ''}`;
}

const ESCAPE = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfre "/\\N_LP\t])/;

/**
 * What the character at index i of `value` may be found as at its reported place: itself;
 * a line break or a space folded from one, at a line break; an escape that decodes to it.
 */
function holds(value: string, i: number, at: string): boolean {
  const ch = value[i]!;
  if (at.startsWith(ch)) return true;
  if ((ch === '\n' || ch === ' ') && /^\r?\n/.test(at)) return true;
  const escape = ESCAPE.exec(at)?.[0];
  return escape !== undefined && String(parse(`"${escape}"`)).includes(ch);
}

/**
 * Every character of the value at PATH, as loaded (composed), is where its reported
 * line:col says: the typed character it was composed from (が from か + U+3099) is there.
 * Returns how many characters were checked.
 */
function expectEveryCharacterPlaced(text: string, path: readonly (string | number)[] = PATH): number {
  const parsed = parseYaml('e.yaml', text);
  expect(parsed.diagnostics, text).toEqual([]);
  const raw = rawValueAt(parsed, path);
  const value = composeText(raw);
  let last = { line: 0, column: 0 };
  for (let i = 0; i < value.length; i++) {
    const pos = findChar(parsed, path, i);
    expect(pos, `${JSON.stringify(text)} index ${i}`).toBeDefined();
    const at = sourceFrom(text, pos!.line, pos!.column);
    const r = typedIndex(raw, i);
    // A composed cluster (が with a second, uncomposable mark) is placed on its start.
    expect(composeText(raw.slice(r)).slice(0, 3).includes(value[i]!), `${JSON.stringify(raw)}: ${i} → ${r}`).toBe(true);
    expect(holds(raw, r, at), `${JSON.stringify(text)}: value[${i}] ${JSON.stringify(value[i])} reported at ${pos!.line}:${pos!.column}, which holds ${JSON.stringify(at.slice(0, 12))}`).toBe(true);
    // In reading order: a later character is never reported before an earlier one.
    expect(pos!.line > last.line || (pos!.line === last.line && pos!.column >= last.column), `${JSON.stringify(text)} index ${i}`).toBe(true);
    last = pos!;
  }
  // Every space YAML made from a line break is placed on a line break.
  for (const i of findJoinedLineBreaks(parsed, path)) {
    expect(value[i]).toBe(' ');
    const pos = findChar(parsed, path, i)!;
    expect(sourceFrom(text, pos.line, pos.column)).toMatch(/^\r?\n/);
  }
  return value.length;
}

/** A mark for "the character the test asks about" that no style escapes or folds. */
const MARK = '★';

/** The line:col of the n-th MARK in the source. */
function markAt(text: string, n = 0): { line: number; column: number } {
  const lines = text.split('\n');
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    for (let c = lines[l]!.indexOf(MARK); c >= 0; c = lines[l]!.indexOf(MARK, c + 1)) {
      if (seen++ === n) return { line: l + 1, column: c + 1 };
    }
  }
  throw new Error('no mark');
}

function charAt(text: string, path: readonly (string | number)[], n = 0) {
  const parsed = parseYaml('e.yaml', text);
  expect(parsed.diagnostics).toEqual([]);
  const value = valueAt(parsed, path);
  let index = -1;
  for (let k = 0; k <= n; k++) index = value.indexOf(MARK, index + 1);
  return findChar(parsed, path, index);
}

describe('the place of a character in each scalar style', () => {
  it.each([
    ['plain, one line', 'summary: 題名★です\n', ['summary']],
    ['plain, folded over lines', 'summary: 一行目\n  二行目の★\n', ['summary']],
    ['plain, after an empty line', 'summary: 一行目\n\n    三行目★\n', ['summary']],
    ['single-quoted with \'\'', "summary: 'it''s ''★'''\n", ['summary']],
    ['single-quoted over lines', "summary: 'a\n  b ★'\n", ['summary']],
    ['double-quoted with escapes before', 'summary: "\\u3042\\t\\"★"\n', ['summary']],
    ['double-quoted over lines with an escaped break', 'summary: "a \\\n   b\n\n  c★"\n', ['summary']],
    ['literal block', 'summary: |\n  一行目\n  二行目★\n', ['summary']],
    ['literal block, more indented', 'summary: |\n  一行目\n      字下げ★\n', ['summary']],
    ['literal block with an indentation indicator', 'projects:\n  - summary: |2-\n       先頭に空白★\n', ['projects', 0, 'summary']],
    ['literal block, keep', 'summary: |+\n  a\n  ★\n\n', ['summary']],
    ['folded block', 'summary: >\n  一行目\n  二行目\n\n  ★四行目\n', ['summary']],
    ['folded block, more-indented lines', 'summary: >-\n  a\n    b\n  c ★\n', ['summary']],
    ['folded block under a sequence, with a comment', 'projects:\n- summary: > # note\n    x\n    y★\n', ['projects', 0, 'summary']],
    ['in a flow sequence', 'list: [a, "b", c\n  d★]\n', ['list', 2]],
    ['with a tag and an anchor', 'summary: !!str &a >\n  x\n  ★\n', ['summary']],
    ['with CRLF line ends', 'summary: |\r\n  一行目\r\n  二行目★\r\n', ['summary']],
    ['with tabs in the text', 'summary: |\n  a\tb\n  \tc★\n', ['summary']],
  ] as const)('%s', (_, text, path) => {
    expect(charAt(text, path)).toEqual(markAt(text));
  });

  it('a folded line break is placed at the end of the line it joins; a kept one likewise', () => {
    const text = 'summary: >\n  一行目\n  二行目\n\n  四行目\n';
    const parsed = parseYaml('e.yaml', text);
    const value = valueAt(parsed, ['summary']);
    expect(value).toBe('一行目 二行目\n四行目\n');
    // The space that joined 一行目 and 二行目: the end of line 2.
    expect(findChar(parsed, ['summary'], value.indexOf(' '))).toEqual({ line: 2, column: 6 });
    // The kept break stands for the empty line 4.
    expect(findChar(parsed, ['summary'], value.indexOf('\n'))).toEqual({ line: 4, column: 1 });
    // The final break (clip chomping): the end of the last line.
    expect(findChar(parsed, ['summary'], value.length - 1)).toEqual({ line: 5, column: 6 });
  });

  it('a line break in a literal block, also on a CRLF line, is at the end of its line', () => {
    const text = 'summary: |\r\n  一行目\r\n  二行目\r\n';
    const parsed = parseYaml('e.yaml', text);
    const value = valueAt(parsed, ['summary']);
    expect(findChar(parsed, ['summary'], value.indexOf('\n'))).toEqual({ line: 2, column: 6 });
  });

  it('a character written as an escape is placed on its backslash', () => {
    const text = 'summary: "ab\\u304B\\u3099c"\n';
    const parsed = parseYaml('e.yaml', text);
    // Loaded composed: "abがc"; が was written as two escapes, the first of which is where it starts.
    expect(valueAt(parsed, ['summary'])).toBe('abがc');
    expect(findChar(parsed, ['summary'], 2)).toEqual({ line: 1, column: 13 });
    expect(findChar(parsed, ['summary'], 3)).toEqual({ line: 1, column: 25 });
  });

  it('a composed character is placed on its first typed character, and those after it move back', () => {
    const text = 'summary: |\n  かき\u3099く\u3099け\n';
    const parsed = parseYaml('e.yaml', text);
    const value = valueAt(parsed, ['summary']);
    expect(value).toBe('かぎぐけ\n');
    expect([0, 1, 2, 3].map((i) => findChar(parsed, ['summary'], i)?.column)).toEqual([3, 4, 6, 8]);
  });

  it('a surrogate pair is one place for both halves', () => {
    const text = 'summary: >\n  a\n  𠮷b\n';
    const parsed = parseYaml('e.yaml', text);
    expect([2, 3, 4].map((i) => findChar(parsed, ['summary'], i))).toEqual([
      { line: 3, column: 3 },
      { line: 3, column: 4 },
      { line: 3, column: 5 },
    ]);
  });

  it('an empty value or a missing path has no character: the key, or undefined', () => {
    const parsed = parseYaml('e.yaml', 'summary:\nother: x\n');
    expect(findChar(parsed, ['summary'], 0)).toEqual({ line: 1, column: 1 });
    expect(findChar(parsed, ['nothing'], 0)).toBeUndefined();
  });

  it('lists the spaces YAML made from line breaks, each placed at the end of the line it joined', () => {
    const text = [
      'folded: >',
      '  一行目',
      '  二行目 ど',
      '',
      '  四行目',
      '    字下げ',
      '  六行目',
      'plain: 平文の',
      '  続き',
      'quoted: "a',
      '  b\\',
      '  c"',
      'literal: |',
      '  x',
      '  y',
      'spaces: 空白 が 元から',
      '',
    ].join('\n');
    const parsed = parseYaml('e.yaml', text);
    const places = (path: string) => findJoinedLineBreaks(parsed, [path]).map((i) => [valueAt(parsed, [path])[i], findChar(parsed, [path], i)]);
    expect(valueAt(parsed, ['folded'])).toBe('一行目 二行目 ど\n四行目\n  字下げ\n六行目\n');
    // Only the break after 一行目 was joined: the empty line and the more-indented line keep theirs.
    expect(places('folded')).toEqual([[' ', { line: 2, column: 6 }]]);
    expect(places('plain')).toEqual([[' ', { line: 8, column: 11 }]]);
    // An escaped line break joins with nothing; the unescaped one with a space.
    expect(valueAt(parsed, ['quoted'])).toBe('a bc');
    expect(places('quoted')).toEqual([[' ', { line: 10, column: 11 }]]);
    expect(places('literal')).toEqual([]);
    expect(places('spaces')).toEqual([]);
    expect(findJoinedLineBreaks(parsed, ['nothing'])).toEqual([]);
  });

  it('gives no map (so callers fall back to the start) rather than a wrong one', () => {
    // A scalar whose value does not match its source text, as no parse produces.
    const node = new Scalar('other');
    node.range = [0, 3, 3];
    node.source = 'other';
    node.type = 'PLAIN';
    expect(scalarOffsets('abc', node)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- property-based

/** Text pieces that stress each style: YAML punctuation, quotes, blanks, breaks, kana marks, astral characters. */
const piece = fc.constantFrom(
  'a', 'Z', '0', 'あ', '漢', '。', '　', ' ', '  ', '\t', '\n', '\n\n', '\n \n', '#', ': ', ' #', '-', '- ', '"', "'", "''",
  '\\', '\\n', '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '%', '@', '`', '𠮷', 'か\u3099', 'は\u309A', 'e\u0301',
  '\u00a0', '\u3099', '…', '①',
);
const textArb = fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join(''));

const STYLES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;

/** The text at PATH in a department-like document, as yaml writes it in a given style and line width. */
function stringified(value: string, style: (typeof STYLES)[number], lineWidth: number, seqIndent: boolean, crlf: boolean): string {
  const doc = new Document({ name: '部', projects: [{ title: '題', summary: value }] });
  const node = doc.getIn(['projects', 0, 'summary'], true);
  if (isScalar(node)) node.type = style;
  const out = doc.toString({ lineWidth, minContentWidth: 0, indentSeq: seqIndent });
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

describe('every character of a random text is placed where it is written (property-based)', () => {
  it('texts as yaml writes them in each style, folded at random widths, LF or CRLF (600 runs)', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.constantFrom(...STYLES),
        fc.integer({ min: 8, max: 80 }),
        fc.boolean(),
        fc.boolean(),
        (value, style, width, seqIndent, crlf) => {
          const text = stringified(value, style, width, seqIndent, crlf);
          // yaml does not always read back what it wrote (a folded text ending in blanks
          // and a full-width space can change; a plain "-" then a line break is not even
          // YAML): the check is of whatever it reads.
          fc.pre(parseYaml('e.yaml', text).diagnostics.length === 0);
          expectEveryCharacterPlaced(text);
        },
      ),
      settings(600),
    );
  });

  /** Lines of a block text: content (no line breaks), each with extra indentation. */
  const blockLines = fc.array(
    fc.record({
      extra: fc.constantFrom(0, 0, 0, 1, 2),
      content: fc.array(fc.constantFrom('a', 'あ', ' ', '\t', '#', '"', '\\', 'か\u3099', '𠮷', ': '), { maxLength: 8 }).map((p) => p.join('')),
    }),
    { minLength: 1, maxLength: 8 },
  );

  it('hand-written block texts: | and >, chomping, indentation indicators, parent indentation, trailing blanks, CRLF (800 runs)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        blockLines,
        fc.constantFrom('|', '>'),
        fc.constantFrom('', '-', '+'),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', ' # comment'),
        (lines, mode, chomp, explicit, parentIndent, step, eol, comment) => {
          const pad = ' '.repeat(parentIndent);
          const indent = parentIndent + step;
          const header = `${mode}${explicit ? step : ''}${chomp}${comment}`;
          // A block's first content line sets its indentation unless the header gives it.
          const body = lines.map((l, i) => {
            const extra = explicit || i > 0 ? l.extra : 0;
            const content = i === 0 && !explicit ? l.content.replace(/^[ \t]+/, '') || 'x' : l.content;
            return content.trim() === '' && l.extra === 0 ? '' : `${' '.repeat(indent + extra)}${content}`;
          });
          const text =
            `${pad}projects:\n${pad}  - title: 題\n${pad}    summary: ${header}${eol}` +
            body.map((l) => `${' '.repeat(4)}${l}${eol}`).join('') +
            `${pad}name: 部${eol}`;
          const parsed = parseYaml('e.yaml', text);
          // Some random blocks are not valid YAML (a tab where indentation goes, a less-indented first line).
          fc.pre(parsed.diagnostics.length === 0);
          checked += expectEveryCharacterPlaced(text) > 0 ? 1 : 0;
        },
      ),
      settings(800),
    );
    expect(checked).toBeGreaterThan(200);
  });

  it('hand-written plain and quoted texts over several lines, with blank lines and indentation (600 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'あ', ' ', '\t', 'か\u3099', '𠮷', '\\t', '\\u3042', '-'), { maxLength: 6 }).map((p) => p.join('')), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom('plain', 'single', 'double'),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, quote, indent, eol) => {
          const q = quote === 'single' ? "'" : quote === 'double' ? '"' : '';
          const escape = (s: string) => (quote === 'double' ? s.replace(/"/g, '\\"') : quote === 'single' ? s : s.replace(/\\/g, 'x'));
          const first = quote === 'plain' ? escape(lines[0]!).replace(/^[\s-]+/, '') || 'x' : escape(lines[0]!);
          const rest = lines.slice(1).map((l) => (l.trim() === '' ? '' : ' '.repeat(indent + 2) + escape(quote === 'plain' ? l.replace(/^-/, 'x') : l)));
          const text = `projects:\n  - summary: ${q}${first}${rest.map((l) => eol + l).join('')}${q}${eol}    title: 題${eol}`;
          const parsed = parseYaml('e.yaml', text);
          fc.pre(parsed.diagnostics.length === 0 && typeof valueAtOrUndefined(parsed) === 'string' && valueAtOrUndefined(parsed) !== '');
          expectEveryCharacterPlaced(text);
        },
      ),
      settings(600),
    );
  });
});

function valueAtOrUndefined(parsed: ParsedYaml): unknown {
  try {
    return valueAt(parsed, PATH);
  } catch {
    return undefined;
  }
}
