// The set of outputs is replaced as one, or not at all: every write the commit makes is
// made to fail in turn (a full disk, a refused rename, a folder where a file should be),
// through an injected file system, and the folder must then be byte for byte (and mtime
// for mtime) what it was, with no temporary left behind.
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitOutputs, nextSet, type CommitRequest, type ManifestHead } from '../../src/emit/commit.js';
import { refuseToChangePublished } from '../../src/emit/guards.js';
import { sha256, type Manifest } from '../../src/emit/manifest.js';
import { FileFault, PublishedError } from '../../src/errors.js';
import { scratch } from '../helpers/fixtures.js';
import { faultyFs, type Call } from './support/faultyFs.js';
import { leftovers, snapshot } from './support/folder.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-commit-');
});
afterAll(() => tmp.cleanup());

const enc = new TextEncoder();
const file = (path: string, text: string, pages = 1) => ({ path, bytes: enc.encode(`%PDF ${text}`), pages });
const head = (data = 'a'): ManifestHead => ({
  manifestVersion: 1,
  tool: { name: 'plan-booklet', version: '0.0.0-test' },
  edition: { fiscalYear: 2020, eraLabel: '令和2年度', status: 'draft', documentDate: '2020-04-01' },
  data: { sha256: data.repeat(64), files: [] },
  resources: { sha256: 'b'.repeat(64), files: [] },
  build: {},
});

/** The previous build: five files in two folders. */
const OLD = [file('booklet.pdf', 'booklet v1', 12), file('booklet-print.pdf', 'print v1', 12), file('inserts/01-a.pdf', 'a v1'), file('inserts/02-b.pdf', 'b v1'), file('digest.pdf', 'digest v1')];
/** The next: two changed, one changed insert, one new insert, two unchanged, a report beside them. */
const NEW = [
  file('booklet.pdf', 'booklet v2', 14),
  file('booklet-print.pdf', 'print v2', 16),
  file('inserts/01-a.pdf', 'a v1'),
  file('inserts/02-b.pdf', 'b v2'),
  file('inserts/03-c.pdf', 'c v1'),
  file('digest.pdf', 'digest v1'),
];
const request = (outDir: string, files = NEW, extra: Partial<CommitRequest> = {}): CommitRequest => ({
  outDir,
  files,
  head: head(),
  final: false,
  partial: false,
  unlisted: [{ path: 'typesetting-report.json', bytes: enc.encode('{"lines": 1}\n') }],
  ...extra,
});

/** A folder holding the previous build, made by the commit itself. */
async function previousBuild(name: string): Promise<string> {
  const dir = join(tmp.dir, name);
  await commitOutputs({ outDir: dir, files: OLD, head: head(), final: false, partial: false });
  return dir;
}

async function copyOf(dir: string, name: string): Promise<string> {
  const to = join(tmp.dir, name);
  await rm(to, { recursive: true, force: true });
  await cp(dir, to, { recursive: true, preserveTimestamps: true });
  return to;
}

