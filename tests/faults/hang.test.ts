// No hang, ever: a FIFO, a socket or a device where a data file, an output, a manifest,
// a lock, a cache entry or an archive should be is refused at once (or, for the cache,
// passed over), and SIGTERM or SIGINT ends a command cleanly. Every command runs in a
// process of its own and is killed after a time limit, so a hang fails one test.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { snapshot } from './support/folder.js';
import { runBooklet, startBooklet, STACK_LINE, unavailable, type Ended } from './support/process.js';

const LIMIT_MS = 20_000;

/** Making a device file needs root (and a container that allows it). */
const mknodRefused = unavailable('sh', ['-c', 'd=$(mktemp -d) && mknod "$d/zero" c 1 5; r=$?; rm -rf "$d"; exit $r']);

let tmp: Awaited<ReturnType<typeof scratch>>;
let edition: string;
let built: string; // digest and one insert of data/sample, with its cache
const servers: Server[] = [];
beforeAll(async () => {
  tmp = await scratch('booklet-hang-');
  edition = await copyEdition('sample', tmp.dir);
  built = join(tmp.dir, 'built');
  const r = await runBooklet(['build', edition, '--out', built, '--only', 'digest,inserts', '--dept', 'kenko-fukushi'], { timeoutMs: 60_000 });
  expect(r.code, r.err).toBe(0);
});
afterAll(async () => {
  for (const s of servers) s.close();
  await tmp.cleanup();
});

const fifo = (path: string) => execFileSync('mkfifo', [path]);
const socket = (path: string) =>
  new Promise<void>((resolve) => {
    const s = createServer();
    servers.push(s);
    s.listen(path, () => resolve());
  });

/** A copy of the build with `path` (relative) replaced by `make`. */
async function withSpecial(name: string, rel: string, make: (path: string) => unknown): Promise<string> {
  const dir = join(tmp.dir, name);
  await cp(built, dir, { recursive: true, preserveTimestamps: true });
  await rm(join(dir, rel), { force: true });
  await make(join(dir, rel));
  return dir;
}

/** Ended in time, with `code`, no stack trace, and a line naming `path` that matches `what`. */
function refused(r: Ended, code: number, path: string, what: RegExp): void {
  expect(r.hung, `hung: ${r.err}`).toBe(false);
  expect(r.code, r.err).toBe(code);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error/);
  const line = r.err.split('\n').find((l) => l.includes(path));
  expect(line, r.err).toBeDefined();
  expect(line).toMatch(what);
}

const build = (out: string, only = 'digest,inserts') => runBooklet(['build', edition, '--out', out, '--only', only, '--dept', 'kenko-fukushi'], { timeoutMs: LIMIT_MS });

