import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { buildEdition, OUTPUT_KINDS, REPORT_FILE, type OutputKind } from '../../pipeline.js';
import { loadResources } from '../../resources.js';
import { reportText, typesetReportText } from '../report.js';
import { progressReporter } from '../progress.js';
import { folderCache } from '../../emit/typesetCache.js';
import { stringOption, type Command } from '../command.js';
import { defaultOutputDir, requireEditionDir } from './editionDir.js';
import { availableParallelism } from 'node:os';
import { runEach } from '../editionPool.js';
import type { Io, Parsed } from '../command.js';

function parseOnly(value: string | undefined): OutputKind[] | undefined {
  if (value === undefined) return undefined;
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = only.filter((k) => !(OUTPUT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || only.length === 0) throw new UsageError(`--only takes ${OUTPUT_KINDS.join(', ')}; got "${value}"`);
  return only as OutputKind[];
}

function parseImpose(value: string | undefined): 'saddle' | undefined {
  if (value !== undefined && value !== 'saddle') throw new UsageError(`--impose takes saddle; got "${value}"`);
  return value;
}

export const build: Command = {
  name: 'build',
  args: '<edition-dir>...',
  summary: 'typeset editions into PDFs and a manifest each',
  optionHelp: [
    '--out DIR       output folder (default: output/<edition folder name>)',
    `--only LIST     comma-separated: ${OUTPUT_KINDS.join(',')} (default: all)`,
    "--dept ID       only this department's insert",
    '--no-cache      typeset everything again (default: reuse unchanged PDFs from <out>/.cache)',
    '--report        also write typesetting-report.json: lines, short last lines, squeeze, spread, rule violations',
    '--impose saddle also write booklet-imposed.pdf: printer\'s spreads for saddle stitching',
    '--jobs N        with several editions: how many build at once (default: one per CPU)',
  ],
  options: {
    out: { type: 'string' },
    only: { type: 'string' },
    dept: { type: 'string' },
    impose: { type: 'string' },
    report: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    jobs: { type: 'string' },
  },
  positionals: 1,
  variadic: true,
  async run(p, io) {
    if (p.positionals.length > 1) return buildEach(p, io);
    const editionDir = await requireEditionDir(p.positionals[0]!, io);
    const only = parseOnly(stringOption(p, 'only'));
    const dept = stringOption(p, 'dept');
    const impose = parseImpose(stringOption(p, 'impose'));
    const outDir = stringOption(p, 'out') ?? defaultOutputDir(editionDir, io);
    const started = performance.now();
    const progress = progressReporter(io, outDir, join);
    const result = await buildEdition(
      {
        editionDir,
        outDir: resolve(io.cwd, outDir),
        ...(only ? { only } : {}),
        ...(dept !== undefined ? { dept } : {}),
        ...(impose ? { impose } : {}),
        ...(p.values['no-cache'] === true ? {} : { cache: folderCache(join(resolve(io.cwd, outDir), '.cache')) }),
        ...(p.values['report'] === true ? { report: true } : {}),
        onPlan: progress.onPlan,
        onOutput: progress.onOutput,
      },
      await loadResources(),
    );
    progress.finish();
    if (result.warnings.length > 0) io.stderr.write(reportText(result.warnings, io.cwd));
    for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
    if (p.values['report'] === true) {
      const path = join(outDir, REPORT_FILE);
      io.stdout.write(typesetReportText(result.reports));
      io.stdout.write(`${path}\n`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const reused = result.typeset.cached > 0 ? ` (${result.typeset.cached} of ${result.typeset.cached + result.typeset.fresh} documents unchanged, from the cache)` : '';
    io.stdout.write(`${join(outDir, 'manifest.json')}\nbuilt ${result.files.length} file(s) in ${seconds} s${reused}\n`);
    return 0;
  },
};

/**
 * Several editions (a prefecture's municipalities, or this year's and last year's): each
 * into its own default output folder, several at a time.
 */
async function buildEach(p: Parsed, io: Io): Promise<number> {
  if (stringOption(p, 'out') !== undefined) throw new UsageError('--out names one folder: with several editions each goes to output/<edition folder name>');
  if (stringOption(p, 'dept') !== undefined) throw new UsageError('--dept names a department of one edition: build that edition on its own');
  // Checked here once, not reported by every build.
  parseOnly(stringOption(p, 'only'));
  const impose = parseImpose(stringOption(p, 'impose'));
  const jobsText = stringOption(p, 'jobs');
  const jobs = jobsText === undefined ? availableParallelism() : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1; got "${jobsText}"`);
  const outs = new Map<string, string>();
  for (const arg of p.positionals) {
    const dir = await requireEditionDir(arg, io);
    const out = resolve(io.cwd, defaultOutputDir(dir, io));
    const clash = outs.get(out);
    if (clash !== undefined) throw new UsageError(`${clash} and ${arg} would both be built into ${defaultOutputDir(dir, io)}: build them one at a time with --out`);
    outs.set(out, arg);
  }
  const shared = [
    ...(stringOption(p, 'only') !== undefined ? ['--only', stringOption(p, 'only')!] : []),
    ...(impose !== undefined ? ['--impose', impose] : []),
    ...(p.values['report'] === true ? ['--report'] : []),
    ...(p.values['no-cache'] === true ? ['--no-cache'] : []),
  ];
  const started = performance.now();
  const code = await runEach(p.positionals.map((dir) => ['build', dir, ...shared]), jobs, io);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.stdout.write(`${p.positionals.length} editions in ${seconds} s, ${Math.min(jobs, p.positionals.length)} at a time${code === 0 ? '' : ' (not all built: see above)'}\n`);
  return code;
}
