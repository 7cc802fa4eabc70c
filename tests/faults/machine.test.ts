// Faults of the machine are messages, not bugs: a full disk, a read-only folder, a file
// where a folder should be, a missing TMPDIR. Each ends with exit 1 and one line naming
// the path, what is wrong and what to do; the previous outputs are intact. Real faults
// where the machine allows (a small tmpfs, a read-only bind mount, another user); the
// same classes through an injected file system everywhere.
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderCache } from '../../src/emit/typesetCache.js';
import { describeFault, FileFault } from '../../src/errors.js';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { faultyFs } from './support/faultyFs.js';
import { leftovers, snapshot } from './support/folder.js';
import { runBooklet, STACK_LINE, unavailable, whyNotAsNobody } from './support/process.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let edition: string; // data/sample, as a draft
let digestBuild: string; // a build of its digest alone, whose manifest verify --rebuild compares with
beforeAll(async () => {
  tmp = await scratch('booklet-machine-');
  await chmod(tmp.dir, 0o755); // other users (nobody) may enter
  edition = await copyEdition('sample', tmp.dir);
  await edit(edition, 'edition.yaml', (s) => s.replace(/^status: .*$/m, 'status: draft'));
  digestBuild = join(tmp.dir, 'digest-build');
  expect((await cli(['build', edition, '--out', digestBuild, '--only', 'digest'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

async function edit(dir: string, rel: string, f: (s: string) => string): Promise<void> {
  await writeFile(join(dir, rel), f(await readFile(join(dir, rel), 'utf8')));
}

/** exit 1, one line on stderr after the progress, naming `path`, no stack, no "internal error". */
function expectFault(r: { code: number | null; err: string }, path: string, what: RegExp): void {
  expect(r.code, r.err).toBe(1);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error/);
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(what);
}

describe('every system error has one line: the path, what is wrong, what to do', () => {
  it.each(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'EISDIR', 'ENOTDIR', 'ENOENT', 'EMFILE', 'EIO', 'ENAMETOOLONG', 'EXDEV', 'EWHATEVER'])('%s', (code) => {
    const line = describeFault({ code, path: '/out/booklet.pdf', syscall: 'open' });
    expect(line).toMatch(new RegExp(`^/out/booklet\\.pdf: .+ \\(${code}\\); .+$`));
    expect(line).not.toContain('\n');
  });
});

describe('the output folder and what stands in it', () => {
  it('--out naming a file: exit 1, one line, the file untouched', async () => {
    const file = join(tmp.dir, 'a-file');
    await writeFile(file, 'mine');
    const r = await cli(['build', edition, '--out', file, '--only', 'digest']);
    expectFault(r, file, /a file is there, not a folder; give a folder/);
    expect(await readFile(file, 'utf8')).toBe('mine');
  });

  it('a file where the inserts folder goes (ENOTDIR), a folder where a PDF goes (EISDIR): exit 1 before typesetting', async () => {
    const out = join(tmp.dir, 'in-the-way');
    await mkdir(join(out, 'digest.pdf'), { recursive: true });
    await writeFile(join(out, 'inserts'), 'not a folder');
    const before = await snapshot(out);
    for (const [only, path, what] of [
      ['digest', 'digest.pdf', /a folder is where booklet writes a file/],
      ['inserts', 'inserts/01-kikaku-seisaku.pdf', /ENOTDIR|is where|folder/],
    ] as const) {
      const r = await cli(['build', edition, '--out', out, '--only', only]);
      expect(r.out).toBe(''); // refused before any PDF was made
      expectFault(r, join(out, only === 'digest' ? path : 'inserts'), what);
    }
    expect(await snapshot(out)).toEqual(before);
  });

  it('a missing TMPDIR, or one that is a file: verify --rebuild says so (exit 1)', async () => {
    const saved = process.env['TMPDIR'];
    const file = join(tmp.dir, 'tmp-is-a-file');
    await writeFile(file, '');
    try {
      for (const [dir, code] of [
        [join(tmp.dir, 'no-such-tmp'), 'ENOENT'],
        [file, 'ENOTDIR'],
      ] as const) {
        process.env['TMPDIR'] = dir;
        const v = await cli(['verify', '--rebuild', edition, '--manifest', join(digestBuild, 'manifest.json')]);
        expectFault(v, `TMPDIR=${dir}`, new RegExp(`the temporary folder cannot be used: .*\\(${code}\\); set TMPDIR to an existing folder you can write to`));
      }
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
  });
});

describe('injected faults through a real build', () => {
  it('ENOSPC, EACCES or EISDIR at a staged write, a backup or a rename: the previous build is intact', async () => {
    const resources = await loadResources();
    const out = join(tmp.dir, 'inject');
    const cacheDir = join(tmp.dir, 'inject-cache'); // shared: only the first builds typeset
    const changed = join(tmp.dir, 'inject-changed');
    await cp(edition, changed, { recursive: true });
    await edit(changed, 'departments/kenko-fukushi.yaml', (s) => s.replace('健康福祉部', '健康福祉部（改）'));
    await buildEdition({ editionDir: edition, outDir: out, cache: folderCache(cacheDir) }, resources);
    await buildEdition({ editionDir: changed, outDir: join(tmp.dir, 'inject-warm'), cache: folderCache(cacheDir) }, resources);
    const before = await snapshot(out);
    const cases = [
      { code: 'ENOSPC', when: (c: { op: string; path: string }) => c.op === 'create' && c.path.includes('02-kenko-fukushi.pdf') },
      { code: 'EACCES', when: (c: { op: string; path: string }) => c.op === 'link' && c.path.includes('digest.pdf') },
      { code: 'EISDIR', when: (c: { op: string; path: string }) => c.op === 'rename' && c.path.endsWith('/manifest.json') },
    ];
    for (const { code, when } of cases) {
      const fs = faultyFs({ code, when });
      const err = await buildEdition({ editionDir: changed, outDir: out, cache: folderCache(cacheDir), fs }, resources).catch((e: unknown) => e);
      expect(err, code).toBeInstanceOf(FileFault);
      expect((err as Error).message).toMatch(new RegExp(`^${out}/\\S+: .*\\(${code}\\); .*nothing was changed`));
      expect(await snapshot(out), code).toEqual(before);
      expect(await leftovers(out)).toEqual([]);
    }
    // and without a fault the change goes in
    await buildEdition({ editionDir: changed, outDir: out, cache: folderCache(cacheDir) }, resources);
    expect(await snapshot(out)).not.toEqual(before);
  });
});

// A real full disk: a small tmpfs. Mounting needs privileges (root on CI, unless the
// container forbids it): without them the test is skipped, saying why.
const mountRefused = unavailable('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r']);

describe.skipIf(mountRefused !== undefined)(`real faults on mounted file systems${mountRefused ? ` (skipped: ${mountRefused})` : ''}`, () => {
  const mounted: string[] = [];
  afterAll(() => {
    for (const m of mounted.reverse()) execFileSync('umount', ['-l', m]);
  });

  it('a full disk (tmpfs): exit 1 "the disk is full (ENOSPC)", every previous output and the manifest byte-identical', async () => {
    const disk = join(tmp.dir, 'disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]);
    mounted.push(disk);
    const out = join(disk, 'out');
    const first = await runBooklet(['build', edition, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache']);
    expect(first.code, first.err).toBe(0);
    const changed = join(tmp.dir, 'disk-changed');
    await cp(edition, changed, { recursive: true });
    await edit(changed, 'edition.yaml', (s) => s.replace(/^city: (.*)$/m, 'city: $1（改）'));
    // Leave room for the lock and a little more, not for the new PDFs.
    const free = Number((await statfs(disk)).bavail) * Number((await statfs(disk)).bsize);
    await writeFile(join(disk, 'filler'), new Uint8Array(free - 64 * 1024));
    const before = await snapshot(out);
    const r = await runBooklet(['build', changed, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache']);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(new RegExp(`^booklet: ${out}/\\S+\\.pdf: the disk is full \\(ENOSPC\\); free some space.*nothing was changed`, 'm'));
    expect(r.err).not.toMatch(STACK_LINE);
    expect(await snapshot(out)).toEqual(before);
    // room again: the build goes through
    await rm(join(disk, 'filler'));
    expect((await runBooklet(['build', changed, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache'])).code).toBe(0);
    expect(await snapshot(out)).not.toEqual(before);
  });

  it('a read-only subfolder (read-only bind mount, which binds root too): exit 1 "read-only (EROFS)", nothing changed', async () => {
    const out = join(tmp.dir, 'ro-out');
    expect((await runBooklet(['build', edition, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache'])).code).toBe(0);
    const inserts = join(out, 'inserts');
    execFileSync('mount', ['--bind', inserts, inserts]);
    mounted.push(inserts);
    execFileSync('mount', ['-o', 'remount,bind,ro', inserts]);
    const changed = join(tmp.dir, 'ro-changed');
    await cp(edition, changed, { recursive: true });
    await edit(changed, 'edition.yaml', (s) => s.replace(/^city: (.*)$/m, 'city: $1（改）'));
    const before = await snapshot(out);
    const r = await runBooklet(['build', changed, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache']);
    expect(r.code, r.err).toBe(1);
    expect(r.err.trimEnd().split('\n').pop()).toMatch(new RegExp(`^booklet: ${inserts}/\\S+\\.pdf: the file system is read-only \\(EROFS\\)`));
    expect(await snapshot(out)).toEqual(before);
  });
});

const nobodyRefused = whyNotAsNobody();

describe.skipIf(nobodyRefused !== undefined)(`read-only folders for an ordinary user${nobodyRefused ? ` (skipped: ${nobodyRefused})` : ''}`, () => {
  it('a read-only inserts folder: exit 1 "permission denied (EACCES)", the previous outputs intact', async () => {
    const out = join(tmp.dir, 'nobody-out');
    await mkdir(out);
    await chmod(out, 0o777);
    const first = await runBooklet(['build', edition, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache'], { asNobody: true });
    expect(first.code, first.err).toBe(0);
    await chmod(join(out, 'inserts'), 0o555);
    const changed = join(tmp.dir, 'nobody-changed');
    await cp(edition, changed, { recursive: true });
    await edit(changed, 'edition.yaml', (s) => s.replace(/^city: (.*)$/m, 'city: $1（改）'));
    execFileSync('chmod', ['-R', 'a+rX', changed]);
    const before = await snapshot(out);
    const r = await runBooklet(['build', changed, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi', '--no-cache'], { asNobody: true });
    expect(r.code, r.err).toBe(1);
    expect(r.err.trimEnd().split('\n').pop()).toMatch(new RegExp(`^booklet: ${out}/inserts/\\S+\\.pdf: permission denied \\(EACCES\\); make it writable`));
    expect(await snapshot(out)).toEqual(before);
  });

  it('a read-only TMPDIR: verify --rebuild says so (exit 1)', async () => {
    const ro = join(tmp.dir, 'ro-tmp');
    await mkdir(ro);
    await chmod(ro, 0o555);
    // tsx (which runs the sources) keeps its own cache in TMPDIR: off, so only booklet meets the folder.
    const r = await runBooklet(['verify', '--rebuild', edition, '--manifest', join(digestBuild, 'manifest.json')], {
      asNobody: true,
      env: { TMPDIR: ro, TSX_DISABLE_CACHE: '1' },
    });
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(new RegExp(`^booklet: TMPDIR=${ro}: the temporary folder cannot be used: permission denied \\(EACCES\\)`, 'm'));
  });
});
