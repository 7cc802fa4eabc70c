import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { OUTPUT_KINDS, type OutputKind } from '../pipeline.js';

export const USAGE = `Usage: booklet <command> [options]

Commands:
  build <edition-dir>   typeset the edition into PDFs and a manifest
      --out DIR             output folder (default: output/<edition folder name>)
      --only LIST           comma-separated: booklet,inserts,digest (default: all)
      --dept ID             only this department's insert
  check <edition-dir>   validate the data and report every problem
      --json                diagnostics as JSON
      --strict              warnings fail too

Options:
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 success, 1 data errors (nothing written), 2 usage errors, 3 internal error.
`;

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'version' }
  | { readonly name: 'build'; readonly editionDir: string; readonly out?: string; readonly only?: OutputKind[]; readonly dept?: string }
  | { readonly name: 'check'; readonly editionDir: string; readonly json: boolean; readonly strict: boolean };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  out: { type: 'string' },
  only: { type: 'string' },
  dept: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
} as const;

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  build: ['out', 'only', 'dept'],
  check: ['json', 'strict'],
};

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  if (values.version) return { name: 'version' };
  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('no command given');
  if (!(name in ALLOWED)) throw new UsageError(`unknown command "${name}"`);
  for (const key of Object.keys(values)) {
    if (!ALLOWED[name]!.includes(key)) throw new UsageError(`--${key} does not apply to "${name}"`);
  }
  if (rest.length !== 1) throw new UsageError(`"${name}" takes one edition folder, e.g. booklet ${name} data/2020`);
  const editionDir = rest[0]!;
  if (name === 'check') return { name, editionDir, json: values.json ?? false, strict: values.strict ?? false };
  let only: OutputKind[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(',').map((s) => s.trim()).filter(Boolean) as OutputKind[];
    const bad = only.filter((k) => !OUTPUT_KINDS.includes(k));
    if (bad.length > 0 || only.length === 0) {
      throw new UsageError(`--only takes ${OUTPUT_KINDS.join(', ')}; got "${values.only}"`);
    }
  }
  return {
    name: 'build',
    editionDir,
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(only ? { only } : {}),
    ...(values.dept !== undefined ? { dept: values.dept } : {}),
  };
}
