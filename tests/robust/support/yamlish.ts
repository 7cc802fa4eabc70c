// Generators of adversarial data files, shared by the load and build properties.
import fc from 'fast-check';
import { stringify } from 'yaml';

const enc = new TextEncoder();

/** A valid department file (the mutation base). */
export const VALID_DEPT = 'name: 企画部\nprojects:\n  - title: 新たな参加と協働の仕組みづくり\n';

/** Characters that break naive text handling. */
export const NASTY_CHARS = [
  '\0', '\x01', '\x07', '\b', '\x1b', '\x7f', '\x85', '\x9f', '\t', '\r', '\n', '\r\n', '\v', '\f',
  '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\ufffe', '\uffff', '\ufffd',
  '\u200b', '\u200c', '\u200d', '\u2060', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u00ad',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', // lone surrogates (TextEncoder writes U+FFFD)
  '\u0301', '\u3099', '\ufe0f', '\u{e0100}', '😀', '𠮷', '👨‍👩‍👧', '🇯🇵',
  'א', 'ب', '\u0600', 'Ω', 'ß', 'İ', 'ﬀ', '①', '㈱', '㍻', 'ｱ', '＄',
  ':', ': ', '-', '- ', '#', ' #', '&', '*', '!', '|', '>', '%', '@', '`', '"', "'", '[', ']', '{', '}', ',', '?', '<<', '---', '...', '\\',
];

export const unicodeText = fc.string({
  unit: fc.oneof(fc.constantFrom(...NASTY_CHARS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('name', 'projects', 'title', '企画部', ' ', '  ')),
  maxLength: 300,
});

/** Byte sequences that are not UTF-8 or are UTF-8 that decoders get wrong. */
const BYTE_SNIPPETS: readonly number[][] = [
  [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00], [0x00, 0x00, 0xfe, 0xff],
  [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80], [0xbf], [0xc3], [0xe3, 0x81], [0xf0, 0x9f, 0x98], [0xfe], [0xff],
  [0x82, 0xa0], [0x8a, 0xe9, 0x89, 0xe6], [0x93, 0xfa, 0x96, 0x7b], // Shift_JIS あ, 企画, 日本
];

export const bytesWithSnippets = fc
  .array(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.constantFrom(...BYTE_SNIPPETS).map((b) => Uint8Array.from(b)), unicodeText.map((s) => enc.encode(s))), { maxLength: 12 })
  .map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

export const KEYS = ['name', 'mission', 'sections', 'role', 'staff', 'resources', 'budget', 'budgetNote', 'policy', 'specialTopics', 'title', 'body', 'projects', 'summary', 'indicators', 'unit', 'baseline', 'target', 'value', 'year'];

/** Scalars as YAML source: numbers of every size and notation, YAML 1.1 booleans, dates. */
export const SCALAR_SOURCES = [
  '0', '-0', '1e400', '-1e400', '1e-400', '9007199254740993', '99999999999999999999999999999', '0x7fffffffffffffffffff', '0o777', '0b101', '1_000', '+12', '12.', '.5',
  '.inf', '-.Inf', '.nan', '.NaN', 'NaN', 'Infinity', '1:20', '12:30:00', '2020-07-01', '2020-07-01T10:00:00Z', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', '~', 'null', 'Null', '',
  '"１２３"', '１２３', '1億2千万', '"\\u0000"', '"\\ud800"', '"\\x07"', '"\\U0001F600"', "'it''s'", '!!binary aGVsbG8=', '!!str 12', '!!int "12"', '!!float x', '!!timestamp 2001-12-14',
  '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]', '!foo bar', '!<tag:yaml.org,2002:int> 3', '!!null x', '!!bool maybe', '!!map [1]', '!!seq {a: 1}',
];

/** A random YAML-ish document: real and unknown keys, any scalars, flow and block collections. */
const yamlValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(unicodeText, fc.double(), fc.integer(), fc.bigInt().map((b) => Number(b)), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), unicodeText), tie('value'), { maxKeys: 5 }),
  ),
})).value;

export const yamlDocument = fc
  .tuple(yamlValue, fc.constantFrom<'block' | 'flow' | 'json'>('block', 'flow', 'json'))
  .map(([v, style]) => (style === 'json' ? JSON.stringify(v) ?? 'null' : stringify(v, { lineWidth: 0, ...(style === 'flow' ? { collectionStyle: 'flow' as const } : {}) })));

