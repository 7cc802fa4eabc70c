import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../helpers/fixtures.js';

export interface RunResult {
  /** The exit code, or 'timeout' when the command did not finish in time, or 'crashed' when the process died. */
  readonly code: number | 'timeout' | 'crashed';
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

const WORKER = fileURLToPath(new URL('./cliWorker.ts', import.meta.url));

/**
 * Runs `booklet …` in a warm child process with a hard time limit: on timeout the child
 * is killed (and a fresh one started for the next command), so a hang fails one test
 * instead of freezing the suite.
 */
export class CliRunner {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;

  private start(): Promise<void> {
    const child = fork(WORKER, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    // Node's own warnings (process.emitWarning) land here; keep them for the result.
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => (this.stderrNoise += s));
    this.child = child;
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`CLI worker exited before it was ready (code ${code})`)));
    });
  }

  /** Whatever the worker process printed to its own stderr outside the CLI's io (e.g. Node warnings). */
  stderrNoise = '';

  async run(args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
    if (!this.child) this.ready = this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<RunResult>((resolve) => {
      const done = (r: RunResult) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(r);
      };
      const onMessage = (m: { id?: number; code: number; out: string; err: string; ms: number }) => {
        if (m.id === id) done({ code: m.code, out: m.out, err: m.err, ms: m.ms });
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = undefined;
        done({ code: 'crashed', out: '', err: `worker died: code ${code}, signal ${signal}\n${this.stderrNoise}`, ms: performance.now() - started });
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        this.child = undefined;
        done({ code: 'timeout', out: '', err: `no answer within ${timeoutMs} ms: booklet ${args.join(' ')}`, ms: performance.now() - started });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, args });
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/** A stack trace line as Node prints it: `    at fn (file:line:col)`. */
export const STACK_LINE = /\n\s+at .+:\d+:\d+/;

/**
 * Every file under `dir` with its bytes (base64) and mtime: equal snapshots mean nothing
 * was written, not even the same bytes again. Temporary files (names starting with `.`)
 * are included, so a leftover one shows up as a difference.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full, `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = `${(await stat(full)).mtimeMs} ${(await readFile(full)).toString('base64')}`;
    }
  };
  await walk(dir, '');
  return out;
}

/** The head line of a diagnostic: `path:line:col: error: ` (line and column are ≥ 1). */
export const DIAGNOSTIC_HEAD = /^(\S.*?):(\d+):(\d+): error: \S/m;
