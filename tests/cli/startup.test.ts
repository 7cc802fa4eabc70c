/**
 * Start-up: `booklet --help`, `--version` and a usage error load the command table and
 * nothing of what the commands do (no YAML, schema, templates or PDF engine); each command
 * loads its own modules when it runs.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { staticImports } from '../helpers/staticImports.js';

describe('what the CLI loads before a command runs', () => {
  const { files, packages } = staticImports(join(ROOT, 'src/cli/run.ts'));
  const shown = [...files].map((f) => relative(ROOT, f));

  it('no package but Node’s own', () => {
    expect([...packages.keys()].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });

  it('every command’s description, none of its actions', () => {
    expect(shown).toContain('src/cli/commands/build.ts');
    expect(shown).toContain('src/cli/commands/import.ts');
    expect(shown.filter((f) => /^src\/(cli\/actions|pipeline|resources|engine|load\/schema|config|render|typeset|archive|html|workbook)\b/.test(f))).toEqual([]);
  });

  it('--version reads the version from package.json', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`plan-booklet ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('a command loads its actions when it runs', async () => {
    const r = await cli(['check', 'data/sample']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/data\/sample: ok/);
  });
});
