import { main } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in-process, as `booklet ...` from the project root. */
export async function cli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd });
  return { code, out, err };
}
