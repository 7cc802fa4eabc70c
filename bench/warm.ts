/**
 * The fastest a whole build of one edition could be in a fresh process: the same build run
 * again and again in one process (the command line's own `main`, --no-cache, into one
 * folder), so that from the second run on the code is compiled and warm and every cache
 * that lives in the process is full. `npm run bench -- --floor` adds the least of these to
 * what a real run spends around its build (node's start, loading the code, the exit), as
 * the floor no start-up work (code cache, snapshot, lazier loading) can go below.
 *
 *   node --import tsx bench/warm.ts <edition-dir> <out-dir> <runs> [--only booklet]
 *
 * Prints one line of JSON: { buildMs: number[] }, the build command's own clock per run.
 */
import { main } from '../src/cli/main.js';

const [editionDir, outDir, runsText, ...rest] = process.argv.slice(2);
const runs = Number(runsText);
if (!editionDir || !outDir || !Number.isInteger(runs) || runs < 2) throw new Error('usage: bench/warm.ts <edition-dir> <out-dir> <runs ≥ 2> [--only LIST]');

const buildMs: number[] = [];
for (let i = 0; i < runs; i++) {
  let out = '';
  const stdout = { write: (s: string) => (out += s) };
  const code = await main(['build', editionDir, '-o', outDir, '--no-cache', '--json', ...rest], { stdout, stderr: process.stderr, cwd: process.cwd() });
  if (code !== 0) throw new Error(`build exited with ${code}\n${out}`);
  buildMs.push((JSON.parse(out) as { seconds: number }).seconds * 1000);
}
process.stdout.write(`${JSON.stringify({ buildMs })}\n`);
