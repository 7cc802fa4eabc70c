// The fast reader (src/load/plainYaml.ts) against yaml itself: whatever it reads, it must
// read as yaml does, and vouch only for what is true of it (no error, no number written
// other than as it prints, no line joined into a space). Documents are made from the
// pieces that trip YAML readers: indicators, comments, colons, number forms, indentation
// that is off by one, texts continued on the next line, blocks with empty lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument } from 'yaml';
import { printedDigits } from '../../src/load/numberHint.js';
import { readPlainYaml } from '../../src/load/plainYaml.js';
import { forEachScalarValue } from '../../src/load/scalarValues.js';
import { keyProblems } from '../../src/load/yamlMessages.js';
import { parseYaml } from '../../src/load/parseYaml.js';

const SEED = Number(process.env['ROBUST_SEED'] ?? 42);
const RUNS = Number(process.env['ROBUST_RUNS'] ?? 4000);

/** What the fast reader claims about `text`, checked with yaml's full parse; the reason when it is wrong. */
function disagreement(text: string): string | undefined {
  const fast = readPlainYaml(text);
  if (!fast) return undefined;
  const full = parseYaml('t.yaml', text);
  const doc = full.doc;
  if (doc.errors.length > 0 || doc.warnings.length > 0) return `yaml: ${[...doc.errors, ...doc.warnings].map((e) => e.message).join('; ')}`;
  if (keyProblems(doc, full.lineCounter).length > 0) return 'a key problem';
  const value: unknown = doc.toJS();
  if (!isDeepStrictEqual(value, fast.value)) return `data: yaml ${JSON.stringify(value)} fast ${JSON.stringify(fast.value)}`;
  let problem: string | undefined;
  forEachScalarValue(doc, (path, node) => {
    const written = node.range ? text.slice(node.range[0], node.range[1]) : '';
    if (typeof node.value === 'number' && printedDigits(node.value) !== written) problem ??= `number ${written} at ${path.join('.')}`;
    if (node.type !== 'BLOCK_LITERAL' && written.includes('\n')) problem ??= `text on several lines at ${path.join('.')}`;
  });
  return problem;
}

const PLAIN_ATOMS = ['a', 'abc def', '未実施', '総務部（市役所2階）', '2023', '-3', '0.25', '59.5', '0', 'null', '~', 'true', 'a:b', 'a#b', '-a', 'a, b', 'a"b', '2024-06-01', '「書かない窓口」の導入'];
const ATOMS = [
  'a', 'abc def', '未実施', '総務部（市役所2階）', '2023', '-3', '0.25', '59.5', '0', '-0', '00', '017', '1.50', '1.', '.5', '-.5', '+5',
  '0x1F', '0o17', '1e3', '1E-2', '.inf', '-.Inf', '.nan', '123456789012345', '1234567890123456', '0.1', '0.000001', '0.0000001',
  '12345678901234567890', 'null', 'Null', 'NULL', '~', 'true', 'False', 'TRUE', 'yes', 'no', 'on', 'a: b', 'a:b', 'a:', 'a #b', 'a#b',
  '#a', '-', '- a', '-a', '--', '---', '...', '?a', '? a', ':a', '[a]', '{a}', 'a, b', '"q"', "'q'", 'a"b', "a'b", '&x', '*x', '!t x',
  '!!str 1', '|', '|-', '>', '%x', '@x', '`x', 'a  ', '12:30', '1_000', '1,000', '2024-06-01', '0123-45-6789', 'ｶﾀｶﾅ', '３',
  'a\u3000b', 'x]', 'x}', 'x,y', 'a\\b', '"a\\"b"', '"a\\nb"', '"a #b"', '""', '"', 'é', 'ｶﾞ', 'か\u3099', '"unterminated', '<<',
];
const KEYS = ['a', 'b', 'title', 'name', 'value', 'year', 'null', 'True', '__proto__', 'a-b', '_x', '日本', 'x y', '1', '"q"', 'a'];

