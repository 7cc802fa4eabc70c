import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../helpers/fixtures.js';

export interface Ended {
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  /** True when it had to be killed after the time limit: a hang. */
  readonly hung: boolean;
}

export interface Started {
  readonly child: ChildProcess;
  readonly ended: Promise<Ended>;
  /** Resolves when stdout has printed something matching. */
  waitFor(pattern: RegExp, ms?: number): Promise<boolean>;
}

const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups', '--'];

/**
 * `booklet …` from the sources in a process of its own (so signals, exit codes and hangs
 * are real), killed after `timeoutMs`. `asNobody` runs it as an unprivileged user
 * (root ignores file permissions).
 */
export function startBooklet(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; asNobody?: boolean; timeoutMs?: number; cwd?: string } = {}): Started {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/run.ts'), ...args];
  const [cmd, ...rest] = opts.asNobody ? ['setpriv', ...NOBODY, ...node] : node;
  const child = spawn(cmd!, rest, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (ok: boolean) => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) if (w.pattern.test(out)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(true));
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 30_000);
  const ended = new Promise<Ended>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const w of waiters) w.resolve(false);
      resolve({ code, signal, out, err, hung });
    }),
  );
  return {
    child,
    ended,
    waitFor: (pattern, ms = 30_000) =>
      pattern.test(out)
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const t = setTimeout(() => resolve(false), ms);
            waiters.push({ pattern, resolve: (ok) => (clearTimeout(t), resolve(ok)) });
          }),
  };
}

export const runBooklet = (args: readonly string[], opts: Parameters<typeof startBooklet>[1] = {}) => startBooklet(args, opts).ended;

/** Why a command cannot be used here, or undefined when it can. */
export function unavailable(cmd: string, args: readonly string[]): string | undefined {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return undefined;
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
    return `${cmd} ${args.join(' ')}: ${stderr || (err as Error).message}`;
  }
}

/**
 * Why the tests cannot run booklet as an unprivileged user here, or undefined. Root (as
 * on CI) ignores permissions, so read-only folders are only real for another user.
 */
export function whyNotAsNobody(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root, so setpriv cannot switch to the user nobody';
  return unavailable('setpriv', [...NOBODY, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'node_modules/tsx/package.json'))})`]);
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /\n\s+at .+:\d+:\d+/;
