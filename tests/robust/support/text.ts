import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../../helpers/fixtures.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Kanji the committed editions use: all set by the fonts (their `check` passes). */
export function kanjiOfCommittedData(): string[] {
  const seen = new Set<string>();
  for (const edition of ['2020', 'sample']) {
    const dir = join(ROOT, 'data', edition);
    const files = [join(dir, 'edition.yaml'), ...readdirSync(join(dir, 'departments')).map((f) => join(dir, 'departments', f))];
    for (const f of files) for (const ch of readFileSync(f, 'utf8')) if (/\p{Script=Han}/u.test(ch)) seen.add(ch);
  }
  return [...seen].sort();
}

export const HIRAGANA = range(0x3041, 0x3096);
export const KATAKANA = range(0x30a1, 0x30fa);
export const ASCII = range(0x21, 0x7e);
export const FULL_WIDTH = range(0xff01, 0xff5e);
export const HALF_WIDTH_KATAKANA = range(0xff61, 0xff9f);
export const PUNCTUATION = [...'「」『』（）、。・ー…―〜！？：；，．［］｛｝〈〉《》【】〔〕＆＃％＠＊＋－＝＜＞／＼｜＾＿｀～〃々〆ゝゞヽヾ①②⑳㉑㊿※〒〇'];

/** Template syntax, markup and entities: data must never become structure. */
export const HOSTILE_TOKENS = [
  '{{x}}', '{{{y}}}', '{{#each}}', '{{/each}}', '{{#if a}}', '{{else}}', '{{> key-project}}', '{{!-- c --}}', '{{@root.title}}', '\\{{x}}',
  '<b>', '</b>', '</p>', '<p>', '<part>', '</part>', '<br/>', '<h1 id="x">', '<table>', '<cell>', '</document>', '<!-- x -->', '<![CDATA[',
  '&amp;', '&#x41;', '&lt;', '&#12354;', '&nbsp;', '&', '<', '>', '"', "'", '`', '\\', '${x}', '%s', '#', ': ', '- ', '*a', '&a', '!x',
];

/**
 * A printable text: a random mix of kana, kanji the fonts have, ASCII, full-width forms,
 * Japanese punctuation, Handlebars syntax, markup and entities, with spaces between
 * some pieces. `lines` allows newlines (blank lines start paragraphs in long texts).
 */
export function printableText(kanji: readonly string[], opts: { maxPieces: number; lines?: boolean; long?: boolean }): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HIRAGANA, ...KATAKANA) },
    { weight: 4, arbitrary: fc.constantFrom(...kanji) },
    { weight: 2, arbitrary: fc.constantFrom(...ASCII) },
    { weight: 1, arbitrary: fc.constantFrom(...FULL_WIDTH, ...HALF_WIDTH_KATAKANA) },
    { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TOKENS) },
    { weight: 1, arbitrary: fc.constantFrom(' ', '　', ...(opts.lines ? ['\n', '\n\n'] : [])) },
    // runs of digits and Latin words, as in 2020年度, ICT, 3・4・13号
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,12}$|^[A-Za-z]{1,15}$/) },
    // what no line can hold: long words, numbers, URLs, runs of one punctuation mark
    ...(opts.long
      ? [
          { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{40,160}$|^[0-9]{40,120}$|^https:\/\/[a-z.\/]{40,120}$/) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom('」', '、', '。', '（', '―', '…', 'ー', '・', 'っ', '々', '！', '［'), fc.integer({ min: 2, max: 60 })).map(([c, n]) => c.repeat(n)) },
        ]
      : []),
  );
  return fc.array(piece, { minLength: 1, maxLength: opts.maxPieces }).map((ps) => ps.join(''));
}

/** The code points of `s` a reader must find in the PDF: everything but whitespace. */
export function printableChars(s: string): string[] {
  return [...new Set([...s].filter((ch) => !/\s/u.test(ch)))];
}