const CODES = ['ENOSPC', 'EACCES', 'EROFS', 'EIO', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EDQUOT', 'EBUSY'];

describe('a failure at any write leaves the previous outputs as they were', () => {
  it('replacing a build: every write of the commit, in turn', async () => {
    const base = await previousBuild('base');
    const clean = faultyFs(undefined);
    const done = await commitOutputs({ ...request(await copyOf(base, 'clean')), fs: clean });
    expect(done.written).toEqual(['booklet.pdf', 'booklet-print.pdf', 'inserts/02-b.pdf', 'inserts/03-c.pdf', 'typesetting-report.json', 'manifest.json']);
    const writes = clean.calls;
    // The lock; six files staged; each switched, the four there before kept as backups
    // (link) until the manifest is in; the backups removed; the lock removed.
    expect(writes.map((c) => c.op).join(' ')).toBe(
      'create  create create create create create create  link rename link rename link rename rename rename link rename  unlink unlink unlink unlink  unlink'.replace(/ +/g, ' '),
    );
    const lastSwitch = writes.findIndex((c) => c.op === 'rename' && c.path.endsWith('/manifest.json'));
    expect(lastSwitch).toBeGreaterThan(0);

    for (let at = 0; at < writes.length; at++) {
      const code = CODES[at % CODES.length]!;
      const dir = await copyOf(base, 'run');
      const before = await snapshot(dir);
      const fs = faultyFs({ at, code });
      const what = `${code} at write ${at} (${describeCall(writes[at]!, dir)})`;
      if (at <= lastSwitch) {
        const err = await commitOutputs({ ...request(dir), fs }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, what).toBeInstanceOf(FileFault);
        const message = (err as Error).message;
        expect(message, what).toContain(`(${code})`);
        expect(message, what).toContain(dir);
        expect(message, what).toMatch(/nothing was (changed|written)/);
        expect(message.includes('\n'), what).toBe(false);
        expect(await snapshot(dir), what).toEqual(before);
      } else {
        // Past the switch only clean-up is left (a backup or the lock not removed): the new
        // set is in, and what stayed behind is plan-booklet's own, removed by the next build.
        await commitOutputs({ ...request(dir), fs });
        expect(await readFile(join(dir, 'booklet.pdf'), 'utf8'), what).toBe('%PDF booklet v2');
        const left = await leftovers(dir);
        expect(left.length, what).toBe(1);
        await commitOutputs(request(dir));
        expect(await leftovers(dir), what).toEqual([]);
      }
    }
  });

  it('a first build into a new folder: a failure leaves no file at all', async () => {
    const clean = faultyFs(undefined);
    await commitOutputs({ ...request(join(tmp.dir, 'fresh-clean')), fs: clean });
    const lastSwitch = clean.calls.findIndex((c) => c.op === 'rename' && c.path.endsWith('/manifest.json'));
    for (let at = 0; at <= lastSwitch; at++) {
      const dir = join(tmp.dir, 'fresh');
      await rm(dir, { recursive: true, force: true });
      const err = await commitOutputs({ ...request(dir), fs: faultyFs({ at, code: 'ENOSPC' }) }).catch((e: unknown) => e);
      expect(err, `write ${at}`).toBeInstanceOf(FileFault);
      // The output folder itself may have been made; nothing is in it.
      expect(await readdir(dir).catch(() => []), `write ${at}`).toEqual([]);
    }
  });

  it('a failed rename keeps the old file, and the temporary file is removed', async () => {
    const dir = await copyOf(await previousBuild('rename-base'), 'rename');
    const old = await readFile(join(dir, 'booklet-print.pdf'));
    const fs = faultyFs({ code: 'EACCES', when: (c) => c.op === 'rename' && c.path.endsWith('/booklet-print.pdf') });
    const err = await commitOutputs({ ...request(dir), fs }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/booklet-print\.pdf: permission denied \(EACCES\); .*nothing was changed/);
    expect(Buffer.compare(await readFile(join(dir, 'booklet-print.pdf')), old)).toBe(0);
    // booklet.pdf was switched before it: put back
    expect(await readFile(join(dir, 'booklet.pdf'), 'utf8')).toBe('%PDF booklet v1');
    expect(await leftovers(dir)).toEqual([]);
    expect((await readdir(join(dir, 'inserts'))).sort()).toEqual(['01-a.pdf', '02-b.pdf']);
  });

  it('files whose bytes are unchanged are not rewritten', async () => {
    const dir = await copyOf(await previousBuild('same-base'), 'same');
    const before = await snapshot(dir);
    const fs = faultyFs(undefined);
    const done = await commitOutputs({ outDir: dir, files: OLD, head: head(), final: false, partial: false, fs });
    expect(done.written).toEqual([]);
    expect(fs.calls.map((c) => c.op)).toEqual(['create', 'unlink']); // the lock, taken and released
    expect(await snapshot(dir)).toEqual(before);
  });

  it('when putting a file back fails too, the message names its backup, which is kept', async () => {
    const dir = await copyOf(await previousBuild('stuck-base'), 'stuck');
    let renames = 0;
    const fs = faultyFs({
      code: 'EIO',
      when: (c) => c.op === 'rename' && (c.path.endsWith('/inserts/02-b.pdf') || (c.path.endsWith('/booklet.pdf') && ++renames > 1)),
    });
    const err = await commitOutputs({ ...request(dir), fs }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFault);
    const message = (err as Error).message;
    const backup = /its previous version is (\S+\.old)/.exec(message)?.[1];
    expect(message).toMatch(/booklet\.pdf \(its previous version is .*: rename it back\)/);
    expect(backup).toBeDefined();
    expect(await readFile(backup!, 'utf8')).toBe('%PDF booklet v1');
  });

  it('hard links refused (some network shares): backups are copies and the commit goes through', async () => {
    const dir = await copyOf(await previousBuild('nolink-base'), 'nolink');
    const fs = faultyFs({ code: 'EPERM', when: (c) => c.op === 'link' });
    await commitOutputs({ ...request(dir), fs });
    expect(fs.calls.filter((c) => c.op === 'copyFile')).toHaveLength(4);
    expect(await readFile(join(dir, 'inserts/02-b.pdf'), 'utf8')).toBe('%PDF b v2');
    expect(await leftovers(dir)).toEqual([]);
  });

  it('something other than a file where an output goes is refused before anything is written', async () => {
    for (const [name, make] of [
      ['a folder', (p: string) => mkdir(p)],
      ['a symbolic link', async (p: string) => (await import('node:fs/promises')).symlink('/etc/hostname', p)],
    ] as const) {
      const dir = await copyOf(await previousBuild('kind-base'), 'kind');
      await rm(join(dir, 'digest.pdf'));
      await make(join(dir, 'digest.pdf'));
      const before = await snapshot(dir);
      const err = await commitOutputs(request(dir)).catch((e: unknown) => e);
      expect((err as Error).message).toContain(`${join(dir, 'digest.pdf')}: ${name} is where booklet writes a file`);
      expect(await snapshot(dir)).toEqual(before);
    }
  });

  it('a failure while updating the cache is a note: the outputs are in', async () => {
    const dir = await copyOf(await previousBuild('cache-base'), 'cache');
    const store = {
      get: async () => undefined,
      put: async () => {
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'open', path: join(dir, '.cache/x.pdf') });
      },
      retain: async () => undefined,
    };
    const done = await commitOutputs({ ...request(dir), cache: { store, add: new Map([['k', { bytes: new Uint8Array(1), pages: 1, parts: [], report: {} as never }]]), keep: new Set() } });
    expect(done.notes).toEqual([expect.stringMatching(/typesetting cache was not updated: .*\.cache\/x\.pdf: the disk is full \(ENOSPC\)/)]);
    expect(await readFile(join(dir, 'booklet.pdf'), 'utf8')).toBe('%PDF booklet v2');
  });
});

