/**
 * One measured build of ours, as a user runs it: `node bin/booklet.js build <edition>
 * --json …` in a child process (the bundle `npm run bench` builds first), timed from spawn
 * to exit by this process, so the figure holds node's start, loading the code, the build
 * and the exit, as Typst's does (bench/run.ts times bench/typst.mjs the same way).
 *
 *   node bench/ours.mjs <edition-dir> <out-dir> [--only booklet,inserts | --all] [--cache]
 *
 * --only booklet unless told otherwise; --all builds everything (no --only). --cache uses
 * the typesetting cache in <out-dir>/.cache as the CLI does by default; without it, --no-cache.
 * The child's CPU time and peak RSS come from bench/usage.mjs (loaded with --import, it
 * reports them as the child exits); the build's own time and stages from build --json.
 * Prints one line of JSON, a OneResult (bench/one.ts).
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE_MARK = '@@booklet-bench-usage ';

const [editionDir, outDir, ...rest] = process.argv.slice(2);
if (!editionDir || !outDir) throw new Error('usage: bench/ours.mjs <edition-dir> <out-dir> [--only booklet | --all] [--cache]');
const onlyAt = rest.indexOf('--only');
if (onlyAt >= 0 && rest.includes('--all')) throw new Error('--only and --all: choose one');
const only = rest.includes('--all') ? undefined : onlyAt >= 0 ? (rest[onlyAt + 1] ?? '') : 'booklet';

const args = [
  '--import',
  pathToFileURL(join(ROOT, 'bench/usage.mjs')).href,
  join(ROOT, 'bin/booklet.js'),
  'build',
  editionDir,
  '-o',
  outDir,
  '--json',
  ...(only ? ['--only', only] : []),
  ...(rest.includes('--cache') ? [] : ['--no-cache']),
];
const started = performance.now();
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
let err = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (err += d));
const code = await new Promise((resolve, reject) => {
  child.on('error', reject);
  child.on('close', resolve);
});
const processMs = performance.now() - started;
const usageLine = err.split('\n').find((l) => l.startsWith(USAGE_MARK));
if (code !== 0 || !usageLine) throw new Error(`booklet build exited with ${code}\n${err}${out}`);
const usage = JSON.parse(usageLine.slice(USAGE_MARK.length));
const report = JSON.parse(out);
const files = report.files.map((f) => ({ path: f.path, pages: f.pages, bytes: f.bytes }));
process.stdout.write(
  `${JSON.stringify({
    mode: 'ours',
    pages: files.reduce((n, f) => n + f.pages, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    files,
    manifestBytes: (await stat(join(outDir, 'manifest.json'))).size,
    typeset: report.typeset,
    // The build command's own clock: the resources and the build (what follows the code's loading).
    buildMs: report.seconds * 1000,
    timings: report.timings,
    processMs,
    maxRssKiB: usage.maxRssKiB,
    cpuMs: usage.cpuMs,
  })}\n`,
);
