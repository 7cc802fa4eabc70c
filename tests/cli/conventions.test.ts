// CLI conventions users know from typst and vivliostyle: per-command help, one-line usage
// errors that say where to read more, the nearest command suggested, -o, --quiet,
// build --json, and a progress line that never wraps; and `booklet init`.
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barLine, fitColumns } from '../../src/cli/progress.js';
import { displayWidth } from '../../src/load/diagnostic.js';
import { main } from '../../src/cli/main.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-conventions-');
});
afterAll(() => tmp.cleanup());

describe('help and usage errors', () => {
  it.each(['init', 'build', 'check', 'watch', 'verify', 'archive', 'new'])('booklet %s --help shows that command alone, with an example', async (name) => {
    for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: booklet ${name} `));
      expect(r.out).toMatch(/\nExample: booklet /);
      expect(r.out).not.toMatch(/Commands:/);
    }
  });

  it('a usage error is one line and where to read more; exit 2', async () => {
    const cases: [string[], string][] = [
      [['biuld', 'data/2020'], 'booklet: unknown command "biuld"; did you mean "build"?\nsee booklet --help\n'],
      [['chek'], 'booklet: unknown command "chek"; did you mean "check"?\nsee booklet --help\n'],
      [['frobnicate'], 'booklet: unknown command "frobnicate"\nsee booklet --help\n'],
      [['build'], 'booklet: build needs <edition-dir>..., e.g. booklet build editions/2021 -o output/2021-proof --only booklet\nsee booklet build --help\n'],
      [['build', 'data/2020', '--onyl', 'digest'], "booklet: build: unknown option '--onyl'; did you mean --only?\nsee booklet build --help\n"],
      [['build', 'data/2020', '--out'], 'booklet: build: --out needs a value\nsee booklet build --help\n'],
      [['check', 'data/2020', 'data/sample'], 'booklet: check takes <edition-dir>, not "data/sample", e.g. booklet check editions/2021 --strict\nsee booklet check --help\n'],
      [['build', 'data/2020', '--impose', 'perfect'], 'booklet: --impose takes saddle; got "perfect"\nsee booklet build --help\n'],
    ];
    for (const [args, err] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toBe(err);
      expect(r.out).toBe('');
    }
  });
});

describe('build output', () => {
  it('-o is --out; --quiet prints nothing on success; --json reports every file written', async () => {
    const out = join(tmp.dir, 'json');
    const q = await cli(['build', 'data/2020', '-o', join(tmp.dir, 'quiet'), '--only', 'digest', '--quiet']);
    expect(q.code).toBe(0);
    expect(q.out).toBe('');
    expect(q.err).toBe('');
    expect(existsSync(join(tmp.dir, 'quiet/digest.pdf'))).toBe(true);

    const r = await cli(['build', 'data/2020', '-o', out, '--only', 'digest,inserts', '--dept', 'kikaku', '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as {
      ok: boolean;
      outDir: string;
      manifest: string;
      build: unknown;
      files: { path: string; pages: number; bytes: number; sha256: string; changed: boolean }[];
      warnings: unknown[];
      tool: { version: string; code: string };
    };
    expect(report.ok).toBe(true);
    expect(report.outDir).toBe(out);
    expect(report.manifest).toBe(join(out, 'manifest.json'));
    expect(report.build).toEqual({ only: ['inserts', 'digest'], dept: 'kikaku' });
    expect(report.files.map((f) => f.path)).toEqual(['inserts/01-kikaku.pdf', 'digest.pdf']);
    expect(report.tool.code).toMatch(/^[0-9a-f]{64}$/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    for (const f of report.files) {
      const entry = manifest.files.find((e) => e.path === f.path)!;
      expect(f.sha256).toBe(entry.sha256);
      expect(f.bytes).toBe((await stat(join(out, f.path))).size);
      expect(f.changed).toBe(true);
      expect(f.pages).toBeGreaterThan(0);
    }
    expect(report.warnings).toEqual([]);
    // Again: nothing changed, said so.
    const again = JSON.parse((await cli(['build', 'data/2020', '-o', out, '--only', 'digest,inserts', '--dept', 'kikaku', '--json'])).out) as typeof report;
    expect(again.files.every((f) => !f.changed)).toBe(true);
  }, 60_000);

  it('--json with bad data reports the diagnostics as JSON, exit 1', async () => {
    const dir = join(tmp.dir, 'broken');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'departments/somu.yaml'), 'name: [\n');
    const r = await cli(['build', dir, '-o', join(tmp.dir, 'broken-out'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; diagnostics: { file: string; line: number }[] };
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0]!.file).toMatch(/departments\/somu\.yaml$/);
  });

  it('the progress line is never wider than the terminal, Japanese paths included', async () => {
    for (const columns of [20, 40, 60, 80, 200]) {
      for (const path of ['booklet.pdf', 'inserts/07-kodomo-seisaku.pdf', 'inserts/01-こども政策部のとても長い名前の差し込み.pdf']) {
        const line = barLine(3, 14, path, columns);
        expect(displayWidth(line), `${columns} ${path}`).toBeLessThan(columns);
      }
    }
    expect(barLine(3, 14, 'inserts/07-kodomo.pdf', 80)).toMatch(/^\[#+\.+\] 3\/14 inserts\/07-kodomo\.pdf$/);
    expect(fitColumns('inserts/07-kodomo-seisaku.pdf', 12)).toBe('…seisaku.pdf');
    expect(displayWidth(fitColumns('こども政策部.pdf', 9))).toBeLessThanOrEqual(9);

    // Through a build on a narrow "terminal": every redrawn line fits.
    const drawn: string[] = [];
    const io = {
      stdout: { write: () => true, isTTY: true, columns: 32, redraw: (l: string) => drawn.push(l) },
      stderr: { write: () => true },
      cwd: ROOT,
    };
    const code = await main(['build', 'data/2020', '-o', join(tmp.dir, 'tty'), '--only', 'digest,inserts'], {
      ...io,
      stdout: { ...io.stdout, write: (s: string) => (s.startsWith('\r') ? drawn.push(s.replace(/^\r\x1b\[K/, '')) : true) },
    });
    expect(code).toBe(0);
    const bars = drawn.filter((l) => l.startsWith('['));
    expect(bars.length).toBeGreaterThan(5);
    for (const l of bars) expect(displayWidth(l)).toBeLessThan(32);
  }, 60_000);
});

describe('booklet init', () => {
  it('makes a project: config, theme, template places, fonts and logo notes, the sample edition; it builds', async () => {
    const r = await cli(['init', 'mitaka'], tmp.dir);
    expect(r.code, r.err).toBe(0);
    const dir = join(tmp.dir, 'mitaka');
    expect(r.out).toContain('mitaka/booklet.config.yaml\n');
    expect(r.out).toMatch(/next: cd mitaka && booklet build editions\/sample/);
    const config = await readFile(join(dir, 'booklet.config.yaml'), 'utf8');
    // the schema lines point at the tool's schemas, wherever the project is
    for (const [file, schema] of [
      ['booklet.config.yaml', 'config.schema.json'],
      ['theme.yaml', 'theme.schema.json'],
      ['editions/sample/edition.yaml', 'edition.schema.json'],
      ['editions/sample/departments/kikaku-seisaku.yaml', 'department.schema.json'],
    ] as const) {
      const text = file === 'booklet.config.yaml' ? config : await readFile(join(dir, file), 'utf8');
      const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
      expect(ref, file).toMatch(new RegExp(`${schema.replace('.', '\\.')}$`));
      expect(resolve(join(dir, file, '..'), ref!)).toBe(join(ROOT, 'schema', schema));
    }
    expect(await readdir(join(dir, 'editions/sample/departments'))).toEqual(await readdir(join(ROOT, 'data/sample/departments')));
    for (const place of ['templates/README.md', 'fonts/README.md', 'logo/README.md']) expect(existsSync(join(dir, place)), place).toBe(true);

    const check = await cli(['check', 'editions/sample'], dir);
    expect(check.err).toBe('');
    expect(check.code).toBe(0);
    const build = await cli(['build', 'editions/sample', '--only', 'digest', '-q'], dir);
    expect(build.code, build.err).toBe(0);
    expect(existsSync(join(dir, 'output/sample/digest.pdf'))).toBe(true);
  }, 60_000);

  it('never overwrites: a second init there is refused and changes nothing', async () => {
    const dir = join(tmp.dir, 'twice');
    expect((await cli(['init', dir])).code).toBe(0);
    const before = await readFile(join(dir, 'booklet.config.yaml'));
    const r = await cli(['init', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/booklet\.config\.yaml already exists; booklet init never overwrites/);
    expect(Buffer.compare(await readFile(join(dir, 'booklet.config.yaml')), before)).toBe(0);
    const file = await cli(['init', join(dir, 'theme.yaml')]);
    expect(file.code).toBe(1);
    expect(file.err).toMatch(/a file is there; give a folder for the project/);
  });
});
