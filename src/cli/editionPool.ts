import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EXIT } from '../errors.js';
import { PROJECT_ROOT } from '../resources.js';
import type { Io } from './command.js';

const BIN = join(PROJECT_ROOT, 'bin', 'booklet.js');

interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Exit codes by severity: an internal error outranks a usage error, which outranks bad data. */
const worst = (codes: readonly number[]): number =>
  codes.includes(EXIT.internal) ? EXIT.internal : codes.includes(EXIT.usage) ? EXIT.usage : codes.includes(EXIT.data) ? EXIT.data : EXIT.ok;

/**
 * Runs `booklet <args>` once per entry, each in a process of its own, at most `jobs` at a
 * time. One build already keeps about 1.4 cores busy, so within an edition a second
 * thread gains nothing on two cores, but separate editions do (data/2020 + data/sample:
 * 3.3 s one after the other, 2.6 s side by side). Each build is the same command a user
 * would type, so its files are byte for byte those of a build on its own. Reports are
 * printed whole, in the order given, however the builds interleave (with `collect`, the
 * standard outputs are returned instead). Returns the worst exit code.
 */
export async function runEach(
  argLists: readonly (readonly string[])[],
  jobs: number,
  io: Io,
  options: { readonly collect?: boolean } = {},
): Promise<{ code: number; outputs: string[] }> {
  const results: (Finished | undefined)[] = argLists.map(() => undefined);
  const live = new Set<ChildProcess>();
  // An interrupted parent takes its builds with it (each removes its own temporaries).
  const stopAll = () => {
    for (const child of live) child.kill('SIGTERM');
  };
  process.once('exit', stopAll);
  let printed = 0;
  const flush = () => {
    while (printed < results.length && results[printed]) {
      const r = results[printed]!;
      // Collected (each child's JSON, for the caller to put together): not printed.
      if (!options.collect) io.stdout.write(r.stdout);
      io.stderr.write(r.stderr);
      printed++;
    }
  };
  const runOne = (args: readonly string[]) =>
    new Promise<Finished>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: io.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      live.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (err) => {
        live.delete(child);
        resolve({ code: EXIT.internal, stdout, stderr: `${stderr}booklet: could not start a build: ${err.message}\n` });
      });
      child.on('close', (code, signal) => {
        live.delete(child);
        resolve({ code: code ?? EXIT.internal, stdout, stderr: signal ? `${stderr}booklet: the build stopped on ${signal}\n` : stderr });
      });
    });
  let next = 0;
  const worker = async () => {
    while (next < argLists.length) {
      const i = next++;
      results[i] = await runOne(argLists[i]!);
      flush();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, argLists.length)) }, worker));
  } finally {
    process.removeListener('exit', stopAll);
  }
  return { code: worst(results.map((r) => r?.code ?? EXIT.internal)), outputs: results.map((r) => r?.stdout ?? '') };
}