describe('build: something other than a file where it writes one', () => {
  it.each([
    ['a FIFO as an output', 'digest.pdf', fifo, /a named pipe \(FIFO\) is where booklet writes a file; move it away/],
    ['a FIFO as the manifest', 'manifest.json', fifo, /a named pipe \(FIFO\) is where booklet writes a file/],
    ['a FIFO as the lock', '.booklet.lock', fifo, /a named pipe \(FIFO\) is where booklet writes a file/],
    ['a socket as an output', 'inserts/02-kenko-fukushi.pdf', socket, /a socket is where booklet writes a file/],
    ['a link to /dev/zero as an output', 'digest.pdf', (p: string) => symlink('/dev/zero', p), /a symbolic link is where booklet writes a file/],
  ] as const)('%s: exit 1 at once, nothing changed', async (name, rel, make, message) => {
    const out = await withSpecial(name.replace(/\W+/g, '-'), rel, make);
    const before = await snapshot(out);
    const r = await build(out);
    refused(r, 1, join(out, rel), message);
    expect(r.out).toBe(''); // before any typesetting
    expect(await snapshot(out)).toEqual(before);
  });

  it.skipIf(mknodRefused !== undefined)(`a device (made with mknod) as an output: exit 1 at once${mknodRefused ? ` (skipped: ${mknodRefused})` : ''}`, async () => {
    const out = await withSpecial('device', 'digest.pdf', (p) => execFileSync('mknod', [p, 'c', '1', '5'])); // like /dev/zero
    const r = await build(out);
    refused(r, 1, join(out, 'digest.pdf'), /a device is where booklet writes a file/);
  });

  it('FIFOs in place of the cache entries: passed over (typeset again), the build completes', async () => {
    const out = join(tmp.dir, 'cache-fifos');
    await cp(built, out, { recursive: true });
    const cache = join(out, '.cache');
    const entries = (await readdir(cache)).filter((n) => /\.(pdf|json)$/.test(n));
    expect(entries.length).toBeGreaterThan(0);
    for (const n of entries) {
      await rm(join(cache, n));
      fifo(join(cache, n));
    }
    const r = await runBooklet(['build', edition, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi'], { timeoutMs: LIMIT_MS });
    expect(r.hung, r.err).toBe(false);
    expect(r.code, r.err).toBe(0);
  });
});

describe('verify, archive and check: refused unread', () => {
  it('verify: a listed PDF that is a FIFO, or a link to /dev/zero, is named as unreadable (exit 1)', async () => {
    for (const [name, make, what] of [
      ['v-fifo', fifo, /not a regular file|named pipe/],
      ['v-zero', (p: string) => symlink('/dev/zero', p), /a device, not a regular file/],
    ] as const) {
      const out = await withSpecial(name, 'digest.pdf', make);
      const r = await runBooklet(['verify', out], { timeoutMs: LIMIT_MS });
      refused(r, 1, `${out}/digest.pdf`, /cannot be read/);
      expect(r.err).toMatch(what);
    }
  });

  it('verify: the manifest a FIFO (exit 1); the argument itself a FIFO (exit 1)', async () => {
    const out = await withSpecial('v-manifest', 'manifest.json', fifo);
    refused(await runBooklet(['verify', out], { timeoutMs: LIMIT_MS }), 1, `${out}/manifest.json`, /cannot be read \(a named pipe \(FIFO\), not a regular file\)/);
    const pipe = join(tmp.dir, 'a-pipe.tar');
    fifo(pipe);
    refused(await runBooklet(['verify', pipe], { timeoutMs: LIMIT_MS }), 1, pipe, /a named pipe \(FIFO\), not an output folder or archive/);
    refused(await runBooklet(['verify', '--rebuild', edition, '--manifest', pipe], { timeoutMs: LIMIT_MS }), 1, pipe, /cannot be read/);
  });

  it('archive: --out a FIFO, or outputs whose manifest is a FIFO: exit 1', async () => {
    const pipe = join(tmp.dir, 'archive-pipe.tar');
    fifo(pipe);
    refused(await runBooklet(['archive', edition, '--outputs', built, '--out', pipe], { timeoutMs: LIMIT_MS }), 1, pipe, /a named pipe \(FIFO\) is there, not an archive/);
    const out = await withSpecial('a-manifest', 'manifest.json', fifo);
    refused(await runBooklet(['archive', edition, '--outputs', out, '--out', join(tmp.dir, 'x.tar')], { timeoutMs: LIMIT_MS }), 1, out, /./);
  });

  it('check: edition.yaml a FIFO: exit 1, "not a file"', async () => {
    const dir = join(tmp.dir, 'fifo-edition');
    await cp(edition, dir, { recursive: true });
    await rm(join(dir, 'edition.yaml'));
    fifo(join(dir, 'edition.yaml'));
    refused(await runBooklet(['check', dir], { timeoutMs: LIMIT_MS }), 1, join(dir, 'edition.yaml'), /not a file/);
  });
});

describe('SIGTERM and SIGINT end a command cleanly', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during verify --rebuild: exit ${signal === 'SIGTERM' ? 143 : 130}, its temporary folder removed`, async () => {
      const tmpdir = join(tmp.dir, `tmp-${signal}`);
      await mkdir(tmpdir);
      const p = startBooklet(['verify', '--rebuild', edition, '--manifest', join(built, 'manifest.json')], {
        env: { TMPDIR: tmpdir, TSX_DISABLE_CACHE: '1' },
        timeoutMs: LIMIT_MS,
      });
      // Interrupted in the middle: once the rebuild's temporary folder exists.
      const deadline = Date.now() + LIMIT_MS;
      while ((await readdir(tmpdir)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await readdir(tmpdir)).not.toEqual([]);
      p.child.kill(signal);
      const r = await p.ended;
      expect(r.hung).toBe(false);
      expect(r.code, r.err).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(r.err).not.toMatch(STACK_LINE);
      expect(await readdir(tmpdir)).toEqual([]);
    });
  }
});
