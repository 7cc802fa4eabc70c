/**
 * Start-up: `booklet --help`, `--version` and a usage error load the command table and
 * nothing of what the commands do (no YAML, schema, templates or PDF engine); each command
 * loads its own modules when it runs.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { staticImports } from '../helpers/staticImports.js';

/**
 * A module of an action's code. engine/fonts.ts is the font files' names only: build and
 * check start reading the fonts while their actions load (src/fontPrefetch.ts).
 */
const heavy = (f: string) =>
  f !== 'src/engine/fonts.ts' && /^src\/(cli\/actions|pipeline|resources|engine|load\/schema|config|render|typeset|archive|html|workbook)\b/.test(f);

describe('what the CLI loads before a command runs', () => {
  const { files, packages } = staticImports(join(ROOT, 'src/cli/run.ts'));
  const shown = [...files].map((f) => relative(ROOT, f));

  it('no package but Node’s own', () => {
    expect([...packages.keys()].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });

  it('every command’s description, none of its actions', () => {
    expect(shown).toContain('src/cli/commands/build.ts');
    expect(shown).toContain('src/cli/commands/import.ts');
    expect(shown.filter(heavy)).toEqual([]);
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

/** esbuild's account of a build (--metafile): each output's inputs and imports, paths relative to the project. */
interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
}

describe('the command as built (a bundle made afresh, not dist/)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--out', join(dir, 'dist'), '--metafile', join(dir, 'meta.json')], { cwd: ROOT, encoding: 'utf8' });
  const meta = built.status === 0 ? (JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Metafile) : undefined;

  it('builds', () => {
    expect(built.status, built.stderr).toBe(0);
  });

  it('--version and --help load the entry module and chunks that hold no package, every action a chunk loaded later', () => {
    const outputs = meta!.outputs;
    const entry = Object.keys(outputs).find((o) => o.endsWith('/booklet.js'))!;
    const loaded = new Set<string>();
    const visit = (o: string): void => {
      if (loaded.has(o)) return;
      loaded.add(o);
      for (const i of outputs[o]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(entry);
    const inputs = [...loaded].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(inputs).toContain('src/cli/commands/build.ts');
    expect(inputs.filter((f) => f.includes('node_modules/'))).toEqual([]);
    expect(inputs.filter(heavy)).toEqual([]);
    expect(outputs[entry]!.imports.filter((i) => i.kind === 'dynamic-import').length).toBeGreaterThanOrEqual(9);
  });

  it('requires from node_modules only what it leaves out on purpose: the package’s dependencies', () => {
    const required = new Set(Object.values(meta!.outputs).flatMap((o) => o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path)));
    expect([...required]).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const code = JSON.parse(readFileSync(join(dir, 'dist/code.json'), 'utf8')) as { requires: string[]; bundled: Record<string, string> };
    expect([...code.requires].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    expect(Object.keys(code.bundled)).toEqual(expect.arrayContaining(['yaml', 'zod', 'handlebars', 'pdf-lib', 'exceljs']));
  });

  it('runs: --version', () => {
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const r = spawnSync(process.execPath, [join(dir, 'dist/booklet.js'), '--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`plan-booklet ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});