function describeCall(c: Call, dir: string): string {
  return `${c.op} ${c.path.replace(dir, '<out>')}`;
}

describe('the manifest', () => {
  const entry = (path: string, sha = 'c') => ({ path, bytes: 1, pages: 1, sha256: sha.repeat(64) });
  const manifest = (files: Manifest['files'], data = 'a'): Manifest => ({ ...head(data), files });

  it('a partial build keeps the earlier entries only when data, resources and tool are the same', () => {
    const now = [entry('digest.pdf')];
    const previous = manifest([entry('digest.pdf', 'd'), entry('inserts/01-a.pdf')]);
    const digestOnly = { ...head(), build: { only: ['digest' as const] } };
    const merged = nextSet(now, digestOnly, { kind: 'ok', manifest: previous }, true);
    expect(merged.files.map((e) => e.path)).toEqual(['digest.pdf', 'inserts/01-a.pdf']);
    // the new entry wins over the old one of the same path; the set is still everything
    expect(merged.files[0]!.sha256).toBe('c'.repeat(64));
    expect(merged.build).toEqual({});
    expect(merged.stale).toEqual([]);
    const otherData = nextSet(now, { ...digestOnly, data: { sha256: 'e'.repeat(64), files: [] } }, { kind: 'ok', manifest: previous }, true);
    expect(otherData.files.map((e) => e.path)).toEqual(['digest.pdf']);
    expect(otherData.build).toEqual({ only: ['digest'] });
    // the earlier file stays in the folder, named as out of date
    expect(otherData.stale).toEqual(['inserts/01-a.pdf']);
    expect(otherData.remove).toEqual([]);
    const otherResources = { ...previous, resources: { sha256: 'f'.repeat(64), files: [] } };
    expect(nextSet(now, digestOnly, { kind: 'ok', manifest: otherResources }, true).files.map((e) => e.path)).toEqual(['digest.pdf']);
    const otherCode = { ...previous, tool: { ...previous.tool, code: '1'.repeat(64) } };
    expect(nextSet(now, digestOnly, { kind: 'ok', manifest: otherCode }, true).files.map((e) => e.path)).toEqual(['digest.pdf']);
    expect(nextSet(now, digestOnly, { kind: 'damaged', problem: 'x' }, true).files.map((e) => e.path)).toEqual(['digest.pdf']);
    expect(nextSet(now, digestOnly, { kind: 'none' }, true).files.map((e) => e.path)).toEqual(['digest.pdf']);
  });

  it('a full build lists only what it made and removes what earlier builds listed or left stale', () => {
    const previous = { ...manifest([entry('booklet.pdf'), entry('booklet-imposed.pdf'), entry('inserts/03-gone.pdf')]), stale: ['digest.pdf', 'inserts/09-old.pdf'] };
    const set = nextSet([entry('booklet.pdf'), entry('digest.pdf')], head(), { kind: 'ok', manifest: previous }, false);
    expect(set.files.map((e) => e.path)).toEqual(['booklet.pdf', 'digest.pdf']);
    expect(set.remove).toEqual(['booklet-imposed.pdf', 'inserts/03-gone.pdf', 'inserts/09-old.pdf']);
    expect(set.stale).toEqual([]);
    // a damaged manifest is not trusted to say what is ours: nothing is removed
    expect(nextSet([entry('booklet.pdf')], head(), { kind: 'damaged', problem: 'x' }, false).remove).toEqual([]);
  });

  it('two partial builds that no single build makes together do not merge', () => {
    const previous = { ...manifest([entry('inserts/01-a.pdf')]), build: { only: ['inserts' as const], dept: 'a' } };
    const set = nextSet([entry('inserts/02-b.pdf')], { ...head(), build: { only: ['inserts'], dept: 'b' } }, { kind: 'ok', manifest: previous }, true);
    expect(set.files.map((e) => e.path)).toEqual(['inserts/02-b.pdf']);
    expect(set.stale).toEqual(['inserts/01-a.pdf']);
    const imposed = nextSet([entry('booklet-print.pdf'), entry('booklet-imposed.pdf')], { ...head(), build: { only: ['print'], impose: 'saddle' } }, { kind: 'ok', manifest: manifest([entry('booklet.pdf')]) }, true);
    expect(imposed.build).toEqual({ impose: 'saddle' });
    expect(imposed.files.map((e) => e.path)).toEqual(['booklet-print.pdf', 'booklet-imposed.pdf', 'booklet.pdf']);
  });

  it("a final edition's manifest may gain an entry, never lose or change one", () => {
    const published = manifest([entry('booklet.pdf'), entry('digest.pdf')]);
    const same = [{ path: 'booklet.pdf', old: enc.encode('x'), bytes: enc.encode('x') }];
    expect(() => refuseToChangePublished('/out', same, { kind: 'ok', manifest: published }, manifest([entry('booklet.pdf'), entry('digest.pdf'), entry('inserts/01-a.pdf')]))).not.toThrow();
    expect(() => refuseToChangePublished('/out', same, { kind: 'ok', manifest: published }, manifest([entry('booklet.pdf')]))).toThrow(/would change manifest\.json/);
    expect(() => refuseToChangePublished('/out', same, { kind: 'ok', manifest: published }, manifest([entry('booklet.pdf'), entry('digest.pdf', 'e')]))).toThrow(
      PublishedError,
    );
    const changed = [{ path: 'booklet.pdf', old: enc.encode('x'), bytes: enc.encode('y') }];
    expect(() => refuseToChangePublished('/out', changed, { kind: 'none' }, manifest([]))).toThrow(/would change booklet\.pdf\./);
    // a file not there yet changes nothing published
    expect(() => refuseToChangePublished('/out', [{ path: 'digest.pdf', old: undefined, bytes: enc.encode('y') }], { kind: 'none' }, manifest([]))).not.toThrow();
    expect(() => refuseToChangePublished('/out', same, { kind: 'damaged', problem: '/out/manifest.json: not valid JSON' }, manifest([]))).toThrow(
      /not valid JSON\. This edition is final/,
    );
  });

  it('the manifest written lists every file of the set with its sha256, sorted', async () => {
    const dir = join(tmp.dir, 'listed');
    const done = await commitOutputs(request(dir));
    const written = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(written.files.map((f) => f.path)).toEqual(['booklet-print.pdf', 'booklet.pdf', 'digest.pdf', 'inserts/01-a.pdf', 'inserts/02-b.pdf', 'inserts/03-c.pdf']);
    expect(written.files.find((f) => f.path === 'booklet.pdf')).toMatchObject({ pages: 14, sha256: sha256(NEW[0]!.bytes) });
    expect(done.manifest.files).toHaveLength(6);
    await writeFile(join(dir, 'x'), '');
  });
});

