import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

export interface Io {
  /** `isTTY` true: a terminal, so progress can redraw one line (with `redraw`: the line replaces the one shown). */
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean; redraw?(line: string): unknown };
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
  /** How many positionals it takes (at least this many when `variadic`). */
  readonly positionals: number;
  readonly variadic?: boolean;
  run(parsed: Parsed, io: Io): Promise<number>;
}

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export function parseCommandArgs(cmd: Command, argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: cmd.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${cmd.name}: ${(err as Error).message.replace(/\. To specify a positional.*$/s, '.')}`);
  }
  const n = parsed.positionals.length;
  if (cmd.variadic ? n < cmd.positionals : n !== cmd.positionals) {
    throw new UsageError(`"${cmd.name}" takes ${cmd.args}, e.g. booklet ${cmd.name} ${cmd.args.replace(/<edition-dir>(\.\.\.)?/, 'data/2020').replace('<output-dir>', 'output/2020')}`);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

export function stringOption(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}
