import { COMMANDS } from './commands/index.js';
import { commandHelp, CommandUsageError, parseCommandArgs, type Command, type Io } from './command.js';
import { reportText } from './report.js';
import { BookletError, DataError, describeFault, EXIT, systemError, UsageError } from '../errors.js';
import { closest } from '../load/didYouMean.js';
import { safeIo } from './safeIo.js';
import { toolVersion } from '../projectRoot.js';

export type { Io } from './command.js';

export function usage(): string {
  const lines = ['Usage: booklet <command> [options]', '', 'Commands:'];
  const heads = COMMANDS.map((c) => `${c.name} ${c.args}`);
  // The widest command line sets the column, so a summary never runs into its arguments.
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  COMMANDS.forEach((c, i) => lines.push(`  ${heads[i]!.padEnd(width)}${c.summary}`));
  lines.push(
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}show this help (booklet <command> --help: that command's options)`,
    `  ${'-v, --version'.padEnd(width)}show the version`,
    '',
    'A project\'s booklet.config.yaml (booklet init makes one) is found in the working folder or',
    'above it, or named with --config; without one the built-in theme, templates and fonts apply.',
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
  let cmd: Command | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === undefined) throw new UsageError('no command given');
    if (first === '-h' || first === '--help' || first === 'help') {
      const about = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
      io.stdout.write(about ? commandHelp(about) : usage());
      return EXIT.ok;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`plan-booklet ${toolVersion()}\n`);
      return EXIT.ok;
    }
    cmd = COMMANDS.find((c) => c.name === first);
    if (!cmd) {
      const near = first.startsWith('-') ? undefined : closest(first, COMMANDS.map((c) => c.name));
      throw new UsageError(`${first.startsWith('-') ? 'unknown option' : 'unknown command'} "${first}"${near ? `; did you mean "${near}"?` : ''}`);
    }
    const endOfOptions = rest.indexOf('--');
    const options = endOfOptions === -1 ? rest : rest.slice(0, endOfOptions);
    if (options.includes('-h') || options.includes('--help')) {
      io.stdout.write(commandHelp(cmd));
      return EXIT.ok;
    }
    return await cmd.run(parseCommandArgs(cmd, rest), io);
  } catch (err) {
    return reportError(err, io, cmd);
  }
}

function reportError(err: unknown, io: Io, cmd: Command | undefined): number {
  if (err instanceof DataError) {
    io.stderr.write(reportText(err.diagnostics, io.cwd, err.sources));
    if (!cmd?.readOnly) io.stderr.write('nothing was written\n');
    return EXIT.data;
  }
  if (err instanceof UsageError) {
    // One line and where to read more: the whole help would push the message off the screen.
    const about = err instanceof CommandUsageError ? err.command : cmd?.name;
    io.stderr.write(`booklet: ${err.message}\nsee booklet ${about ? `${about} ` : ''}--help\n`);
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
