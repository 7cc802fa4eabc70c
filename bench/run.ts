/**
 * `npm run bench [-- --sizes 10,50,200 --runs 3 --only booklet --edition data/2020 --budget 540 --no-naive --keep]` (--help lists all)
 *
 * Generates synthetic editions (tests/helpers/synthetic.ts) of each size into a temp
 * folder and builds each one several times, every build in its own child process
 * (bench/ours.mjs; the naive baseline bench/one.ts) so that one size's memory never inflates another's peak RSS. For each
 * run it also builds the same content as one naive pdfmake document (bench/naive.ts) in
 * its own process; the two alternate, so a slow moment of the machine hits both.
 * Reports medians per size and writes everything, every run included, to
 * .bench/results.json.
 *
 * Then the default edition (--edition, data/2020; --no-edition skips it), against the
 * issue's target "the whole edition in at most 0.25 × the naive booklet's time". Each run
 * makes three builds, alternating like the sizes' two: ours = the full build (every
 * output, no --only) into a fresh folder with no typesetting cache; naive = bench/naive.ts,
 * the booklet alone; warm = the same full build again with the typesetting cache
 * (folderCache(<out>/.cache), as `booklet build` uses by default) into an output folder
 * that one unmeasured cached build filled at the start: what an editor waits for on a
 * rebuild with nothing changed.
 *
 * Time budget: the first run of every size (and of the edition) always happens; further
 * runs are skipped when they would leave too little of --budget seconds for one run of
 * each remaining size and the edition. The table says when a size got fewer runs than asked.
 *
 * Noise: the machine may be shared. A run during which other processes used more than
 * --max-noise % of all CPUs (from /proc/stat) is measured again, at most --retries times
 * and only within the budget; the noisy builds are kept in the JSON under `discarded`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticEdition } from '../tests/helpers/synthetic.js';
import type { OneResult } from './one.js';
import { measureStartup, startupTable, type StartupRow } from './startup.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAGES = ['load', 'model', 'render', 'typeset', 'emit'] as const;
type Stage = (typeof STAGES)[number];

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly only: string;
  readonly budgetS: number;
  readonly naive: boolean;
  /** Typst 0.14 on the same markup (bench/typstBooklet.ts) as a peer column, when --only is booklet. */
  readonly typst: boolean;
  readonly warmup: boolean;
  readonly keep: boolean;
  readonly seed: number;
  /** The real edition measured whole (absolute), or undefined with --no-edition. */
  readonly edition: string | undefined;
  readonly out: string;
  readonly maxNoise: number;
  readonly retries: number;
  /** Runs of each start-up command (bench/startup.ts); 0: none. */
  readonly startupRuns: number;
  /** Builds per size in one warm process (bench/warm.ts) for the floor column; 0: none. */
  readonly floorRuns: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '10,50,200' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string', default: 'booklet' },
      budget: { type: 'string', default: '540' },
      seed: { type: 'string', default: '1' },
      edition: { type: 'string', default: 'data/2020' },
      'no-edition': { type: 'boolean', default: false },
      'max-noise': { type: 'string', default: '15' },
      retries: { type: 'string', default: '2' },
      out: { type: 'string', default: join(ROOT, '.bench/results.json') },
      'no-naive': { type: 'boolean', default: false },
      'no-typst': { type: 'boolean', default: false },
      'no-warmup': { type: 'boolean', default: false },
      'no-startup': { type: 'boolean', default: false },
      floor: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench -- [--sizes 10,50,200] [--runs 3] [--only booklet[,print,inserts,digest]] [--budget SECONDS (0: none)]\n' +
        '                 [--edition data/2020 | --no-edition] [--seed 1] [--out .bench/results.json] [--no-naive] [--no-typst] [--no-warmup] [--no-startup] [--floor] [--keep]\n' +
        '                 [--max-noise 15 (%; 0: off)] [--retries 2]\n' +
        '--only applies to the synthetic sizes. --edition DIR is also measured whole (every output, no typesetting cache), and as a\n' +
        'warm rebuild (typesetting cache in <out>/.cache, as `booklet build` by default), both against the naive booklet of DIR.\n' +
        'A run during which other processes used more than --max-noise % of all CPUs is measured again (at most --retries times).\n' +
        'Start-up (bench/startup.ts): --version, --help, check and a booklet build of data/sample as whole processes, against node -e 0.\n' +
        '--floor: each size also built 6 times in one process (bench/warm.ts); floor = the fastest warm build + the median time a real run spends\n' +
        'around its build (node, loading the code, exit): the least a fresh process could take if start-up work cost nothing.\n',
    );
    process.exit(0);
  }
  const int = (name: string, s: string, min: number) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} ${s}: expected a whole number ≥ ${min}`);
    return n;
  };
  return {
    sizes: values.sizes.split(',').map((s) => int('sizes', s.trim(), 1)),
    runs: int('runs', values.runs, 1),
    only: values.only,
    budgetS: int('budget', values.budget, 0),
    naive: !values['no-naive'],
    typst: !values['no-typst'] && values.only === 'booklet',
    warmup: !values['no-warmup'],
    keep: values.keep,
    seed: int('seed', values.seed, 0),
    edition: values['no-edition'] ? undefined : editionDir(values.edition),
    out: values.out,
    maxNoise: int('max-noise', values['max-noise'], 0) / 100,
    retries: int('retries', values.retries, 0),
    startupRuns: values['no-startup'] ? 0 : 7,
    floorRuns: values.floor ? 6 : 0,
  };
}

function editionDir(dir: string): string {
  const abs = resolve(dir);
  if (!existsSync(join(abs, 'edition.yaml'))) throw new Error(`--edition ${dir}: no edition.yaml in ${abs} (--no-edition skips it)`);
  return abs;
}

interface Measured extends OneResult {
  /** Spawn to exit, as seen by this process. */
  readonly wallMs: number;
  /**
   * Share of the machine's CPU time (all cores) used by other processes while this build
   * ran, from /proc/stat (Linux only): the benchmark's noise. 0.5 on 2 cores = one core busy elsewhere.
   */
  readonly othersShare?: number;
}

/** Busy CPU time of the whole machine in ms (user, nice, system, irq, softirq, steal), or undefined off Linux. */
function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const jiffies = [0, 1, 2, 5, 6, 7].reduce((n, i) => n + (fields[i] ?? 0), 0);
    return jiffies * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A node child process in ROOT whose last line of output is JSON; its wall time from spawn to exit. */
function lastJsonLine<T>(nodeArgs: readonly string[]): Promise<{ value: T; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`${nodeArgs.join(' ')} exited with ${code}\n${err}${out}`));
      else resolve({ value: JSON.parse(line) as T, wallMs });
    });
  });
}

async function one(args: readonly string[]): Promise<Measured> {
  const busyBefore = machineBusyMs();
  const parentBefore = process.cpuUsage();
  // ours as a user runs it (bench/ours.mjs spawns node bin/booklet.js build), Typst as its npm compiler runs (plain node), naive through tsx (bench/one.ts).
  const script =
    args[0] === 'ours' ? ['bench/ours.mjs', ...args.slice(1)] : args[0] === 'typst' ? ['bench/typst.mjs', ...args.slice(1)] : ['--import', 'tsx', 'bench/one.ts', ...args];
  const { value: parsed, wallMs } = await lastJsonLine<OneResult>(script);
  // Typst's whole process from spawn to exit as seen from here, as bench/ours.mjs times ours'.
  const result = args[0] === 'typst' ? { ...parsed, processMs: wallMs } : parsed;
  const busyAfter = machineBusyMs();
  const parent = process.cpuUsage(parentBefore);
  const parentMs = (parent.user + parent.system) / 1000;
  const othersMs = busyBefore === undefined || busyAfter === undefined ? undefined : Math.max(0, busyAfter - busyBefore - result.cpuMs - parentMs);
  return { ...result, wallMs, ...(othersMs === undefined ? {} : { othersShare: othersMs / (wallMs * cpus().length) }) };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Summary {
  readonly pages: number;
  readonly bytes: number;
  readonly buildMs: number;
  readonly processMs: number;
  readonly wallMs: number;
  readonly maxRssMiB: number;
  readonly cpuMs: number;
  /** Largest share of the CPUs used by other processes during any of the runs. */
  readonly othersShareMax?: number;
  readonly stages?: Record<Stage, number>;
  readonly pagesPerSecond: number;
  readonly kibPerPage: number;
}

function summarise(runs: readonly Measured[]): Summary {
  const m = (f: (r: Measured) => number) => median(runs.map(f));
  const pages = m((r) => r.pages);
  const bytes = m((r) => r.bytes);
  const buildMs = m((r) => r.buildMs);
  const withStages = runs.filter((r) => r.timings);
  return {
    pages,
    bytes,
    buildMs,
    processMs: m((r) => r.processMs),
    wallMs: m((r) => r.wallMs),
    maxRssMiB: m((r) => r.maxRssKiB) / 1024,
    cpuMs: m((r) => r.cpuMs),
    ...(runs.every((r) => r.othersShare !== undefined) ? { othersShareMax: Math.max(...runs.map((r) => r.othersShare!)) } : {}),
    ...(withStages.length > 0 ? { stages: Object.fromEntries(STAGES.map((s) => [s, median(withStages.map((r) => r.timings![s]))])) as Record<Stage, number> } : {}),
    pagesPerSecond: pages / (buildMs / 1000),
    kibPerPage: bytes / 1024 / pages,
  };
}

interface SizeResult {
  readonly departments: number;
  readonly runs: number;
  readonly runsAsked: number;
  readonly ours: { readonly median: Summary; readonly runs: readonly Measured[] };
  /** Runs measured while other processes were busy (see --max-noise), replaced by a new run. */
  readonly discarded: readonly Measured[];
  readonly naive?: { readonly median: Summary; readonly runs: readonly Measured[] };
  /** median ours buildMs / median naive buildMs, and the same for whole processes. */
  readonly ratio?: { readonly build: number; readonly process: number };
  /** Typst 0.14 compiling the same booklet, and ours / Typst (build; whole process). */
  readonly typst?: { readonly median: Summary; readonly runs: readonly Measured[] };
  readonly typstRatio?: { readonly build: number; readonly process: number };
  /** --floor: the builds of one warm process (the first one cold), and the floor they give. */
  readonly floor?: Floor;
}

interface Floor {
  readonly warmBuildMs: readonly number[];
  /** Median processMs − buildMs of ours' runs: node's start, loading the code, the exit. */
  readonly aroundMs: number;
  /** min(warmBuildMs after the first) + aroundMs. */
  readonly floorMs: number;
  /** floorMs / Typst's median whole process, when Typst ran. */
  readonly typstRatio?: number;
}

/** bench/warm.ts in a child process: the same build again and again in one process. */
async function warmBuilds(editionDir: string, outDir: string, runs: number, only: string): Promise<number[]> {
  return (await lastJsonLine<{ buildMs: number[] }>(['--import', 'tsx', 'bench/warm.ts', editionDir, outDir, String(runs), '--only', only])).value.buildMs;
}

function floorOf(warmBuildMs: readonly number[], ours: readonly Measured[], typst: Summary | undefined): Floor {
  const aroundMs = median(ours.map((r) => r.processMs - r.buildMs));
  const floorMs = Math.min(...warmBuildMs.slice(1)) + aroundMs;
  return { warmBuildMs, aroundMs, floorMs, ...(typst ? { typstRatio: floorMs / typst.processMs } : {}) };
}

/**
 * The default edition measured whole: `ours` the full build (no --only) into a fresh
 * folder without typesetting cache, `warm` the same with the cache filled by an earlier
 * build, `naive` the booklet alone as bench/naive.ts makes it.
 */
interface EditionResult {
  /** As given to --edition, relative to the project when inside it. */
  readonly edition: string;
  readonly runs: number;
  readonly runsAsked: number;
  readonly ours: { readonly median: Summary; readonly runs: readonly Measured[] };
  readonly warm: { readonly median: Summary; readonly runs: readonly Measured[] };
  readonly naive?: { readonly median: Summary; readonly runs: readonly Measured[] };
  readonly discarded: readonly Measured[];
  /** The unmeasured cached full build that filled the warm runs' output folder. */
  readonly primed: Measured;
  /** median ours (full, no cache) / median naive (booklet): build and whole process. The issue's target: build ≤ 0.25. */
  readonly ratio?: { readonly build: number; readonly process: number };
  /** median warm rebuild / median naive (booklet). */
  readonly warmRatio?: { readonly build: number; readonly process: number };
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The builds of one run: ours and naive for a size; ours, naive and the warm rebuild for the edition. */
type Which = 'ours' | 'naive' | 'warm' | 'typst';

interface RunsOf {
  /** Kept runs per build, in run order (noisy attempts replaced). */
  readonly kept: Readonly<Record<Which, Measured[]>>;
  readonly discarded: readonly Measured[];
}

/**
 * Up to `runs` runs of one item (a size, the edition), each run building every one of
 * `builds` once in its own process: in that order on even runs and reversed on odd ones,
 * so that drift in the machine's load hits all of them. A run during which other processes
 * were busy beyond --max-noise is measured again (at most --retries times, while it
 * `fits` the budget); further runs happen only while they fit.
 */
async function measureRuns(p: {
  readonly label: string;
  readonly builds: readonly Which[];
  readonly runs: number;
  readonly args: (which: Which, tag: string) => string[];
  /** Removes what the run with this tag wrote. */
  readonly cleanup: (tag: string) => Promise<void>;
  readonly fits: () => boolean;
  /** Wall time of a whole attempt (all its builds), for the budget's estimates. */
  readonly ran: (ms: number) => void;
  readonly opts: Options;
  readonly elapsedS: () => number;
}): Promise<RunsOf> {
  const kept: Record<Which, Measured[]> = { ours: [], naive: [], warm: [], typst: [] };
  const discarded: Measured[] = [];
  for (let run = 0; run < p.runs; run++) {
    if (run > 0 && !p.fits()) {
      log(`${p.label}: stopping after ${run} of ${p.runs} runs to stay within --budget ${p.opts.budgetS} s`);
      break;
    }
    for (let attempt = 0; ; attempt++) {
      const t = performance.now();
      const tag = `${run}-${attempt}`;
      const order = run % 2 === 0 ? p.builds : [...p.builds].reverse();
      const got = new Map<Which, Measured>();
      for (const which of order) got.set(which, await one(p.args(which, tag)));
      await p.cleanup(tag);
      p.ran(performance.now() - t);
      const measured = p.builds.map((w) => [w, got.get(w)!] as const);
      const noise = Math.max(...measured.map(([, m]) => m.othersShare ?? 0));
      const retry = p.opts.maxNoise > 0 && noise > p.opts.maxNoise && attempt < p.opts.retries && p.fits();
      log(
        `${p.label}, run ${run + 1}${attempt > 0 ? ` (again, ${attempt})` : ''}: ` +
          measured.map(([w, m]) => `${w} ${fmt(m.buildMs)} ms ${m.pages} pages ${fmt(m.maxRssKiB / 1024)} MiB`).join(' · ') +
          (measured[0]![1].othersShare === undefined ? '' : ` · busy elsewhere ${fmt(noise * 100)} %`) +
          ` (${fmt(p.elapsedS(), 1)} s)${retry ? ' — noisy, measuring again' : ''}`,
      );
      if (retry) {
        discarded.push(...measured.map(([, m]) => m));
        continue;
      }
      for (const [w, m] of measured) kept[w].push(m);
      break;
    }
  }
  return { kept, discarded };
}

function table(results: readonly SizeResult[], naive: boolean, typst: boolean, floor: boolean): string {
  const head = ['depts', 'runs', 'pages', ...STAGES.map((s) => `${s} ms`), 'total ms', 'pages/s', 'KiB/page', 'RSS MiB'];
  if (naive) head.push('naive pages', 'naive ms', 'naive RSS MiB', 'ours/naive', 'proc ours/naive');
  if (typst) head.push('typst pages', 'typst ms', 'typst RSS MiB', 'ours/typst', 'proc ours/typst');
  if (floor) head.push('warm build ms', 'floor ms', ...(typst ? ['floor/typst'] : []));
  head.push('busy elsewhere');
  const rows = results.map((r) => {
    const o = r.ours.median;
    const row = [
      String(r.departments),
      r.runs === r.runsAsked ? String(r.runs) : `${r.runs} of ${r.runsAsked}*`,
      fmt(o.pages),
      ...STAGES.map((s) => fmt(o.stages?.[s] ?? NaN)),
      fmt(o.buildMs),
      fmt(o.pagesPerSecond, 1),
      fmt(o.kibPerPage, 1),
      fmt(o.maxRssMiB),
    ];
    if (naive && r.naive) {
      const n = r.naive.median;
      row.push(fmt(n.pages), fmt(n.buildMs), fmt(n.maxRssMiB), fmt(r.ratio?.build ?? NaN, 2), fmt(r.ratio?.process ?? NaN, 2));
    }
    if (typst) {
      const y = r.typst?.median;
      row.push(fmt(y?.pages ?? NaN), fmt(y?.buildMs ?? NaN), fmt(y?.maxRssMiB ?? NaN), fmt(r.typstRatio?.build ?? NaN, 2), fmt(r.typstRatio?.process ?? NaN, 2));
    }
    if (floor) {
      const f = r.floor;
      row.push(fmt(f ? Math.min(...f.warmBuildMs.slice(1)) : NaN), fmt(f?.floorMs ?? NaN), ...(typst ? [fmt(f?.typstRatio ?? NaN, 2)] : []));
    }
    const shares = [o, r.naive?.median, r.typst?.median].map((m) => m?.othersShareMax).filter((x): x is number => x !== undefined);
    const noise = shares.length > 0 ? Math.max(...shares) : NaN;
    row.push(Number.isFinite(noise) ? `≤${fmt(noise * 100)} %` : '–');
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function editionTable(r: EditionResult): string {
  const head = [r.edition, 'runs', 'pages', 'files', 'KiB', 'build ms', 'process ms', 'RSS MiB', 'build/naive', 'proc/naive', 'typeset', 'busy elsewhere'];
  const runs = r.runs === r.runsAsked ? String(r.runs) : `${r.runs} of ${r.runsAsked}*`;
  // Documents typeset / taken from the cache, summed over the runs (a warm run that typesets anything did not find its cache).
  const typeset = (rs: readonly Measured[]) => {
    const t = rs.filter((x) => x.typeset).map((x) => x.typeset!);
    return t.length === 0 ? '–' : `${t.reduce((n, x) => n + x.fresh, 0)} new, ${t.reduce((n, x) => n + x.cached, 0)} cached`;
  };
  const row = (label: string, m: Summary, rs: readonly Measured[], ratio: { build: number; process: number } | undefined) => [
    label,
    runs,
    fmt(m.pages),
    String(rs[0]?.files.length ?? '–'),
    fmt(m.bytes / 1024),
    fmt(m.buildMs),
    fmt(m.processMs),
    fmt(m.maxRssMiB),
    fmt(ratio?.build ?? NaN, 2),
    fmt(ratio?.process ?? NaN, 2),
    typeset(rs),
    m.othersShareMax === undefined ? '–' : `≤${fmt(m.othersShareMax * 100)} %`,
  ];
  const rows = [
    row('ours: whole edition, no cache', r.ours.median, r.ours.runs, r.ratio),
    row('ours: warm rebuild, cache', r.warm.median, r.warm.runs, r.warmRatio),
    ...(r.naive ? [row('naive: booklet only', r.naive.median, r.naive.runs, undefined)] : []),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => (x[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const stages = (m: Summary) => (m.stages ? STAGES.map((s) => `${s} ${fmt(m.stages![s])}`).join(' · ') : '–');
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    r.ratio && r.naive
      ? `Target: the whole edition in ≤ 0.25 × the naive booklet's build time (${fmt(0.25 * r.naive.median.buildMs)} ms here). ` +
        `Reached: ${fmt(r.ratio.build, 2)} (build), ${fmt(r.ratio.process, 2)} (whole process); warm rebuild ${fmt(r.warmRatio?.build ?? NaN, 2)} (build), ${fmt(r.warmRatio?.process ?? NaN, 2)} (process).`
      : "Target: the whole edition in ≤ 0.25 × the naive booklet's build time (not compared: --no-naive).",
    `Where the whole build's time goes (median ms): ${stages(r.ours.median)}; around the build (node, loading the code, exit) ${fmt(r.ours.median.processMs - r.ours.median.buildMs)}.`,
    `Warm rebuild (median ms): ${stages(r.warm.median)}; around the build ${fmt(r.warm.median.processMs - r.warm.median.buildMs)}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  const work = await mkdtemp(join(tmpdir(), 'booklet-bench-'));
  const loadStart = loadavg();
  const editionLabel = opts.edition === undefined ? undefined : relative(ROOT, opts.edition).startsWith('..') ? opts.edition : relative(ROOT, opts.edition);
  log(
    `bench: sizes ${opts.sizes.join(', ')} · ${opts.runs} runs · --only ${opts.only} · edition ${editionLabel ?? 'none'} · budget ${opts.budgetS || '∞'} s · ` +
      `${cpus().length} CPUs · load ${loadStart.map((l) => l.toFixed(2)).join(' ')} · ${work}`,
  );
  const results: SizeResult[] = [];
  let editionResult: EditionResult | undefined;
  try {
    const dirs = new Map<number, string>();
    for (const size of opts.sizes) {
      const dir = join(work, `edition-${size}`);
      await writeSyntheticEdition(dir, { departments: size, seed: opts.seed });
      dirs.set(size, dir);
    }
    const oursArgs = (size: number, tag: string) => ['ours', dirs.get(size)!, join(work, `out-${size}-${tag}`), '--only', opts.only];
    const naiveArgs = (size: number, tag: string) => ['naive', dirs.get(size)!, join(work, `naive-${size}-${tag}.pdf`)];
    // Typst's source is written once per size, outside the measured runs (as an editor's .typ file would be).
    if (opts.typst) {
      const { typstSourceOf } = await import('./typstSource.js');
      for (const size of opts.sizes) await writeFile(join(work, `edition-${size}.typ`), (await typstSourceOf(dirs.get(size)!)).source);
    }
    const typstArgs = (size: number, tag: string) => ['typst', join(work, `edition-${size}.typ`), join(work, `typst-${size}-${tag}.pdf`)];
    // The edition: ours builds everything (--all) without cache into a fresh folder per
    // run; warm rebuilds everything with the cache into one folder, filled before.
    const warmOut = join(work, 'out-edition-warm');
    const editionArgs = (which: Which, tag: string): string[] =>
      which === 'ours'
        ? ['ours', opts.edition!, join(work, `out-edition-${tag}`), '--all']
        : which === 'warm'
          ? ['ours', opts.edition!, warmOut, '--all', '--cache']
          : ['naive', opts.edition!, join(work, `naive-edition-${tag}.pdf`)];

    if (opts.warmup) {
      // Not recorded: fills tsx's transform cache and the OS file cache.
      const smallest = Math.min(...opts.sizes);
      await one(oursArgs(smallest, 'warmup'));
      if (opts.naive) await one(naiveArgs(smallest, 'warmup'));
      log(`warm-up done (${fmt(elapsedS(), 1)} s)`);
    }
    // Not recorded either: the editor's first build, which fills <out>/.cache for the warm
    // rebuilds (the measured whole builds have no cache, so they leave none behind).
    const primed = opts.edition === undefined ? undefined : await one(editionArgs('warm', 'prime'));
    if (primed) log(`${editionLabel}: first cached build for the warm rebuilds ${fmt(primed.buildMs)} ms, ${primed.typeset?.fresh ?? '?'} documents typeset (${fmt(elapsedS(), 1)} s)`);

    let perDepartmentMs = 0; // cost of one run (ours + naive) per department, from the last run of a size
    // Cost of one edition run (ours, naive, warm): guessed from the first cached build until measured.
    let editionRunMs = primed ? 3 * primed.wallMs : 0;
    /** Whether one more run of sizes[index] (index = sizes.length: the edition) still leaves time for one run of each later size and the edition. */
    const fits = (index: number): boolean => {
      if (opts.budgetS === 0) return true;
      const ms = opts.sizes.slice(index).reduce((n, s) => n + s * perDepartmentMs, 0) + editionRunMs;
      return elapsedS() * 1000 + ms <= opts.budgetS * 1000;
    };
    for (const [index, size] of opts.sizes.entries()) {
      const { kept, discarded } = await measureRuns({
        label: `${size} departments`,
        builds: ['ours', ...(opts.naive ? (['naive'] as const) : []), ...(opts.typst ? (['typst'] as const) : [])],
        runs: opts.runs,
        args: (which, tag) => (which === 'naive' ? naiveArgs(size, tag) : which === 'typst' ? typstArgs(size, tag) : oursArgs(size, tag)),
        cleanup: async (tag) => {
          await rm(join(work, `out-${size}-${tag}`), { recursive: true, force: true });
          await rm(join(work, `naive-${size}-${tag}.pdf`), { force: true });
          await rm(join(work, `typst-${size}-${tag}.pdf`), { force: true });
        },
        fits: () => fits(index),
        ran: (ms) => (perDepartmentMs = ms / size),
        opts,
        elapsedS,
      });
      const o = summarise(kept.ours);
      const n = kept.naive.length > 0 ? summarise(kept.naive) : undefined;
      const y = kept.typst.length > 0 ? summarise(kept.typst) : undefined;
      const floor = opts.floorRuns > 0 ? floorOf(await warmBuilds(dirs.get(size)!, join(work, `out-${size}-warm`), opts.floorRuns, opts.only), kept.ours, y) : undefined;
      results.push({
        departments: size,
        runs: kept.ours.length,
        runsAsked: opts.runs,
        ours: { median: o, runs: kept.ours },
        discarded,
        ...(n ? { naive: { median: n, runs: kept.naive }, ratio: { build: o.buildMs / n.buildMs, process: o.processMs / n.processMs } } : {}),
        ...(y ? { typst: { median: y, runs: kept.typst }, typstRatio: { build: o.buildMs / y.buildMs, process: o.processMs / y.processMs } } : {}),
        ...(floor ? { floor } : {}),
      });
    }

    if (primed) {
      const { kept, discarded } = await measureRuns({
        label: editionLabel!,
        builds: opts.naive ? ['ours', 'naive', 'warm'] : ['ours', 'warm'],
        runs: opts.runs,
        args: editionArgs,
        cleanup: async (tag) => {
          await rm(join(work, `out-edition-${tag}`), { recursive: true, force: true });
          await rm(join(work, `naive-edition-${tag}.pdf`), { force: true });
        },
        fits: () => fits(opts.sizes.length),
        ran: (ms) => (editionRunMs = ms),
        opts,
        elapsedS,
      });
      const o = summarise(kept.ours);
      const w = summarise(kept.warm);
      const n = kept.naive.length > 0 ? summarise(kept.naive) : undefined;
      const ratio = (x: Summary, y: Summary) => ({ build: x.buildMs / y.buildMs, process: x.processMs / y.processMs });
      editionResult = {
        edition: editionLabel!,
        runs: kept.ours.length,
        runsAsked: opts.runs,
        ours: { median: o, runs: kept.ours },
        warm: { median: w, runs: kept.warm },
        ...(n ? { naive: { median: n, runs: kept.naive } } : {}),
        discarded,
        primed,
        ...(n ? { ratio: ratio(o, n), warmRatio: ratio(w, n) } : {}),
      };
    }
  } finally {
    if (!opts.keep) await rm(work, { recursive: true, force: true });
  }

  // Last, on the CLI as built: what every command pays before its work.
  const startup: StartupRow[] = opts.startupRuns > 0 ? measureStartup(join(ROOT, 'data/sample'), opts.startupRuns) : [];
  const loadEnd = loadavg();
  process.stdout.write(`\n${table(results, opts.naive, opts.typst, opts.floorRuns > 0)}\n\n`);
  process.stdout.write(
    [
      `Medians of the runs. Stages are buildEdition's timings (--only ${opts.only}); build = the build command's clock (resources and buildEdition); pages, pages/s and KiB/page`,
      'count every PDF written. RSS = process.resourceUsage().maxRSS of the build\'s own child process.',
      'naive = the same content as one plain pdfmake document (bench/naive.ts): require(pdfmake) → PDF bytes; it starts departments on any page,',
      'so it has fewer pages. ours/naive compares build times (ours: the build command\'s own clock, resources included); "proc" compares whole processes:',
      'ours and typst from spawn to exit (node bin/booklet.js build --json, the bundle as built; node bench/typst.mjs), naive from process start to the end of its build (through tsx). busy elsewhere = the largest share of all CPUs that other processes used during a run (/proc/stat):',
      `above ~10 % the times are inflated by other work on the machine; runs above ${fmt(opts.maxNoise * 100)} % were measured again (at most ${opts.retries} times each)`,
      `and the noisy ones left out of the medians (${results.reduce((n, r) => n + r.discarded.length, 0)} builds left out; they are in the JSON).`,
      ...(results.some((r) => r.runs < r.runsAsked) ? ['* fewer runs than asked, to stay within the time budget (--budget).'] : []),
      ...(opts.typst
        ? [
            'typst = Typst 0.14 (npm @myriaddreamin/typst-ts-node-compiler, plain node: bench/typst.mjs) compiling the same booklet written as Typst from our',
            'rendered markup (bench/typstBooklet.ts: same text, fonts, page, sizes, running heads, contents); build = compile + PDF, proc = spawn → exit.',
            'The issue\'s target: ours/typst ≤ 1 (proc) at 10 and 50 departments, no slower at 200.',
          ]
        : []),
      ...(opts.floorRuns > 0
        ? [
            `floor: the same booklet built ${opts.floorRuns} times in one process (bench/warm.ts, through tsx); warm build = the fastest of runs 2–${opts.floorRuns} by the build's`,
            'own clock (code compiled and warm, the process\'s caches full); floor ms = that + the median time ours\' runs spend around the build (node, loading',
            'the code, exit): the least a fresh process could take if compiling and warming the code cost nothing. floor/typst > 1: no start-up work can meet the target.',
          ]
        : []),
      `Load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end; ${fmt(elapsedS(), 0)} s in all.`,
    ].join('\n') + '\n',
  );
  if (editionResult) {
    const e = editionResult;
    const manifestKiB = (e.ours.runs[0]?.manifestBytes ?? NaN) / 1024;
    process.stdout.write(
      `\n${editionTable(e)}\n\n` +
        [
          `Medians of the runs, same measures as above. whole edition = buildEdition with no --only (booklet, print, inserts, digest and the manifest)`,
          'into a fresh folder without typesetting cache; warm rebuild = the same again with folderCache(<out>/.cache), as `booklet build` by default,',
          'in a fresh process, into a folder that one unmeasured cached build filled at the start (nothing changed since). naive = bench/naive.ts,',
          `the booklet of the same edition only. build/naive and proc/naive divide by naive's medians. pages, files and KiB count PDFs (manifest.json: ${fmt(manifestKiB, 1)} KiB).`,
          `typeset = documents typeset vs. taken from the cache, over all runs. ${e.discarded.length} noisy builds left out (in the JSON).`,
          ...(e.runs < e.runsAsked ? ['* fewer runs than asked, to stay within the time budget (--budget).'] : []),
        ].join('\n') +
        '\n',
    );
  }
  if (startup.length > 0) {
    process.stdout.write(`\n${startupTable(startup)}\n\nStart-up: medians of ${opts.startupRuns} runs of each whole process (node bin/booklet.js, dist/ as built), the commands taking turns.\n`);
  }
  await mkdir(dirname(opts.out), { recursive: true });
  await writeFile(
    opts.out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadavg: { start: loadStart, end: loadEnd },
        options: { sizes: opts.sizes, runs: opts.runs, only: opts.only, edition: editionLabel ?? null, budgetS: opts.budgetS, naive: opts.naive, typst: opts.typst, seed: opts.seed },
        elapsedS: elapsedS(),
        results,
        edition: editionResult ?? null,
        startup,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`Results: ${opts.out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
