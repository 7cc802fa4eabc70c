/**
 * One measured build of ours in a fresh process, run as the CLI runs: plain node on the
 * compiled dist/ (`npm run bench` builds it first). Plain JavaScript on purpose: under
 * a TypeScript loader (tsx) every module the build imports lazily — pdfmake's caller,
 * the press code — went through the loader's hooks inside the measured time.
 *
 *   node bench/ours.mjs <edition-dir> <out-dir> [--only booklet,inserts | --all] [--cache]
 *
 * --only booklet unless told otherwise; --all builds everything (no `only`, as a plain
 * `booklet build`). --cache uses the typesetting cache in <out-dir>/.cache as the CLI does
 * by default; without it nothing is cached. Prints one line of JSON, a OneResult
 * (bench/one.ts). Resources are read before the clock starts; pdfmake loads inside it.
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const dist = (rel) => import(pathToFileURL(join(DIST, rel)).href);
const { buildEdition, OUTPUT_KINDS } = await dist('pipeline.js');
const { loadResources } = await dist('resources.js');
const { folderCache } = await dist('emit/typesetCache.js');
// What the CLI does at start-up (src/cli/run.ts), so the benchmark measures the same heap.
(await dist('heapGrowth.js')).limitHeapGrowth();

const [editionDir, outDir, ...rest] = process.argv.slice(2);
if (!editionDir || !outDir) throw new Error('usage: bench/ours.mjs <edition-dir> <out-dir> [--only booklet | --all] [--cache]');
const onlyAt = rest.indexOf('--only');
if (onlyAt >= 0 && rest.includes('--all')) throw new Error('--only and --all: choose one');
const only = rest.includes('--all') ? undefined : (onlyAt >= 0 ? (rest[onlyAt + 1] ?? '') : 'booklet').split(',').filter(Boolean);
const kinds = only && OUTPUT_KINDS.filter((k) => only.includes(k));
if (only && kinds.length !== only.length) throw new Error(`--only ${only.join(',')}: choose from ${OUTPUT_KINDS.join(', ')}`);
const cache = rest.includes('--cache') ? folderCache(join(outDir, '.cache')) : undefined;
const resources = await loadResources();

const t = performance.now();
const result = await buildEdition({ editionDir, outDir, ...(kinds ? { only: kinds } : {}), ...(cache ? { cache } : {}) }, resources);
const processMs = performance.now();
const files = result.files.map((f) => ({ path: f.path, pages: f.pages, bytes: f.bytes.byteLength }));
const u = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({
    mode: 'ours',
    pages: files.reduce((n, f) => n + f.pages, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    files,
    manifestBytes: (await stat(join(outDir, 'manifest.json'))).size,
    typeset: result.typeset,
    buildMs: processMs - t,
    timings: result.timings,
    processMs,
    maxRssKiB: u.maxRSS,
    cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000,
  })}\n`,
);
