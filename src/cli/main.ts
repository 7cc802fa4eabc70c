import { basename, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseCommand, USAGE } from './args.js';
import { reportJson, reportText } from './report.js';
import { BookletError, DataError, EXIT, UsageError } from '../errors.js';
import { buildEdition } from '../pipeline.js';
import { loadEdition } from '../load/index.js';
import { loadResources } from '../resources.js';

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
}

/** Runs one CLI command; returns the exit code. Never throws for a user's mistake. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    if (cmd.name === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    const resources = await loadResources();
    if (cmd.name === 'version') {
      io.stdout.write(`plan-booklet ${resources.toolVersion}\n`);
      return EXIT.ok;
    }
    const editionDir = cmd.editionDir.replace(/\/+$/, '') || '/';
    if (!(await isDirectory(resolve(io.cwd, editionDir)))) {
      throw new UsageError(`${cmd.editionDir}: no such edition folder (it must hold edition.yaml and departments/)`);
    }
    if (cmd.name === 'check') {
      const result = await loadEdition(editionDir);
      const diagnostics = result.ok ? result.warnings : result.diagnostics;
      const failed = !result.ok || (cmd.strict && diagnostics.length > 0);
      if (cmd.json) io.stdout.write(reportJson(diagnostics, !failed));
      else if (diagnostics.length > 0) io.stderr.write(reportText(diagnostics, io.cwd));
      if (!cmd.json && !failed) io.stdout.write(`${editionDir}: ok\n`);
      return failed ? EXIT.data : EXIT.ok;
    }
    const outDir = cmd.out ?? join('output', basename(resolve(io.cwd, editionDir)));
    const started = performance.now();
    const result = await buildEdition(
      {
        editionDir,
        outDir: resolve(io.cwd, outDir),
        ...(cmd.only ? { only: cmd.only } : {}),
        ...(cmd.dept !== undefined ? { dept: cmd.dept } : {}),
        onOutput: (e) =>
          io.stdout.write(`${join(outDir, e.path).padEnd(40)} ${String(e.pages).padStart(3)} pages ${kb(e.bytes).padStart(8)} ${(e.ms / 1000).toFixed(2)} s\n`),
      },
      resources,
    );
    if (result.warnings.length > 0) io.stderr.write(reportText(result.warnings, io.cwd));
    io.stdout.write(`${join(outDir, 'manifest.json')}\nbuilt ${result.files.length} file(s) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    return EXIT.ok;
  } catch (err) {
    return reportError(err, io);
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof DataError) {
    io.stderr.write(reportText(err.diagnostics, io.cwd));
    io.stderr.write('nothing was written\n');
    return EXIT.data;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`booklet: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (err instanceof BookletError) {
    io.stderr.write(`booklet: ${err.message}\n`);
    return EXIT.data;
  }
  // Our bug, not the user's: the stack is what a maintainer needs.
  io.stderr.write(`booklet: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.internal;
}
