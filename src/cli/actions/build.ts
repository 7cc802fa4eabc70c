import { join, resolve } from 'node:path';
import { DataError, UsageError } from '../../errors.js';
import { buildEdition, OUTPUT_KINDS, REPORT_FILE, type BuildResult, type OutputKind } from '../../pipeline.js';
import { loadResources } from '../../resources.js';
import { reportJson, reportText, typesetReportText } from '../report.js';
import { progressReporter } from '../progress.js';
import { folderCache } from '../../emit/typesetCache.js';
import { flag, parseImpose, stringOption, type Io, type Parsed } from '../command.js';
import { defaultOutputDir, projectOf, requireEditionDir } from './editionDir.js';
import { availableParallelism } from 'node:os';
import { runEach } from '../editionPool.js';
function parseOnly(value: string | undefined): OutputKind[] | undefined {
  if (value === undefined) return undefined;
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = only.filter((k) => !(OUTPUT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || only.length === 0) throw new UsageError(`--only takes ${OUTPUT_KINDS.join(', ')}; got "${value}"`);
  return only as OutputKind[];
}



/** `build --json`: what was written, for scripts and CI. */
function buildJson(r: BuildResult, editionDir: string, outDir: string, seconds: number): string {
  const written = new Set(r.written);
  const report = {
    ok: true,
    edition: editionDir,
    outDir,
    manifest: join(outDir, 'manifest.json'),
    tool: r.manifest.tool,
    ...(r.manifest.build && Object.keys(r.manifest.build).length > 0 ? { build: r.manifest.build } : {}),
    files: r.files.map((f) => {
      const entry = r.manifest.files.find((e) => e.path === f.path);
      return { path: f.path, pages: f.pages, bytes: f.bytes.byteLength, sha256: entry?.sha256, changed: written.has(f.path) };
    }),
    removed: r.removed,
    warnings: r.warnings,
    notes: r.notes,
    typeset: r.typeset,
    seconds: Math.round(seconds * 1000) / 1000,
    // Where the time went (ms per stage; npm run bench reads them).
    timings: Object.fromEntries(Object.entries(r.timings).map(([stage, ms]) => [stage, Math.round(ms * 10) / 10])),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Several editions (a prefecture's municipalities, or this year's and last year's): each
 * into its own default output folder, several at a time.
 */
async function buildEach(p: Parsed, io: Io): Promise<number> {
  if (stringOption(p, 'out') !== undefined) throw new UsageError('--out names one folder: with several editions each goes to <output>/<edition folder name>');
  if (stringOption(p, 'dept') !== undefined) throw new UsageError('--dept names a department of one edition: build that edition on its own');
  // Checked here once, not reported by every build.
  parseOnly(stringOption(p, 'only'));
  const impose = parseImpose(stringOption(p, 'impose'));
  const jobsText = stringOption(p, 'jobs');
  const jobs = jobsText === undefined ? availableParallelism() : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1; got "${jobsText}"`);
  const project = await projectOf(p, io);
  const outs = new Map<string, string>();
  for (const arg of p.positionals) {
    const dir = await requireEditionDir(arg, io);
    const out = resolve(io.cwd, defaultOutputDir(dir, io, project));
    const clash = outs.get(out);
    if (clash !== undefined) throw new UsageError(`${clash} and ${arg} would both be built into ${defaultOutputDir(dir, io, project)}: build them one at a time with --out`);
    outs.set(out, arg);
  }
  const json = flag(p, 'json');
  const shared = [
    ...(stringOption(p, 'only') !== undefined ? ['--only', stringOption(p, 'only')!] : []),
    ...(impose !== undefined ? ['--impose', impose] : []),
    ...(flag(p, 'report') ? ['--report'] : []),
    ...(flag(p, 'no-cache') ? ['--no-cache'] : []),
    ...(flag(p, 'quiet') ? ['--quiet'] : []),
    ...(json ? ['--json'] : []),
    // Each child finds the same config from the same folder; one named on the command line is passed on.
    ...(stringOption(p, 'config') !== undefined ? ['--config', resolve(io.cwd, stringOption(p, 'config')!)] : []),
  ];
  const started = performance.now();
  const run = await runEach(p.positionals.map((dir) => ['build', dir, ...shared]), jobs, io, { collect: json });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (json) {
    const editions = run.outputs.map((out) => {
      try {
        return JSON.parse(out) as unknown;
      } catch {
        return { ok: false };
      }
    });
    io.stdout.write(`${JSON.stringify({ ok: run.code === 0, editions, seconds: Number(seconds) }, null, 2)}\n`);
  } else if (!flag(p, 'quiet') || run.code !== 0) {
    io.stdout.write(`${p.positionals.length} editions in ${seconds} s, ${Math.min(jobs, p.positionals.length)} at a time${run.code === 0 ? '' : ' (not all built: see above)'}\n`);
  }
  return run.code;
}

/** `booklet build`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  if (p.positionals.length > 1) return buildEach(p, io);
  const json = flag(p, 'json');
  const quiet = flag(p, 'quiet') || json;
  const editionDir = await requireEditionDir(p.positionals[0]!, io);
  const only = parseOnly(stringOption(p, 'only'));
  const dept = stringOption(p, 'dept');
  const impose = parseImpose(stringOption(p, 'impose'));
  const project = await projectOf(p, io);
  const outDir = stringOption(p, 'out') ?? defaultOutputDir(editionDir, io, project);
  const started = performance.now();
  const progress = progressReporter(io, outDir, join, quiet);
  let result: BuildResult;
  try {
    const resources = await loadResources(project);
    if (resources.warnings.length > 0 && !json) io.stderr.write(reportText(resources.warnings, io.cwd));
    result = await buildEdition(
      {
        editionDir,
        outDir: resolve(io.cwd, outDir),
        ...(only ? { only } : {}),
        ...(dept !== undefined ? { dept } : {}),
        ...(impose ? { impose } : {}),
        ...(flag(p, 'no-cache') ? {} : { cache: folderCache(join(resolve(io.cwd, outDir), '.cache')) }),
        ...(flag(p, 'report') ? { report: true } : {}),
        onPlan: progress.onPlan,
        onOutput: progress.onOutput,
      },
      resources,
    );
  } catch (err) {
    // --json: the diagnostics as JSON on stdout too, so a tool reading it learns why.
    if (json && err instanceof DataError) {
      io.stdout.write(reportJson(err.diagnostics, false));
      return 1;
    }
    throw err;
  }
  progress.finish();
  const seconds = (performance.now() - started) / 1000;
  if (json) {
    io.stdout.write(buildJson(result, editionDir, outDir, seconds));
    return 0;
  }
  if (result.warnings.length > 0) io.stderr.write(reportText(result.warnings, io.cwd));
  if (quiet) return 0;
  for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
  for (const path of result.removed) io.stdout.write(`${join(outDir, path)}: removed (made by an earlier build, no longer part of this one)\n`);
  if (flag(p, 'report')) {
    const path = join(outDir, REPORT_FILE);
    io.stdout.write(typesetReportText(result.reports));
    io.stdout.write(`${path}\n`);
  }
  const reused = result.typeset.cached > 0 ? ` (${result.typeset.cached} of ${result.typeset.cached + result.typeset.fresh} documents unchanged, from the cache)` : '';
  io.stdout.write(`${join(outDir, 'manifest.json')}\nbuilt ${result.files.length} file(s) in ${seconds.toFixed(2)} s${reused}\n`);
  return 0;
}
