/**
 * Where the memory of one build goes, probe by probe:
 *
 *   node --import tsx bench/memory.ts <edition-dir> [--only booklet] [--out DIR]
 *   node --expose-gc --import tsx bench/memory.ts <edition-dir> --gc     (live sizes)
 *   node --import tsx bench/memory.ts <edition-dir> --snapshot render:end (heap snapshot)
 *
 * Runs buildEdition once in this process, with probes hooked into pdfmake and pdfkit (the
 * stages our code cannot see from outside): process.memoryUsage() at the start of pdfmake
 * (= after load, model, render and toDocDefinition), after DocMeasure (every inline built),
 * after the line and page layout, every 200 pages while pdfkit draws, around pdfkit's end,
 * and after the build. Prints one JSON object: the probes and the process's peak RSS.
 *
 * --gc       a full GC before every probe, so heapUsed is the live heap. The peak RSS of
 *            such a run is not the natural one: measure that without --gc (or bench/one.ts).
 * --snapshot writes .bench/memory-<probe>.heapsnapshot at the first probe whose label
 *            contains the given text (snapshots force a GC; load them in Chrome DevTools).
 *
 * The commit that added this file records what it found for 200 synthetic departments.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

interface Probe {
  readonly label: string;
  readonly ms: number;
  /** All in MiB. */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly peakRss: number;
  readonly [extra: string]: unknown;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string', default: 'booklet' },
    out: { type: 'string' },
    gc: { type: 'boolean', default: false },
    snapshot: { type: 'string' },
  },
});
const editionDir = positionals[0];
if (!editionDir) throw new Error('usage: bench/memory.ts <edition-dir> [--only booklet] [--out DIR] [--gc] [--snapshot PROBE]');
const gc = (globalThis as { gc?: () => void }).gc;
if (values.gc && !gc) throw new Error('--gc needs node --expose-gc');

const MiB = (n: number) => Math.round((n / 1048576) * 10) / 10;
const t0 = performance.now();
const probes: Probe[] = [];
let snapshotTaken = false;

function probe(label: string, extra: Record<string, unknown> = {}): void {
  if (values.gc) gc?.();
  const m = process.memoryUsage();
  probes.push({
    label,
    ms: Math.round(performance.now() - t0),
    rss: MiB(m.rss),
    heapUsed: MiB(m.heapUsed),
    heapTotal: MiB(m.heapTotal),
    external: MiB(m.external),
    arrayBuffers: MiB(m.arrayBuffers),
    peakRss: MiB(process.resourceUsage().maxRSS * 1024),
    ...extra,
  });
  if (values.snapshot && !snapshotTaken && label.includes(values.snapshot)) {
    snapshotTaken = true;
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    const file = v8.writeHeapSnapshot(join(ROOT, '.bench', `memory-${label.replace(/[^\w-]+/g, '_')}.heapsnapshot`));
    process.stderr.write(`heap snapshot: ${file}\n`);
  }
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Proto = Record<string, Method>;

/** Calls `before` and `after` around a prototype method (pdfmake/pdfkit are the same instances the engine loads). */
function around(proto: Proto, name: string, before?: (self: unknown, args: unknown[]) => void, after?: (self: unknown) => void): void {
  const original = proto[name];
  if (typeof original !== 'function') throw new Error(`cannot hook ${name}: pdfmake or pdfkit changed`);
  proto[name] = function (this: unknown, ...args: unknown[]) {
    before?.(this, args);
    const result = original.apply(this, args);
    after?.(this);
    return result;
  };
}

const pdfmake = (file: string) => (require(`pdfmake/js/${file}`) as { default: { prototype: Proto } }).default.prototype;
let doc = 0;
let pages = 0;
const tag = (label: string) => (doc > 1 ? `#${doc} ${label}` : label);
around(pdfmake('DocPreprocessor'), 'preprocessDocument', () => {
  doc++;
  pages = 0;
  probe(tag('pdfmake:start (after load, model, render, toDocDefinition)'));
});
around(pdfmake('DocMeasure'), 'measureDocument', undefined, () => probe(tag('pdfmake:measured (inlines built)')));
around(pdfmake('LayoutBuilder'), 'addHeadersAndFooters', (self) => {
  const count = (self as { writer: { context(): { pages: unknown[] } } }).writer.context().pages.length;
  probe(tag('pdfmake:laid out (lines and pages)'), { pages: count });
});
around(pdfmake('Renderer'), 'renderPages', () => probe(tag('render:start')), () => probe(tag('render:end')));
const pdfkit = (require(require.resolve('pdfkit')) as { prototype: Proto }).prototype;
around(pdfkit, 'addPage', () => {
  if (++pages % 200 === 0) probe(tag(`render:page ${pages}`));
});
around(pdfkit, 'end', undefined, (self) => {
  const state = (self as { _readableState?: { length?: number; buffer?: { length?: number } } })._readableState;
  probe(tag('pdfkit:end'), { bufferedOutputMiB: MiB(state?.length ?? 0) });
});

const { buildEdition, OUTPUT_KINDS } = await import('../src/pipeline.js');
const { loadResources } = await import('../src/resources.js');
const only = values.only.split(',').filter(Boolean);
const kinds = OUTPUT_KINDS.filter((k) => only.includes(k));
if (kinds.length !== only.length) throw new Error(`--only ${values.only}: choose from ${OUTPUT_KINDS.join(', ')}`);
probe('modules loaded');
const resources = await loadResources();
probe('resources read');
const outDir = values.out ?? join(ROOT, '.bench', 'memory-out');
const result = await buildEdition({ editionDir, outDir, only: kinds }, resources);
probe('build done', { pages: result.files.reduce((n, f) => n + f.pages, 0) });

process.stdout.write(
  `${JSON.stringify({ gc: values.gc, peakRssMiB: MiB(process.resourceUsage().maxRSS * 1024), timings: result.timings, probes }, null, 1)}\n`,
);