/** A small deterministic generator (mulberry32), driven by fast-check's seed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}

function document(seed: number): string {
  const r = random(seed);
  const tricky = r.pick([0.02, 0.1, 0.4]);
  const atom = () => (r.chance(tricky) ? r.pick(ATOMS) : r.pick(PLAIN_ATOMS));
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(Math.max(0, n));
  const slip = () => (r.chance(tricky / 5) ? r.pick([-1, 1]) : 0);
  const comment = (indent: number) => {
    if (r.chance(0.05)) lines.push(pad(r.chance(tricky) ? r.int(indent + 4) : indent) + '# ' + atom());
    if (r.chance(0.05)) lines.push(r.chance(1 - tricky) ? '' : pad(r.int(6)));
  };
  const scalarText = () => {
    const a = atom();
    if (r.chance(0.15)) return `"${a}"`;
    if (r.chance(0.05)) return a + ' # c';
    if (r.chance(tricky / 5)) return a + '#c';
    return a;
  };
  const flow = (depth: number): string => {
    const n = r.int(4);
    const items = Array.from({ length: n }, () => (depth < 2 && r.chance(0.2) ? flow(depth + 1) : scalarText()));
    if (r.chance(0.5)) return `[${items.join(r.pick([', ', ',', ' , ']))}${r.chance(tricky / 3) ? ',' : ''}]`;
    const entries = items.map((v, k) => `${r.chance(tricky) ? r.pick(KEYS) : `k${k}`}${r.chance(tricky) ? r.pick([':', ':  ']) : ': '}${v}`);
    return `{${r.pick([' ', ''])}${entries.join(', ')}${r.pick([' ', ''])}}`;
  };
  const block = (indent: number) => {
    const header = r.chance(tricky) ? r.pick(['|+', '>', '|2', '| # c', '|- ', '>-']) : r.pick(['|', '|-']);
    const at = indent + r.pick([2, 2, 1, 4, 0]);
    const body: string[] = [];
    const n = 1 + r.int(4);
    for (let k = 0; k < n; k++) {
      if (r.chance(0.2)) body.push(r.chance(0.8) ? '' : pad(r.int(at + 3)));
      else body.push(pad(at + (r.chance(0.15) ? r.int(3) : 0) + slip()) + atom());
    }
    return { header, body };
  };
  const value = (indent: number, owner: number): void => {
    // The text after `key:` or `- ` goes onto the last line.
    const kind = r.int(depthLimit(indent) ? 4 : 6);
    if (kind <= 1) lines[lines.length - 1] += ' ' + scalarText();
    else if (kind === 2) lines[lines.length - 1] += ' ' + flow(0);
    else if (kind === 3) {
      const { header, body } = block(owner);
      lines[lines.length - 1] += ' ' + header;
      lines.push(...body);
    } else if (kind === 4) map(indent + r.pick([2, 2, 1, 4]));
    else list(r.chance(0.3) ? owner : indent + 2);
    // A text continued on the next line.
    if (r.chance(tricky / 4)) lines.push(pad(owner + 1 + r.int(3)) + atom());
  };
  const depthLimit = (indent: number) => indent > 10 || lines.length > 40;
  const map = (indent: number, first?: string) => {
    const n = 1 + r.int(4);
    for (let k = 0; k < n; k++) {
      comment(indent);
      const key = r.chance(tricky) ? r.pick(KEYS) : `k${k}`;
      const sep = r.chance(tricky) ? r.pick([': ', ' :', ':  ']) : ':';
      if (k === 0 && first !== undefined) lines[lines.length - 1] += key + sep;
      else lines.push(pad(indent + (k > 0 ? slip() : 0)) + key + sep);
      if (r.chance(0.08)) continue;
      value(indent, indent);
    }
  };
  const list = (indent: number) => {
    const n = 1 + r.int(4);
    for (let k = 0; k < n; k++) {
      comment(indent);
      const gap = r.chance(tricky) ? r.pick(['  ', '']) : ' ';
      lines.push(pad(indent + (k > 0 ? slip() : 0)) + '-' + gap);
      if (r.chance(0.4) && !depthLimit(indent)) map(indent + 1 + gap.length, '');
      else if (r.chance(0.05)) continue;
      else {
        lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
        value(indent, indent);
      }
    }
  };
  if (r.chance(0.1)) lines.push('# yaml-language-server: $schema=x');
  map(r.chance(0.03) ? 1 : 0);
  comment(0);
  return lines.join('\n') + (r.chance(0.9) ? '\n' : '');
}

describe('readPlainYaml', () => {
  it('reads what yaml reads, and vouches only for what is true (generated documents)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const text = document(seed);
        if (readPlainYaml(text)) read++;
        const why = disagreement(text);
        if (why) throw new Error(`${why}\n--- document ---\n${text}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator must also make documents the reader takes, or nothing is compared.
    expect(read).toBeGreaterThan(RUNS / 20);
  });

  it('reads the data of the repository as yaml does', () => {
    const files = yamlFiles('data').concat(yamlFiles('tests/fixtures'), yamlFiles('tests/load/minimal'));
    let read = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      if (readPlainYaml(text)) read++;
      expect(disagreement(text), f).toBeUndefined();
    }
    // Every department and edition file of data/ is written plainly.
    for (const f of yamlFiles('data')) expect(readPlainYaml(readFileSync(f, 'utf8')), f).toBeDefined();
    expect(read).toBeGreaterThan(10);
  });

  it.each([
    ['a: 1\nb: -3\nc: 0.25\n', { a: 1, b: -3, c: 0.25 }],
    ['a: null\nb: ~\nc:\nd: True\ne: x # c\n', { a: null, b: null, c: null, d: true, e: 'x' }],
    ['l:\n- a\n- "b #"\nm:\n  - { value: 未実施, year: 2023 }\n', { l: ['a', 'b #'], m: [{ value: '未実施', year: 2023 }] }],
    ['t: |-\n  a\n\n   b\n\nu: |\n  c\n', { t: 'a\n\n b', u: 'c\n' }],
    ['t: |\n  c', { t: 'c\n' }],
  ])('reads %j', (text, value) => {
    expect(readPlainYaml(text)?.value).toEqual(value);
    expect(disagreement(text)).toBeUndefined();
  });

  it.each([
    ['a number written otherwise', 'a: 0x1F\n'],
    ['a text on two lines', 'a: b\n  c\n'],
    ['a folded block', 'a: >\n  b\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tab', 'a:\tb\n'],
    ['a CRLF line', 'a: b\r\n'],
    ['a colon in a value', 'a: b: c\n'],
    ['an escape', 'a: "\\u3099"\n'],
    ['a list at the top', '- a\n'],
  ])('leaves %s to yaml', (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}