describe('HTML pages list the PDFs the folder holds after the commit', () => {
  const listing = (files: readonly { path: string; bytes: Uint8Array; pages: number }[]) => files.map((f) => ({ path: f.path, bytes: f.bytes.byteLength, pages: f.pages }));
  const page = { path: 'html/index.html', bytes: enc.encode('<html>'), pages: 0 };

  it('a partial build whose pages list the folder as it is under the lock is written', async () => {
    const dir = await previousBuild('html-same');
    const booklet = file('booklet.pdf', 'booklet v2', 14);
    const kept = OLD.filter((f) => f.path !== 'booklet.pdf');
    const done = await commitOutputs({ ...request(dir, [booklet, page], { partial: true, unlisted: [] }), listedPdfs: listing([booklet, ...kept]) });
    expect(done.written).toEqual(['booklet.pdf', 'html/index.html', 'manifest.json']);
  });

  it('another build committed after the pages were made: refused, nothing written, the folder as that build left it', async () => {
    const dir = await previousBuild('html-raced');
    const booklet = file('booklet.pdf', 'booklet v2', 14);
    // The pages were made when the folder held OLD; meanwhile another build changed the digest.
    const listed = listing([booklet, ...OLD.filter((f) => f.path !== 'booklet.pdf')]);
    await commitOutputs({ ...request(dir, [file('digest.pdf', 'digest v2', 2)], { partial: true, unlisted: [] }) });
    const before = await snapshot(dir);
    const raced = commitOutputs({ ...request(dir, [booklet, page], { partial: true, unlisted: [] }), listedPdfs: listed });
    await expect(raced).rejects.toThrow(FileFault);
    await expect(raced).rejects.toThrow(/another build changed the folder while this one ran.*Nothing was written; build again/);
    expect(await snapshot(dir)).toEqual(before);
    expect(await leftovers(dir)).toEqual([]);
  });
});
