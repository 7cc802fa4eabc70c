import { join, resolve } from 'node:path';
import { loadResources } from '../../resources.js';
import { refuseOutputOverData } from '../../emit/guards.js';
import { watchEdition, type WatchEvent } from '../../watch.js';
import { BookletError, DataError, describeFault, EXIT, systemError } from '../../errors.js';
import { reportText } from '../report.js';
import { endGracefulStop, stopGracefully } from '../signals.js';
import { parseImpose, stringOption, type Io, type Parsed } from '../command.js';
import { defaultOutputDir, projectOf, requireEditionDir } from './editionDir.js';
function print(io: Io, outDir: string, e: WatchEvent): void {
  if (e.kind === 'failed') {
    const sys = systemError(e.error);
    if (e.error instanceof DataError) io.stderr.write(reportText(e.error.diagnostics, io.cwd, e.error.sources));
    else if (e.error instanceof BookletError) io.stderr.write(`booklet: ${e.error.message}\n`);
    else if (sys) io.stderr.write(`booklet: ${describeFault(sys)}\n`);
    else io.stderr.write(`booklet: internal error (a bug: please report it): ${(e.error as Error)?.stack ?? String(e.error)}\n`);
    io.stderr.write('the last good PDFs are unchanged\n');
    return;
  }
  for (const note of e.result.notes) io.stderr.write(`note: ${note}\n`);
  // As build says it: a file of an earlier build (booklet-imposed.pdf without --impose) is gone.
  for (const path of e.result.removed) io.stdout.write(`${join(outDir, path)}: removed (made by an earlier build, no longer part of this one)\n`);
  const what = e.changed.length > 0 ? e.changed.join(', ') : 'first build';
  const files = e.scope === 'insert' ? e.result.files.map((f) => f.path).join(', ') : `${e.result.files.length} files`;
  io.stdout.write(`${what} → ${files} in ${(e.ms / 1000).toFixed(2)} s\n`);
}

/** `booklet watch`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const editionDir = await requireEditionDir(p.positionals[0]!, io);
  const impose = parseImpose(stringOption(p, 'impose'));
  // The project is read once: a change to its theme or templates takes a new watch.
  const project = await projectOf(p, io);
  const outDir = stringOption(p, 'out') ?? defaultOutputDir(editionDir, io, project);
  // Checked once here: every build would refuse it, and each write would be a change to watch.
  await refuseOutputOverData(resolve(io.cwd, outDir), editionDir);
  const resources = await loadResources(project);
  // Ctrl-C (or SIGTERM) ends watching through its own shutdown: the build under way
  // finishes, the watchers close, and the command returns.
  const signal = stopGracefully();
  try {
    io.stdout.write(`watching ${editionDir} → ${outDir} (Ctrl-C to stop)\n`);
    const end = await watchEdition(
      { editionDir, outDir: resolve(io.cwd, outDir), signal, onEvent: (e) => print(io, outDir, e), ...(impose ? { impose } : {}) },
      resources,
    );
    if (end.reason === 'stopped') {
      io.stdout.write(`stopped watching ${editionDir}\n`);
      return EXIT.ok;
    }
    io.stderr.write(`booklet: ${end.message}\n`);
    return EXIT.data;
  } finally {
    endGracefulStop();
  }
}