/** Pieces of YAML syntax to splice into documents. */
export const YAML_TOKENS = [
  ...SCALAR_SOURCES, '&a ', '*a', '&b [*a, *a]', '*undefined', '<<: *a', '? ', '? [a, b]\n: c', ': ', '- ', '\n- ', '\n  - ', '\t', '\n\t', '  ', '\n', '\r\n', '\r',
  '{', '}', '[', ']', ',', '"', "'", '|', '|-', '>+', '|2', '#', ' # c', '---\n', '\n...\n', '%YAML 1.1\n---\n', '%YAML 2.0\n', '%TAG ! tag:x,2000:\n', '!', '!!', '@', '`',
  'name: ', 'name: 企画部\n', 'projects:\n  - title: x\n', 'projects: [{title: x}]', 'name: a\nname: b\n', 'titel: x\n', 'resources:\n  budget: 1e400\n',
];

/** A document with random edits: insertions of YAML syntax, deletions, tab indents. */
export const mutatedDocument = fc
  .tuple(
    fc.oneof(yamlDocument, fc.constant(VALID_DEPT), fc.constant('name: 企画部\nmission: |\n  使命\nsections:\n  - { name: 課, role: 役割, staff: 3 }\nresources: { staff: 3, budget: 1000 }\nprojects:\n  - title: 事業\n    indicators:\n      - { name: 指標, unit: 人, baseline: { value: 1, year: 2019 }, target: { value: 2, year: 2022 } }\n')),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...YAML_TOKENS), unicodeText), fc.nat(8)), { maxLength: 6 }),
  )
  .map(([doc, edits]) => {
    let s = doc;
    for (const [at, token, cut] of edits) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      s = s.slice(0, i) + token + s.slice(i + cut);
    }
    return s;
  });

/** Structures that grow: nesting thousands deep, aliases of aliases. */
export const deepDocument = fc.oneof(
  fc.integer({ min: 1, max: 20_000 }).map((d) => `name: x\nprojects: ${'['.repeat(d)}${']'.repeat(d)}\n`),
  fc.integer({ min: 1, max: 20_000 }).map((d) => `name: x\nprojects: ${'['.repeat(d)}\n`),
  fc.integer({ min: 1, max: 8_000 }).map((d) => `name: ${'{a: '.repeat(d)}1${'}'.repeat(d)}\n`),
  fc.integer({ min: 1, max: 5_000 }).map((d) => `name: x\nprojects: ${'- '.repeat(d)}x\n`),
  fc.integer({ min: 1, max: 1_200 }).map((d) => Array.from({ length: d }, (_, i) => `${' '.repeat(i)}a:`).join('\n')),
  fc.integer({ min: 1, max: 1_000 }).map((d) => Array.from({ length: d }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + 'x'),
  fc.integer({ min: 1, max: 2_000 }).map((d) => `name: x\nprojects: ${'? '.repeat(d)}x\n`),
  fc.integer({ min: 1, max: 2_000 }).map((d) => `name: ${'!!str '.repeat(d)}x\n`),
  fc.integer({ min: 1, max: 2_000 }).map((d) => `name: ${'&a '.repeat(d)}x\n`),
  // billion laughs: `width` copies per level, `depth` levels
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([width, depth]) => {
    const lines = ['l0: &l0 [lol]'];
    for (let i = 1; i <= depth; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\nname: *l${depth}\nprojects: [{ title: *l${depth} }]\n`;
  }),
  // an alias inside its own anchor, aliases as keys, aliases before anchors
  fc.constantFrom(
    'name: &a [*a]\nprojects: [{title: x}]\n',
    'projects: &p\n  - title: x\n    indicators: *p\nname: x\n',
    'name: &k x\n*k : y\nprojects: [{title: t}]\n',
    'name: *later\nprojects: [{title: &later t}]\n',
    '&root\nname: x\nprojects: [*root]\n',
    '? &k [a]\n: b\n*k : c\n',
  ),
);

/** Large but legal sizes (under the 2 MB limit). */
export const bigDocument = fc.oneof(
  fc.integer({ min: 1, max: 1_500_000 }).map((n) => `name: ${'あ'.repeat(Math.floor(n / 3))}\nprojects: [{title: x}]\n`),
  fc.integer({ min: 1, max: 2_000 }).map((n) => `name: x\nprojects:\n${'  - title: 事業\n'.repeat(n)}`),
  fc.integer({ min: 2_000_000, max: 2_200_000 }).map((n) => `name: ${'a'.repeat(n)}\n`),
);

