import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/archive/verify.js';
import { sha256 } from '../../src/emit/manifest.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';

const run = promisify(execFile);

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;

beforeAll(async () => {
  tmp = await scratch('booklet-rebuild-');
  out = join(tmp.dir, 'out');
  const r = await cli(['build', 'data/2020', '--out', out]);
  expect(r.code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('verify --rebuild', () => {
  it('data/2020 reproduces a fresh build', async () => {
    const r = await cli(['verify', '--rebuild', 'data/2020', '--manifest', join(out, 'manifest.json')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rebuilt \d+ file\(s\) in [\d.]+ s, every one identical to /);
  });

  it('defaults to output/<edition folder name>/manifest.json under the working folder', async () => {
    const cwd = join(tmp.dir, 'project');
    await cp(join(ROOT, 'data/2020'), join(cwd, 'data/2020'), { recursive: true });
    await mkdir(join(cwd, 'output'), { recursive: true });
    await cp(out, join(cwd, 'output/2020'), { recursive: true });
    const r = await cli(['verify', '--rebuild', 'data/2020'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('output/2020/manifest.json');

    const none = await cli(['verify', '--rebuild', 'data/2020', '--manifest', 'output/2019/manifest.json'], cwd);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/output\/2019\/manifest\.json: no such manifest/);
  });

  it('names the data file that changed and the outputs that no longer match', async () => {
    const dir = join(tmp.dir, 'changed/2020');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const file = join(dir, 'departments/somu.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('name: 総務部', 'name: 総務部（改）'));
    const r = await cli(['verify', '--rebuild', dir, '--manifest', join(out, 'manifest.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/data differs from the archived build's: changed: departments\/somu\.yaml/);
    expect(r.err).toMatch(/booklet\.pdf: the rebuild differs from the manifest: .*sha256/);
    expect(r.err).toMatch(/inserts\/02-somu\.pdf: the rebuild differs/);
    expect(r.err).not.toMatch(/inserts\/01-kikaku\.pdf/);
  });
});

describe('builds do not depend on time zone, locale or working folder', () => {
  it('TZ=America/Los_Angeles LANG=C and TZ=Asia/Tokyo LANG=ja_JP.UTF-8 give the same bytes', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const build = async (name: string, env: Record<string, string>, cwd: string) => {
      const dir = join(tmp.dir, name);
      await mkdir(cwd, { recursive: true });
      await run(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/run.ts'), 'build', join(ROOT, 'data/2020'), '--out', dir], {
        cwd,
        env: { ...process.env, LC_ALL: '', ...env },
      });
      return dir;
    };
    const [a, b] = await Promise.all([
      build('tz-la', { TZ: 'America/Los_Angeles', LANG: 'C' }, tmp.dir),
      build('tz-tokyo', { TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8' }, join(tmp.dir, 'elsewhere/deeper')),
    ]);
    const hashes = async (dir: string) =>
      Object.fromEntries(await Promise.all((await listFiles(dir)).map(async (p) => [p, sha256(await readFile(join(dir, p)))] as const)));
    const [ha, hb, hc] = await Promise.all([hashes(a), hashes(b), hashes(out)]);
    const manifest = JSON.parse(await readFile(join(a, 'manifest.json'), 'utf8')) as { files: unknown[] };
    expect(Object.keys(ha)).toHaveLength(manifest.files.length + 1);
    expect(hb).toEqual(ha);
    // …and the same as the in-process build of this test file.
    expect(hc).toEqual(ha);
  }, 120_000);
});
