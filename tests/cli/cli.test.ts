import { execFile } from 'node:child_process';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, ROOT, scratch } from '../helpers/fixtures.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('usage', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/build <edition-dir>/);
    expect(r.out).toMatch(/check <edition-dir>/);
  });
  it.each([
    [[], /no command given/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['build'], /build needs <edition-dir>/],
    [['build', 'data/2020', '--colour'], /unknown option '--colour'/],
    [['check', 'data/2020', '--only', 'digest'], /unknown option '--only'/],
    [['build', 'data/2020', '--only', 'posters'], /--only takes booklet, print, inserts, digest/],
    [['build', 'no/such/dir'], /no such edition folder/],
    [['build', 'data/2020', '--dept', 'nope'], /--dept nope: no such department/],
  ])('%j exits 2 with %s', async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStack(r.err);
  });
});

describe('check', () => {
  it('accepts data/2020 and data/sample', async () => {
    for (const dir of ['data/2020', 'data/sample']) {
      const r = await cli(['check', dir]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${dir}: ok\n`);
    }
  });

  it('reports a YAML syntax error with file:line:col and a code frame, exit 1', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'syntax'));
    const file = join(dir, 'departments/somu.yaml');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('title:'));
    lines[at] = lines[at]!.replace('title:', 'title: [unclosed');
    await writeFile(file, lines.join('\n'));
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`departments/somu\\.yaml:\\d+:\\d+: error: `));
    expect(r.err).toMatch(/\n\s+\d+ \| .+\n\s+\| +\^/);
    noStack(r.err);
    const json = await cli(['check', dir, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { ok: boolean; diagnostics: { file: string; line: number }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]?.file).toMatch(/departments\/somu\.yaml$/);
    expect(parsed.diagnostics[0]?.line).toBeGreaterThan(0);
  });
  it('a broken project setting is reported without "nothing was written": check and verify never write', async () => {
    const config = join(tmp.dir, 'broken.config.yaml');
    await writeFile(config, 'colors: {}\n');
    for (const args of [['check', 'data/sample'], ['verify', '--rebuild', 'data/sample']]) {
      const r = await cli([...args, '--config', config]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/broken\.config\.yaml:1:1: error: colors: /);
      expect(r.err).not.toMatch(/nothing was written/);
      noStack(r.err);
    }
    // A command that writes still says so.
    const b = await cli(['build', 'data/sample', '--config', config, '-o', join(tmp.dir, 'broken-out')]);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/nothing was written\n$/);
  });
});

describe('build', () => {
  it('a failed build exits 1 and leaves the previous outputs byte-identical', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'keep'));
    const out = join(tmp.dir, 'keep-out');
    expect((await cli(['build', dir, '--out', out])).code).toBe(0);
    const before = await snapshot(out);

    await writeFile(join(dir, 'departments/kyoiku.yaml'), 'name: 教育部\nprojects:\n  - title: [\n');
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/departments\/kyoiku\.yaml:\d+:\d+: error: /);
    expect(r.err).toMatch(/nothing was written/);
    noStack(r.err);
    expect(await snapshot(out)).toEqual(before);
  });

  it('--dept builds only that insert, --only digest only the digest; the manifest keeps the others', async () => {
    const out = join(tmp.dir, 'partial');
    const r = await cli(['build', 'data/2020', '--out', out, '--dept', 'kyoiku']);
    expect(r.code).toBe(0);
    expect(await readdir(join(out, 'inserts'))).toEqual(['10-kyoiku.pdf']);
    // padded to an even page count for double-sided printing
    expect(r.out).toMatch(/inserts\/10-kyoiku\.pdf\s+2 pages/);
    const d = await cli(['build', 'data/2020', '--out', out, '--only', 'digest']);
    expect(d.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(['digest.pdf', 'inserts/10-kyoiku.pdf']);
  });

  it('a final edition may be rebuilt identically but never changed', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'final'));
    const out = join(tmp.dir, 'final-out');
    expect((await cli(['build', dir, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    expect((await cli(['build', dir, '--out', out])).code).toBe(0);
    const file = join(dir, 'departments/kikaku.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('新たな参加と協働の仕組みづくり', '新たな参加と協働の仕組みの構築'));
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/final/);
    expect(r.err).toMatch(/booklet\.pdf/);
    expect(r.err).toMatch(/inserts\/01-kikaku\.pdf/);
    expect(r.err).not.toMatch(/inserts\/02-somu\.pdf/);
    noStack(r.err);
    expect(await snapshot(out)).toEqual(before);
  });

  it('runs as a process: exit codes and no stack trace', async () => {
    const run = promisify(execFile);
    const dir = await copyEdition('2020', join(tmp.dir, 'proc'));
    await writeFile(join(dir, 'edition.yaml'), 'fiscalYear: "二〇二〇"\n');
    const res = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'check', dir], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect((res as { code: number }).code).toBe(1);
    expect((res as { stderr: string }).stderr).toMatch(/edition\.yaml:1:\d+: error: /);
    noStack((res as { stderr: string }).stderr);
  });
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = `${(await stat(join(d, e.name))).mtimeMs}:${(await readFile(join(d, e.name))).toString('base64').length}:${(await readFile(join(d, e.name))).toString('base64').slice(0, 200)}`;
    }
  };
  await walk(dir, '');
  return out;
}

describe('safe outputs', () => {
  it('refuses an output folder that is the edition folder, inside it or above it', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'guard'));
    for (const out of [dir, join(dir, 'out'), join(tmp.dir, 'guard')]) {
      const r = await cli(['build', dir, '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.err).toMatch(/outside the edition folder/);
    }
  });

  it('a second build into a folder another live build holds is refused; a stale lock is taken over', async () => {
    const out = join(tmp.dir, 'locked');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(out, { recursive: true });
    // pid 1 is always alive: a build that holds the lock
    await writeFile(join(out, '.booklet.lock'), '1\n');
    const r = await cli(['build', 'data/2020', '--out', out, '--only', 'digest']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/another build \(process 1\)/);
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    // a lock whose process is gone
    await writeFile(join(out, '.booklet.lock'), '999999999\n');
    const ok = await cli(['build', 'data/2020', '--out', out, '--only', 'digest']);
    expect(ok.code).toBe(0);
    expect((await readdir(out)).filter((f) => f !== '.cache').sort()).toEqual(['digest.pdf', 'manifest.json']);
  });

  it('an interrupted build leaves no temporary files and keeps the previous outputs', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(tmp.dir, 'interrupted');
    expect((await cli(['build', 'data/2020', '--out', out, '--only', 'digest,booklet'])).code).toBe(0);
    const before = await snapshot(out);
    const dir = await copyEdition('2020', join(tmp.dir, 'interrupted-data'));
    const file = join(dir, 'edition.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: final', 'status: draft'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/run.ts'), 'build', dir, '--out', out, '--only', 'digest,booklet'], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // interrupt in the middle: after the first PDF is made in memory
      if (stdout.includes('booklet.pdf')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((r) => child.on('exit', (c, sig) => r(c ?? (sig ? 130 : null))));
    expect(code).toBe(130);
    const after = await readdir(out, { recursive: true });
    expect(after.filter((f) => f.endsWith('.tmp') || f.endsWith('.booklet.lock'))).toEqual([]);
    expect(await snapshot(out)).toEqual(before);
  });
});

describe('progress', () => {
  it('draws a bar on a terminal and ends with one line per file', async () => {
    const { main } = await import('../../src/cli/main.js');
    let out = '';
    const code = await main(['build', 'data/2020', '--out', join(tmp.dir, 'tty'), '--only', 'inserts', '--dept', 'somu'], {
      stdout: { write: (s: string) => (out += s), isTTY: true },
      stderr: { write: () => undefined },
      cwd: ROOT,
    });
    expect(code).toBe(0);
    expect(out).toMatch(/\r\x1b\[K\[#{30}\] 1\/1 inserts\/02-somu\.pdf/);
    expect(out).toMatch(/inserts\/02-somu\.pdf\s+2 pages/);
  });
});

describe('paths stay inside the edition', () => {
  it('a department file that links outside the edition folder is refused', async () => {
    const { symlink, rm: remove } = await import('node:fs/promises');
    const dir = await copyEdition('2020', join(tmp.dir, 'linked'));
    const outside = join(tmp.dir, 'outside.yaml');
    await writeFile(outside, 'name: 総務部\nprojects:\n  - title: 外のファイル\n');
    await remove(join(dir, 'departments/somu.yaml'));
    await symlink(outside, join(dir, 'departments/somu.yaml'));
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/departments\/somu\.yaml: error: .*link to outside the edition folder/);
    noStack(r.err);
  });
});
