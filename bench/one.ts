/**
 * One measured build in a fresh process, so that peak RSS belongs to this build alone:
 *
 *   node --import tsx bench/one.ts ours  <edition-dir> <out-dir> [--only booklet,inserts | --all] [--cache]
 *   node --import tsx bench/one.ts naive <edition-dir> <out-file.pdf>
 *
 * ours builds --only booklet unless told otherwise; --all builds everything (no `only`,
 * as the CLI's plain `build`). --cache uses the typesetting cache in <out-dir>/.cache the
 * way the CLI does by default; without it nothing is cached.
 *
 * Prints one line of JSON (a OneResult) on stdout. Reading inputs that every build needs
 * anyway (our resources; the naive build's font files) happens before the clock starts;
 * loading pdfmake happens inside it for both.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OneResult {
  readonly mode: 'ours' | 'naive';
  /** Pages of every PDF written (for ours with --only booklet: the booklet's). */
  readonly pages: number;
  readonly bytes: number;
  readonly files: readonly { path: string; pages: number; bytes: number }[];
  /** ours: bytes of manifest.json (not in `bytes`, which counts PDFs). */
  readonly manifestBytes?: number;
  /** ours: documents typeset in this build, and documents that came unchanged from the cache. */
  readonly typeset?: { readonly fresh: number; readonly cached: number };
  /** The build itself: buildEdition for ours; require pdfmake → PDF bytes for naive. */
  readonly buildMs: number;
  readonly timings?: Readonly<Record<'load' | 'model' | 'render' | 'typeset' | 'emit', number>>;
  /** From process start to the end of the build (node + tsx start-up, imports). */
  readonly processMs: number;
  /** process.resourceUsage().maxRSS at the end, in KiB. */
  readonly maxRssKiB: number;
  /** User + system CPU time of the whole process at the end, in ms. */
  readonly cpuMs: number;
}

function usage(): { maxRssKiB: number; cpuMs: number } {
  const u = process.resourceUsage();
  return { maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 };
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `only` undefined: every output, as a plain `booklet build`. */
async function ours(editionDir: string, outDir: string, only: string[] | undefined, cached: boolean): Promise<OneResult> {
  const { buildEdition, OUTPUT_KINDS } = await import('../src/pipeline.js');
  const { loadResources } = await import('../src/resources.js');
  // What the CLI does at start-up (src/cli/run.ts), so the benchmark measures the same heap.
  (await import('../src/heapGrowth.js')).limitHeapGrowth();
  const kinds = only && OUTPUT_KINDS.filter((k) => only.includes(k));
  if (only && kinds!.length !== only.length) throw new Error(`--only ${only.join(',')}: choose from ${OUTPUT_KINDS.join(', ')}`);
  // Imported before the clock like the rest of src/, as the CLI does.
  const cache = cached ? (await import('../src/emit/typesetCache.js')).folderCache(join(outDir, '.cache')) : undefined;
  const resources = await loadResources();
  const t = performance.now();
  const result = await buildEdition({ editionDir, outDir, ...(kinds ? { only: kinds } : {}), ...(cache ? { cache } : {}) }, resources);
  const processMs = performance.now();
  const buildMs = processMs - t;
  const files = result.files.map((f) => ({ path: f.path, pages: f.pages, bytes: f.bytes.byteLength }));
  return {
    mode: 'ours',
    pages: files.reduce((n, f) => n + f.pages, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    files,
    manifestBytes: (await stat(join(outDir, 'manifest.json'))).size,
    typeset: result.typeset,
    buildMs,
    timings: result.timings,
    processMs,
    ...usage(),
  };
}

async function naive(editionDir: string, outFile: string): Promise<OneResult> {
  const { buildNaive, readFonts } = await import('./naive.js');
  const fonts = await readFonts(ROOT);
  const t = performance.now();
  const { pdf, pages } = await buildNaive(editionDir, fonts);
  const buildMs = performance.now() - t;
  await writeFile(outFile, pdf);
  return {
    mode: 'naive',
    pages,
    bytes: pdf.byteLength,
    files: [{ path: outFile, pages, bytes: pdf.byteLength }],
    buildMs,
    processMs: performance.now(),
    ...usage(),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const [mode, editionDir, out, ...rest] = argv;
  if (!editionDir || !out || (mode !== 'ours' && mode !== 'naive')) {
    throw new Error('usage: bench/one.ts ours <edition-dir> <out-dir> [--only booklet | --all] [--cache] | naive <edition-dir> <out-file.pdf>');
  }
  const onlyAt = rest.indexOf('--only');
  if (onlyAt >= 0 && rest.includes('--all')) throw new Error('--only and --all: choose one');
  const only = rest.includes('--all') ? undefined : (onlyAt >= 0 ? rest[onlyAt + 1] ?? '' : 'booklet').split(',').filter(Boolean);
  const result = mode === 'ours' ? await ours(editionDir, out, only, rest.includes('--cache')) : await naive(editionDir, out);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
