import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from '../../src/archive/tar.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';

const run = promisify(execFile);
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;
let tar: string;
/**
 * The PDFs, manifest.json, 11 data files, the resources the build used (templates, theme,
 * fonts), fonts/OFL.txt, booklet.config.yaml, ARCHIVE.txt and SHA256SUMS.
 */
let expectedFiles: number;

beforeAll(async () => {
  tmp = await scratch('booklet-archive-');
  out = join(tmp.dir, 'out');
  expect((await cli(['build', 'data/2020', '--out', out])).code).toBe(0);
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: unknown[]; resources: { files: unknown[] } };
  expectedFiles = manifest.files.length + 1 + 11 + manifest.resources.files.length + 4;
  tar = join(tmp.dir, 'a.tar');
  const r = await cli(['archive', 'data/2020', '--outputs', out, '--out', tar]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('archive', () => {
  it('is byte-identical when made twice, and verify passes on it', async () => {
    const again = join(tmp.dir, 'b.tar');
    const r = await cli(['archive', 'data/2020', '--outputs', out, '--out', again]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${expectedFiles} files, `);
    expect(r.out).toMatch(/ MB, sha256 [0-9a-f]{64}/);
    expect(Buffer.compare(await readFile(tar), await readFile(again))).toBe(0);

    const v = await cli(['verify', tar]);
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
    expect(v.out).toContain(`${expectedFiles} file(s) match output/manifest.json, the data hashes and SHA256SUMS`);
  });

  it('holds the data, PDFs, manifest, font licence, ARCHIVE.txt and SHA256SUMS, with fixed metadata', async () => {
    const bytes = new Uint8Array(await readFile(tar));
    expect(bytes.length % 10240).toBe(0);
    const entries = readTar(bytes);
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      expect.arrayContaining([
        '2020-archive/ARCHIVE.txt',
        '2020-archive/SHA256SUMS',
        '2020-archive/data/edition.yaml',
        '2020-archive/data/departments/kikaku.yaml',
        '2020-archive/fonts/OFL.txt',
        '2020-archive/output/booklet.pdf',
        '2020-archive/output/digest.pdf',
        '2020-archive/output/inserts/10-kyoiku.pdf',
        '2020-archive/output/manifest.json',
      ]),
    );
    const header = (i: number) => Buffer.from(bytes.subarray(i * 512, i * 512 + 512)).toString('latin1');
    const first = header(0);
    expect(first.slice(257, 263)).toBe('ustar\0');
    expect(first.slice(108, 124)).toBe('0000000\x000000000\x00'); // uid, gid 0
    expect(first.slice(265, 329).replace(/\0/g, '')).toBe(''); // no user or group names
    // mtime: the edition's document date (2020-04-01 00:00 JST)
    expect(parseInt(first.slice(136, 147), 8)).toBe(Date.UTC(2020, 2, 31, 15) / 1000);
    const archiveTxt = new TextDecoder().decode(entries.find((e) => e.path.endsWith('ARCHIVE.txt'))!.bytes);
    expect(archiveTxt).toMatch(/built by +plan-booklet \d+\.\d+\.\d+/);
    expect(archiveTxt).toContain('sha256sum -c SHA256SUMS');
    expect(archiveTxt).toContain('booklet verify --rebuild');
    const data = entries.find((e) => e.path === '2020-archive/data/edition.yaml')!.bytes!;
    expect(Buffer.compare(data, await readFile(join(ROOT, 'data/2020/edition.yaml')))).toBe(0);
  });

  it('tar(1) extracts it and sha256sum -c accepts it (where those tools exist)', async () => {
    const dir = join(tmp.dir, 'extracted');
    await mkdir(dir);
    try {
      await run('tar', ['-xf', tar, '-C', dir]);
      await run('sha256sum', ['--version']);
    } catch {
      return; // no tar or sha256sum on this machine
    }
    const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(dir, '2020-archive') });
    expect(stdout).toMatch(/output\/booklet\.pdf: OK/);
    expect(stdout).not.toMatch(/FAILED/);
  });

  it('verify --rebuild on the archive reproduces its PDFs from its data', async () => {
    const r = await cli(['verify', '--rebuild', tar]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('verify names a damaged PDF, a changed data file and an added file inside the archive', async () => {
    const entries = readTar(new Uint8Array(await readFile(tar)));
    const damaged = entries.map((e) => {
      if (e.path.endsWith('output/booklet.pdf')) {
        const b = new Uint8Array(e.bytes!);
        b[1000]! ^= 1;
        return { ...e, bytes: b };
      }
      if (e.path.endsWith('data/departments/somu.yaml')) return { ...e, bytes: new TextEncoder().encode('name: 総務部\n') };
      return e;
    });
    damaged.push({ path: '2020-archive/output/inserts/99-extra.pdf', type: 'file', bytes: new TextEncoder().encode('%PDF') });
    const file = join(tmp.dir, 'damaged.tar');
    await writeFile(file, writeTar(damaged, 0));
    const r = await cli(['verify', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2020-archive\/output\/booklet\.pdf: differs from the manifest: sha256/);
    expect(r.err).toMatch(/2020-archive\/data\/departments\/somu\.yaml: differs from the manifest: size/);
    expect(r.err).toMatch(/2020-archive\/output\/inserts\/99-extra\.pdf: extra/);
    expect(r.err.match(/booklet\.pdf/g)).toHaveLength(1); // once, not again for SHA256SUMS
    noStack(r.err);
  });

  it('verify names what disagrees with SHA256SUMS as such, not as the manifest', async () => {
    const entries = readTar(new Uint8Array(await readFile(tar))).map((e) => {
      if (!e.path.endsWith('/SHA256SUMS')) return e;
      const text = new TextDecoder().decode(e.bytes)
        .replace(/^[0-9a-f]{64}(?= {2}ARCHIVE\.txt$)/m, '0'.repeat(64))
        .replace(/ {2}fonts\/OFL\.txt$/m, '  fonts/OFL.tx');
      return { ...e, bytes: new TextEncoder().encode(text) };
    });
    entries.push({ path: '2020-archive/notes.txt', type: 'file', bytes: new TextEncoder().encode('memo') });
    const file = join(tmp.dir, 'sums.tar');
    await writeFile(file, writeTar(entries, 0));
    const r = await cli(['verify', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2020-archive\/ARCHIVE\.txt: differs from SHA256SUMS: sha256 000000000000… → /);
    expect(r.err).toContain('2020-archive/fonts/OFL.tx: missing (listed in SHA256SUMS)');
    expect(r.err).toContain('2020-archive/fonts/OFL.txt: extra (not in SHA256SUMS)');
    expect(r.err).toContain('2020-archive/notes.txt: extra (not in SHA256SUMS)');
    expect(r.err).not.toMatch(/manifest\)/);
    noStack(r.err);
  });

  it('verify on a file that is not a tar is exit 1 with a message', async () => {
    const r = await cli(['verify', 'package.json']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/package\.json: not a readable tar archive/);
    noStack(r.err);
    // A binary file (a workbook given by mistake): said plainly, no bytes of it printed.
    const book = 'tests/fixtures/workbooks/libreoffice/sample/01-kikaku-seisaku.xlsx';
    const b = await cli(['verify', book]);
    expect(b.code).toBe(1);
    expect(b.err).toBe(`booklet: ${book}: not a readable tar archive: it does not start with a tar header\n`);
  });

  it('refuses an output folder that does not match its manifest', async () => {
    const dir = join(tmp.dir, 'damaged-out');
    await cp(out, dir, { recursive: true });
    await writeFile(join(dir, 'digest.pdf'), 'x');
    const r = await cli(['archive', 'data/2020', '--outputs', dir, '--out', join(tmp.dir, 'no.tar')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not match its manifest\.json, so it is not archived/);
    expect(r.err).toMatch(/digest\.pdf: not a readable PDF/);
    expect(r.err).toMatch(/build it again \(booklet build data\/2020 --out /);
    noStack(r.err);
  });

  it('refuses an output folder built from other data, naming the changed file', async () => {
    const edition = join(tmp.dir, 'edited/2020');
    await cp(join(ROOT, 'data/2020'), edition, { recursive: true });
    const file = join(edition, 'departments/kikaku.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}# 追記\n`);
    const r = await cli(['archive', edition, '--outputs', out, '--out', join(tmp.dir, 'no.tar')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/was built from other data than .* holds now \(changed: departments\/kikaku\.yaml\)/);
  });

  it('refuses when there is no build yet', async () => {
    const r = await cli(['archive', 'data/2020', '--outputs', join(tmp.dir, 'never-built'), '--out', join(tmp.dir, 'no.tar')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/never-built: no build to archive \(no manifest\.json\); run booklet build data\/2020 --out .*never-built first/);
  });
});

describe('tar', () => {
  it('round-trips long paths through the ustar prefix field', () => {
    const long = `${'a'.repeat(120)}/${'b'.repeat(90)}.txt`;
    const bytes = writeTar([{ path: long, type: 'file', bytes: new TextEncoder().encode('hi') }], 0);
    const [entry] = readTar(bytes);
    expect(entry?.path).toBe(long);
    expect(new TextDecoder().decode(entry?.bytes)).toBe('hi');
  });

  it('refuses entries that would leave the folder', () => {
    const bytes = writeTar([{ path: 'ok/file', type: 'file', bytes: new Uint8Array(1) }], 0);
    bytes.set(new TextEncoder().encode('../evil\0\0\0\0\0\0\0'), 0);
    // fix the checksum so that only the path is wrong
    bytes.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += bytes[i]!;
    bytes.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    expect(() => readTar(bytes)).toThrow(/unsafe path/);
  });
});
