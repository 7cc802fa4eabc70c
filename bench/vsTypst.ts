/**
 * `npm run bench:typst`: the hard-paragraph corpus (tests/typeset/japanese/corpus) set at
 * the booklet's body measure by our line breaker (whole paragraph, and line by line as
 * before total fit) and by Typst 0.14 (npm typst-ts-node-compiler, same fonts, size and
 * width). Prints lines per paragraph for each, the last lines where they differ, the
 * largest squeeze and spread, and the totals. tests/typeset/japanese/vsTypst.test.ts
 * asserts the same figures.
 */
import { compare, bodySetting } from '../tests/typeset/japanese/corpus/corpus.js';

const setting = bodySetting();
const t0 = performance.now();
const rows = compare();
const ms = performance.now() - t0;

const fixed = (n: number, d: number): string => n.toFixed(d);
const widest = (lines: readonly { spread?: number }[]): number => Math.max(0, ...lines.map((l) => l.spread ?? 0));
const tightest = (lines: readonly { squeeze?: number }[]): number => Math.max(0, ...lines.map((l) => l.squeeze ?? 0));

process.stdout.write(
  `${rows.length} paragraphs at ${fixed(setting.measure, 2)} pt (${fixed(setting.measure / setting.fontSize, 2)} em), ` +
    `${setting.font} ${setting.fontSize} pt, ${setting.indent} em indent, justified (${fixed(ms / 1000, 1)} s)\n\n`,
);
process.stdout.write(`${'paragraph'.padEnd(28)} line-by-line  ours  Typst  squeeze  spread  last line (ours)\n`);
const total = { greedy: 0, ours: 0, typst: 0, greedyShort: 0, oursShort: 0, more: 0, fewer: 0 };
for (const r of rows) {
  total.greedy += r.greedy.lines.length;
  total.ours += r.ours.lines.length;
  total.typst += r.typst;
  if (r.greedy.lastLetters <= 2) total.greedyShort++;
  if (r.ours.lastLetters <= 2) total.oursShort++;
  if (r.ours.lines.length > r.typst) total.more++;
  if (r.ours.lines.length < r.typst) total.fewer++;
  const mark = r.ours.lines.length > r.typst ? ' ← more than Typst' : r.greedy.lastLetters <= 2 ? ` (line by line: …${r.greedy.texts.at(-1)})` : '';
  process.stdout.write(
    `${r.paragraph.name.padEnd(28)} ${String(r.greedy.lines.length).padStart(12)}  ${String(r.ours.lines.length).padStart(4)}  ${String(r.typst).padStart(5)}` +
      `  ${fixed(tightest(r.ours.lines), 2).padStart(7)}  ${fixed(widest(r.ours.lines), 3).padStart(6)}  …${[...(r.ours.texts.at(-1) ?? '')].slice(-12).join('')}${mark}\n`,
  );
}
process.stdout.write(
  `\nlines: line by line ${total.greedy}, ours ${total.ours}, Typst ${total.typst}; ` +
    `paragraphs where ours needs more lines than Typst: ${total.more}, fewer: ${total.fewer}\n` +
    `last lines of one or two letters: line by line ${total.greedyShort}, ours ${total.oursShort}\n` +
    `largest squeeze ${fixed(Math.max(...rows.map((r) => tightest(r.ours.lines))), 2)} em, ` +
    `largest spread ${fixed(Math.max(...rows.map((r) => widest(r.ours.lines))), 3)} em ` +
    `(line by line: ${fixed(Math.max(...rows.map((r) => tightest(r.greedy.lines))), 2)} em, ${fixed(Math.max(...rows.map((r) => widest(r.greedy.lines))), 3)} em)\n`,
);
