/**
 * One measured naive build in a fresh process, so that peak RSS belongs to it alone:
 *
 *   node --import tsx bench/one.ts naive <edition-dir> <out-file.pdf>
 *
 * Ours is measured by bench/ours.mjs (plain node on dist/, as the CLI runs); both print
 * one line of JSON, a OneResult. Reading the font files happens before the clock starts;
 * loading pdfmake happens inside it, for both.
 */
import { writeFile } from 'node:fs/promises';
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
  /** From process start to the end of the build (node start-up, loaders, imports). */
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
  const [mode, editionDir, out] = argv;
  if (!editionDir || !out || mode !== 'naive') throw new Error('usage: bench/one.ts naive <edition-dir> <out-file.pdf> (ours: bench/ours.mjs)');
  process.stdout.write(`${JSON.stringify(await naive(editionDir, out))}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
