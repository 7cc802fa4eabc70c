/**
 * `npm run bench [-- --sizes 10,50,200 --runs 3 --only booklet --budget 540 --no-naive --keep]` (--help lists all)
 *
 * Generates synthetic editions (tests/helpers/synthetic.ts) of each size into a temp
 * folder and builds each one several times, every build in its own child process
 * (bench/one.ts) so that one size's memory never inflates another's peak RSS. For each
 * run it also builds the same content as one naive pdfmake document (bench/naive.ts) in
 * its own process; the two alternate, so a slow moment of the machine hits both.
 * Reports medians per size and writes everything, every run included, to
 * .bench/results.json.
 *
 * Time budget: the first run of every size always happens; further runs of a size are
 * skipped when they would leave too little of --budget seconds for one run of each
 * remaining size. The table says when a size got fewer runs than asked.
 *
 * Noise: the machine may be shared. A run during which other processes used more than
 * --max-noise % of all CPUs (from /proc/stat) is measured again, at most --retries times
 * and only within the budget; the noisy builds are kept in the JSON under `discarded`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticEdition } from '../tests/helpers/synthetic.js';
import type { OneResult } from './one.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAGES = ['load', 'model', 'render', 'typeset', 'emit'] as const;
type Stage = (typeof STAGES)[number];

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly only: string;
  readonly budgetS: number;
  readonly naive: boolean;
  readonly warmup: boolean;
  readonly keep: boolean;
  readonly seed: number;
  readonly out: string;
  readonly maxNoise: number;
  readonly retries: number;
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
      'max-noise': { type: 'string', default: '15' },
      retries: { type: 'string', default: '2' },
      out: { type: 'string', default: join(ROOT, '.bench/results.json') },
      'no-naive': { type: 'boolean', default: false },
      'no-warmup': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench -- [--sizes 10,50,200] [--runs 3] [--only booklet[,print,inserts,digest]] [--budget SECONDS (0: none)]\n' +
        '                 [--seed 1] [--out .bench/results.json] [--no-naive] [--no-warmup] [--keep]\n' +
        '                 [--max-noise 15 (%; 0: off)] [--retries 2]\n' +
        'A run during which other processes used more than --max-noise % of all CPUs is measured again (at most --retries times).\n',
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
    warmup: !values['no-warmup'],
    keep: values.keep,
    seed: int('seed', values.seed, 0),
    out: values.out,
    maxNoise: int('max-noise', values['max-noise'], 0) / 100,
    retries: int('retries', values.retries, 0),
  };
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

function one(args: readonly string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const busyBefore = machineBusyMs();
    const parentBefore = process.cpuUsage();
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/one.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`bench/one.ts ${args.join(' ')} exited with ${code}\n${err}${out}`));
        return;
      }
      const result = JSON.parse(line) as OneResult;
      const busyAfter = machineBusyMs();
      const parent = process.cpuUsage(parentBefore);
      const parentMs = (parent.user + parent.system) / 1000;
      const othersMs = busyBefore === undefined || busyAfter === undefined ? undefined : Math.max(0, busyAfter - busyBefore - result.cpuMs - parentMs);
      resolve({ ...result, wallMs, ...(othersMs === undefined ? {} : { othersShare: othersMs / (wallMs * cpus().length) }) });
    });
  });
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
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function table(results: readonly SizeResult[], naive: boolean): string {
  const head = ['depts', 'runs', 'pages', ...STAGES.map((s) => `${s} ms`), 'total ms', 'pages/s', 'KiB/page', 'RSS MiB'];
  if (naive) head.push('naive pages', 'naive ms', 'naive RSS MiB', 'ours/naive', 'proc ours/naive');
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
    const noise = Math.max(o.othersShareMax ?? NaN, r.naive?.median.othersShareMax ?? NaN);
    row.push(Number.isFinite(noise) ? `≤${fmt(noise * 100)} %` : '–');
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  const work = await mkdtemp(join(tmpdir(), 'booklet-bench-'));
  const loadStart = loadavg();
  log(`bench: sizes ${opts.sizes.join(', ')} · ${opts.runs} runs · --only ${opts.only} · budget ${opts.budgetS || '∞'} s · ${cpus().length} CPUs · load ${loadStart.map((l) => l.toFixed(2)).join(' ')} · ${work}`);
  const results: SizeResult[] = [];
  try {
    const dirs = new Map<number, string>();
    for (const size of opts.sizes) {
      const dir = join(work, `edition-${size}`);
      await writeSyntheticEdition(dir, { departments: size, seed: opts.seed });
      dirs.set(size, dir);
    }
    const oursArgs = (size: number, tag: string) => ['ours', dirs.get(size)!, join(work, `out-${size}-${tag}`), '--only', opts.only];
    const naiveArgs = (size: number, tag: string) => ['naive', dirs.get(size)!, join(work, `naive-${size}-${tag}.pdf`)];

    if (opts.warmup) {
      // Not recorded: fills tsx's transform cache and the OS file cache.
      const smallest = Math.min(...opts.sizes);
      await one(oursArgs(smallest, 'warmup'));
      if (opts.naive) await one(naiveArgs(smallest, 'warmup'));
      log(`warm-up done (${fmt(elapsedS(), 1)} s)`);
    }

    let perDepartmentMs = 0; // cost of one run (ours + naive) per department, from the last run
    /** Whether one more run of sizes[index] still leaves time for one run of each later size. */
    const fits = (index: number): boolean => {
      if (opts.budgetS === 0) return true;
      const ms = opts.sizes.slice(index).reduce((n, s) => n + s * perDepartmentMs, 0);
      return elapsedS() * 1000 + ms <= opts.budgetS * 1000;
    };
    for (const [index, size] of opts.sizes.entries()) {
      const ours: Measured[] = [];
      const naive: Measured[] = [];
      const noisy: Measured[] = [];
      for (let run = 0; run < opts.runs; run++) {
        if (run > 0 && !fits(index)) {
          log(`${size} departments: stopping after ${run} of ${opts.runs} runs to stay within --budget ${opts.budgetS} s`);
          break;
        }
        for (let attempt = 0; ; attempt++) {
          const t = performance.now();
          const tag = `${run}-${attempt}`;
          // Alternate which goes first so that drift in the machine's load hits both.
          const order = run % 2 === 0 ? (['ours', 'naive'] as const) : (['naive', 'ours'] as const);
          let o: Measured | undefined;
          let n: Measured | undefined;
          for (const which of order) {
            if (which === 'ours') o = await one(oursArgs(size, tag));
            else if (opts.naive) n = await one(naiveArgs(size, tag));
          }
          await rm(join(work, `out-${size}-${tag}`), { recursive: true, force: true });
          await rm(join(work, `naive-${size}-${tag}.pdf`), { force: true });
          perDepartmentMs = (performance.now() - t) / size;
          const noise = Math.max(o!.othersShare ?? 0, n?.othersShare ?? 0);
          const retry = opts.maxNoise > 0 && noise > opts.maxNoise && attempt < opts.retries && fits(index);
          log(
            `${size} departments, run ${run + 1}${attempt > 0 ? ` (again, ${attempt})` : ''}: ours ${fmt(o!.buildMs)} ms ${o!.pages} pages ${fmt(o!.maxRssKiB / 1024)} MiB` +
              (n ? ` · naive ${fmt(n.buildMs)} ms ${n.pages} pages ${fmt(n.maxRssKiB / 1024)} MiB` : '') +
              (o!.othersShare === undefined ? '' : ` · busy elsewhere ${fmt(noise * 100)} %`) +
              ` (${fmt(elapsedS(), 1)} s)${retry ? ' — noisy, measuring again' : ''}`,
          );
          if (retry) {
            noisy.push(o!, ...(n ? [n] : []));
            continue;
          }
          ours.push(o!);
          if (n) naive.push(n);
          break;
        }
      }
      const o = summarise(ours);
      const n = naive.length > 0 ? summarise(naive) : undefined;
      results.push({
        departments: size,
        runs: ours.length,
        runsAsked: opts.runs,
        ours: { median: o, runs: ours },
        discarded: noisy,
        ...(n ? { naive: { median: n, runs: naive }, ratio: { build: o.buildMs / n.buildMs, process: o.processMs / n.processMs } } : {}),
      });
    }
  } finally {
    if (!opts.keep) await rm(work, { recursive: true, force: true });
  }

  const loadEnd = loadavg();
  process.stdout.write(`\n${table(results, opts.naive)}\n\n`);
  process.stdout.write(
    [
      `Medians of the runs. Stages are buildEdition's timings (--only ${opts.only}); total = the whole buildEdition call; pages, pages/s and KiB/page`,
      'count every PDF written. RSS = process.resourceUsage().maxRSS of the build\'s own child process (node + tsx + build).',
      'naive = the same content as one plain pdfmake document (bench/naive.ts): require(pdfmake) → PDF bytes; it starts departments on any page,',
      'so it has fewer pages. ours/naive compares build times; "proc" compares process start → end of build (module loading included;',
      'ours loads src/ through tsx). busy elsewhere = the largest share of all CPUs that other processes used during a run (/proc/stat):',
      `above ~10 % the times are inflated by other work on the machine; runs above ${fmt(opts.maxNoise * 100)} % were measured again (at most ${opts.retries} times each)`,
      `and the noisy ones left out of the medians (${results.reduce((n, r) => n + r.discarded.length, 0)} builds left out; they are in the JSON).`,
      ...(results.some((r) => r.runs < r.runsAsked) ? ['* fewer runs than asked, to stay within the time budget (--budget).'] : []),
      `Load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end; ${fmt(elapsedS(), 0)} s in all.`,
    ].join('\n') + '\n',
  );
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
        options: { sizes: opts.sizes, runs: opts.runs, only: opts.only, budgetS: opts.budgetS, naive: opts.naive, seed: opts.seed },
        elapsedS: elapsedS(),
        results,
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
