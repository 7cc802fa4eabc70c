/**
 * Start-up: whole processes of the built CLI (`node bin/booklet.js`, running dist/), as a
 * user runs them. What a command pays before it does its work is module loading, font
 * parsing and pdfmake's set-up; `node -e 0` is the floor no command goes below.
 *
 *   tsx bench/startup.ts [--runs 7] [--edition data/sample]
 *
 * Also run by `npm run bench` (bench/run.ts) unless --no-startup.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface StartupRow {
  readonly label: string;
  readonly args: readonly string[];
  /** Spawn to exit, as seen from here. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  /** CPU time (user + system, all its threads) of the process from its first module to its exit: less moved by a busy machine than wall time. */
  readonly medianCpuMs: number;
  readonly runsCpuMs: readonly number[];
}

/** Loaded before the command's own modules: writes the process's CPU time to fd 3 as it exits. */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1000)); });",
)}`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Each command `runs` times, the commands taking turns so that a slow moment of the
 * machine falls on all of them alike. A command that fails stops the measurement.
 */
export function measureStartup(editionDir: string, runs: number): StartupRow[] {
  const out = mkdtempSync(join(tmpdir(), 'booklet-startup-'));
  const edition = relative(ROOT, editionDir) || '.';
  const commands: { label: string; args: string[] }[] = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'booklet --version', args: ['bin/booklet.js', '--version'] },
    { label: 'booklet --help', args: ['bin/booklet.js', '--help'] },
    { label: `booklet check ${edition}`, args: ['bin/booklet.js', 'check', editionDir] },
    {
      label: `booklet build ${edition} --only booklet --no-cache`,
      args: ['bin/booklet.js', 'build', editionDir, '--out', out, '--only', 'booklet', '--no-cache', '--quiet'],
    },
  ];
  const times = commands.map(() => [] as number[]);
  const cpu = commands.map(() => [] as number[]);
  try {
    for (let run = 0; run < runs; run++) {
      commands.forEach((c, i) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, ['--import', CPU_PROBE, ...c.args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
        const ms = performance.now() - t;
        if (r.status !== 0) throw new Error(`${c.label}: exit ${r.status}\n${r.stderr}`);
        times[i]!.push(ms);
        cpu[i]!.push(Number(r.output[3]));
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return commands.map((c, i) => ({
    label: c.label,
    args: c.args,
    medianMs: median(times[i]!),
    runsMs: times[i]!,
    medianCpuMs: median(cpu[i]!),
    runsCpuMs: cpu[i]!,
  }));
}

export function startupTable(rows: readonly StartupRow[]): string {
  const width = Math.max(...rows.map((r) => r.label.length));
  const floor = rows[0]!.medianMs;
  const cpuFloor = rows[0]!.medianCpuMs;
  const cell = (v: number, w: number) => v.toFixed(0).padStart(w);
  return [
    `${'process'.padEnd(width)}  wall ms  above node -e 0  CPU ms  above node -e 0`,
    ...rows.map(
      (r, i) =>
        `${r.label.padEnd(width)}  ${cell(r.medianMs, 7)}  ${i === 0 ? ' '.repeat(15) : cell(r.medianMs - floor, 15)}  ${cell(r.medianCpuMs, 6)}  ${i === 0 ? '' : cell(r.medianCpuMs - cpuFloor, 15)}`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, edition: { type: 'string', default: 'data/sample' } } });
  const rows = measureStartup(resolve(values.edition), Number(values.runs));
  process.stdout.write(`${startupTable(rows)}\n(medians of ${values.runs} runs each, whole processes, dist/ as built; CPU = user + system of the process)\n`);
}
