import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { closest } from '../load/didYouMean.js';

export interface Io {
  /**
   * `isTTY` true: a terminal, so progress can redraw one line (with `redraw`: the line
   * replaces the one shown); `columns`: the terminal's width, which that line never passes.
   */
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean; readonly columns?: number; redraw?(line: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** One CLI command: its own options, usage text and runner. Runners return the exit code. */
export interface Command {
  readonly name: string;
  /** `<edition-dir>` etc., shown in the usage line. */
  readonly args: string;
  readonly summary: string;
  /** Lines describing the options, indented in the help text. */
  readonly optionHelp: readonly string[];
  readonly options: Options;
  /** How many positionals it takes (at least this many when `variadic`; at most `maxPositionals`). */
  readonly positionals: number;
  readonly maxPositionals?: number;
  readonly variadic?: boolean;
  /** An example of a whole command line, for the help and for a missing argument. */
  readonly example?: string;
  /** It never writes (check, verify): its data errors do not end with "nothing was written". */
  readonly readOnly?: boolean;
  run(parsed: Parsed, io: Io): Promise<number>;
}

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** A usage error inside a command: main adds "see booklet <command> --help". */
export class CommandUsageError extends UsageError {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}

/** Options every command that reads a project takes. */
export const CONFIG_OPTION = { config: { type: 'string' } } as const;
export const CONFIG_HELP = '--config FILE   the project\'s booklet.config.yaml (default: found in this folder or above)';
export const QUIET_OPTION = { quiet: { type: 'boolean', short: 'q' } } as const;
export const QUIET_HELP = '-q, --quiet     print only problems';

export function parseCommandArgs(cmd: Command, argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: cmd.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CommandUsageError(cmd.name, optionMessage(cmd, (err as Error).message));
  }
  const n = parsed.positionals.length;
  const max = cmd.maxPositionals ?? cmd.positionals;
  if (n < cmd.positionals || (!cmd.variadic && n > max)) {
    const what = n < cmd.positionals ? `needs ${cmd.args}` : `takes ${cmd.args || 'no argument'}, not ${parsed.positionals.slice(max).map((a) => `"${a}"`).join(' ')}`;
    throw new CommandUsageError(cmd.name, `${cmd.name} ${what}${cmd.example ? `, e.g. ${cmd.example}` : ''}`);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

/** parseArgs's message, in one line, with the option the user probably meant. */
function optionMessage(cmd: Command, message: string): string {
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message);
  if (unknown) {
    const given = unknown[1]!;
    const names = Object.entries(cmd.options).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]);
    const near = given.startsWith('--') ? closest(given, names.filter((x) => x.startsWith('--'))) : undefined;
    return `${cmd.name}: unknown option '${given}'${near ? `; did you mean ${near}?` : ''}`;
  }
  const missing = /^Option '(-[^']+)' argument missing/.exec(message);
  if (missing) return `${cmd.name}: ${missing[1]!.replace(/^-\w, /, '').replace(/ <value>$/, '')} needs a value`;
  return `${cmd.name}: ${message.replace(/\. To specify a positional.*$/s, '').split('\n')[0]}`;
}

export function stringOption(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

export const flag = (p: Parsed, key: string): boolean => p.values[key] === true;

/** `--impose` (build and watch): the one imposition there is. */
export function parseImpose(value: string | undefined): 'saddle' | undefined {
  if (value !== undefined && value !== 'saddle') throw new UsageError(`--impose takes saddle; got "${value}"`);
  return value;
}

/** `booklet <command> --help`: the command's usage, options and an example. */
export function commandHelp(cmd: Command): string {
  return [
    `Usage: booklet ${cmd.name} ${cmd.args}`.trimEnd() + ' [options]',
    '',
    cmd.summary,
    '',
    'Options:',
    ...cmd.optionHelp.map((o) => `  ${o}`),
    '  -h, --help      show this help',
    '',
    ...(cmd.example ? [`Example: ${cmd.example}`, ''] : []),
  ].join('\n');
}
