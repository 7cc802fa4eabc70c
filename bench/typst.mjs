/**
 * One Typst compile in a fresh process, as `typst compile` would run it: the npm build of
 * the Typst 0.14 compiler (a dev dependency) loads, reads the BIZ UD fonts, compiles the
 * document and writes the PDF. Plain JavaScript, like bench/ours.mjs.
 *
 *   node bench/typst.mjs <in.typ> <out.pdf>
 *
 * Prints one line of JSON: pages, bytes, buildMs (compile + PDF), processMs, maxRssKiB, cpuMs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const FONTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fonts');
const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: node bench/typst.mjs <in.typ> <out.pdf>');
const fonts = ['BIZUDMincho-Regular.ttf', 'BIZUDGothic-Regular.ttf', 'BIZUDGothic-Bold.ttf'].map((f) => readFileSync(join(FONTS, f)));
const t = performance.now();
const compiler = NodeCompiler.create({ workspace: '/plan-booklet-typst', fontArgs: [{ fontBlobs: fonts }] });
const compiled = compiler.compile({ mainFileContent: readFileSync(input, 'utf8') });
const doc = compiled.result;
if (!doc) {
  const error = compiled.takeError();
  throw new Error(`Typst failed: ${JSON.stringify(error ? compiler.fetchDiagnostics(error) : 'no result')}`);
}
const pdf = compiler.pdf(doc);
writeFileSync(output, pdf);
const processMs = performance.now();
const u = process.resourceUsage();
// Each page object of Typst's PDF is written uncompressed with its /Type.
const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
process.stdout.write(
  `${JSON.stringify({ mode: 'typst', pages, bytes: pdf.byteLength, files: [{ path: output, pages, bytes: pdf.byteLength }], buildMs: processMs - t, processMs, maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`,
);
