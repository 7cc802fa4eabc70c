import { COMMANDS } from './commands/index.js';
import { parseCommandArgs, type Io } from './command.js';
import { reportText } from './report.js';
import { BookletError, DataError, describeFault, EXIT, systemError, UsageError } from '../errors.js';
import { safeIo } from './safeIo.js';
import { loadResources } from '../resources.js';

export type { Io } from './command.js';

export function usage(): string {
  const lines = ['Usage: booklet <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) {
    lines.push(`  ${`${c.name} ${c.args}`.padEnd(26)}${c.summary}`);
    for (const o of c.optionHelp) lines.push(`      ${o}`);
  }
  lines.push(
    '',
    'Options:',
    '  -h, --help                show this help',
    '  -v, --version             show the version',
    '',
    'Exit codes: 0 success; 1 data errors (nothing written), a failed verification, or a fault of the',
    'machine (a full disk, a folder without permission: the message names it); 2 usage errors;',
    '3 internal error (a bug).',
    '',
  );
  return lines.join('\n');
}

/**
 * Runs one CLI command; returns the exit code. Never throws, never prints a stack for a
 * user's mistake or a fault of the machine, never prints a control character it did not mean.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const io = safeIo(rawIo);
  try {
    const [first, ...rest] = argv;
    if (first === undefined) throw new UsageError('no command given');
    if (first === '-h' || first === '--help' || first === 'help') {
      io.stdout.write(usage());
      return EXIT.ok;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`plan-booklet ${(await loadResources()).toolVersion}\n`);
      return EXIT.ok;
    }
    const cmd = COMMANDS.find((c) => c.name === first);
    if (!cmd) throw new UsageError(`unknown command "${first}"`);
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout.write(usage());
      return EXIT.ok;
    }
    return await cmd.run(parseCommandArgs(cmd, rest), io);
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof DataError) {
    io.stderr.write(reportText(err.diagnostics, io.cwd, err.sources));
    io.stderr.write('nothing was written\n');
    return EXIT.data;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`booklet: ${err.message}\n\n${usage()}`);
    return EXIT.usage;
  }
  if (err instanceof BookletError) {
    io.stderr.write(`booklet: ${err.message}\n`);
    return EXIT.data;
  }
  // A full disk, a read-only folder, a FIFO where a file should be: the machine, not a bug.
  const sys = systemError(err);
  if (sys) {
    io.stderr.write(`booklet: ${describeFault(sys)}\n`);
    return EXIT.data;
  }
  // Our bug, not the user's: the stack is what a maintainer needs.
  io.stderr.write(`booklet: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return EXIT.internal;
}
