// Damaged state is never trusted and never crashes: a manifest that is null, the wrong
// shape or names paths outside the folder; cache metadata that disagrees with its PDF;
// a lock whose pid now belongs to another process; temporaries a killed build left; an
// archive holding the same entry twice.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from '../../src/archive/tar.js';
import { currentHolder, startTimeOf } from '../../src/emit/outputLock.js';
import { folderCache } from '../../src/emit/typesetCache.js';
import type { Manifest } from '../../src/emit/manifest.js';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { leftovers, snapshot } from './support/folder.js';
import { startBooklet, STACK_LINE } from './support/process.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let draft: string; // data/sample as a draft
let finalEdition: string; // data/sample as a final edition
let base: string; // a build of the draft's digest and one insert
beforeAll(async () => {
  tmp = await scratch('booklet-damaged-state-');
  draft = await copyEdition('sample', join(tmp.dir, 'draft'));
  await edit(draft, 'edition.yaml', (s) => s.replace(/^status: .*$/m, 'status: draft'));
  finalEdition = await copyEdition('sample', join(tmp.dir, 'final'));
  await edit(finalEdition, 'edition.yaml', (s) => s.replace(/^status: .*$/m, 'status: final'));
  base = join(tmp.dir, 'base');
  expect((await cli(['build', draft, '--out', base, '--only', 'digest,inserts', '--dept', 'kenko-fukushi'])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

async function edit(dir: string, rel: string, f: (s: string) => string): Promise<void> {
  await writeFile(join(dir, rel), f(await readFile(join(dir, rel), 'utf8')));
}
const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const noCrash = (r: { code: number; err: string }) => {
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error/);
};

describe('a damaged manifest.json is never trusted', () => {
  const good = async () => manifestOf(base);
  const cases: readonly [string, () => Promise<string>][] = [
    ['null', async () => 'null'],
    ['an array', async () => '[]'],
    ['the wrong shape', async () => '{"manifestVersion": 1, "files": "booklet.pdf"}'],
    ['not JSON', async () => '{"manifestVersion": 1, "files": ['],
    ['empty', async () => ''],
    ['a path outside the folder', async () => JSON.stringify({ ...(await good()), files: [...(await good()).files, { path: '../../etc/passwd', bytes: 1, pages: 1, sha256: 'a'.repeat(64) }] })],
    ['a file listed twice', async () => JSON.stringify({ ...(await good()), files: [...(await good()).files, (await good()).files[0]] })],
  ];

  it.each(cases)('%s: a partial build exits 0 and writes a manifest of its own files only', async (name, text) => {
    const out = join(tmp.dir, `m-${name.replace(/\W+/g, '-')}`);
    await cp(base, out, { recursive: true });
    await writeFile(join(out, 'manifest.json'), await text());
    const r = await cli(['build', draft, '--out', out, '--only', 'digest']);
    noCrash(r);
    expect(r.code, r.err).toBe(0);
    // Nothing carried over from the damaged manifest (a good one would keep the insert's entry).
    expect((await manifestOf(out)).files.map((f) => f.path)).toEqual(['digest.pdf']);
    expect((await cli(['verify', out])).code).toBe(1); // the insert is now an unlisted PDF: said, not hidden
  });

  it('a good manifest is merged (the contrast to the cases above)', async () => {
    const out = join(tmp.dir, 'm-good');
    await cp(base, out, { recursive: true });
    expect((await cli(['build', draft, '--out', out, '--only', 'digest'])).code).toBe(0);
    expect((await manifestOf(out)).files.map((f) => f.path)).toEqual(['digest.pdf', 'inserts/02-kenko-fukushi.pdf']);
  });

  it('a final edition with a damaged manifest: exit 1, nothing written, told to restore it', async () => {
    const out = join(tmp.dir, 'm-final');
    expect((await cli(['build', finalEdition, '--out', out, '--only', 'digest'])).code).toBe(0);
    await writeFile(join(out, 'manifest.json'), 'null');
    const before = await snapshot(out);
    const r = await cli(['build', finalEdition, '--out', out, '--only', 'digest']);
    noCrash(r);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/manifest\.json: not a plan-booklet manifest .*This edition is final .*restore manifest\.json from the archive.*Nothing was written/);
    expect(await snapshot(out)).toEqual(before);
  });

  it("a final edition: a build whose manifest would lose an entry is refused (a comment-only edit, then --only digest)", async () => {
    const edition = join(tmp.dir, 'final-lose');
    await cp(finalEdition, edition, { recursive: true });
    const out = join(tmp.dir, 'final-lose-out');
    expect((await cli(['build', edition, '--out', out, '--only', 'digest,inserts', '--dept', 'kenko-fukushi'])).code).toBe(0);
    // The PDFs stay byte-identical, but the data's hash changes: earlier entries are not merged.
    await edit(edition, 'departments/kenko-fukushi.yaml', (s) => `# a comment\n${s}`);
    const before = await snapshot(out);
    const r = await cli(['build', edition, '--out', out, '--only', 'digest']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/this edition is final .*the build would change manifest\.json\. Nothing was written/);
    expect(await snapshot(out)).toEqual(before);
  });
});

describe('cache entries that disagree with their PDF are misses', () => {
  it.each([
    ['pages changed in the metadata', (m: Record<string, unknown>) => ({ ...m, pages: 99 })],
    ['the metadata null', () => null],
    ['another entry\'s metadata', (m: Record<string, unknown>, other: Record<string, unknown>) => ({ ...other, key: m['key'] })],
    ['sha256 and pages rewritten together', (m: Record<string, unknown>) => ({ ...m, pages: 1, sha256: 'a'.repeat(64) })],
  ] as const)('%s: typeset again, the same bytes as without a cache', async (_name, damage) => {
    const resources = await loadResources();
    const out = join(tmp.dir, `c-${_name.replace(/\W+/g, '-')}`);
    const cacheDir = join(out, '.cache');
    const first = await buildEdition({ editionDir: draft, outDir: out, only: ['digest', 'inserts'], cache: folderCache(cacheDir) }, resources);
    const metas = (await readdir(cacheDir)).filter((n) => n.endsWith('.json'));
    const texts = await Promise.all(metas.map((n) => readFile(join(cacheDir, n), 'utf8')));
    for (const [i, n] of metas.entries()) {
      const other = JSON.parse(texts[(i + 1) % texts.length]!) as Record<string, unknown>;
      await writeFile(join(cacheDir, n), JSON.stringify(damage(JSON.parse(texts[i]!) as Record<string, unknown>, other)));
    }
    const again = await buildEdition({ editionDir: draft, outDir: out, only: ['digest', 'inserts'], cache: folderCache(cacheDir) }, resources);
    expect(again.typeset.cached).toBe(0);
    expect(again.manifest.files).toEqual(first.manifest.files);
  });
});

describe('a stale lock is recognised by more than its pid', () => {
  const lockIn = async (name: string, holder: unknown): Promise<string> => {
    const out = join(tmp.dir, name);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, '.booklet.lock'), typeof holder === 'string' ? holder : `${JSON.stringify(holder)}\n`);
    return out;
  };
  const build = (out: string) => cli(['build', draft, '--out', out, '--only', 'digest']);

  it('a live process with another start time (its pid was reused): taken over', async () => {
    const other = spawn('sleep', ['30']);
    try {
      const start = startTimeOf(other.pid!);
      expect(start).toBeDefined();
      const me = currentHolder();
      const reused = await lockIn('lock-reused', { pid: other.pid, host: hostname(), boot: me.boot, start: String(Number(start) - 1) });
      const r = await build(reused);
      expect(r.code, r.err).toBe(0);
      // the same process, same start time: a build that runs
      const held = await lockIn('lock-held', { pid: other.pid, host: hostname(), boot: me.boot, start });
      const refused = await build(held);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(new RegExp(`another build \\(process ${other.pid}\\) is writing there`));
      // a lock from before the machine restarted, whose pid is alive again: taken over
      const rebooted = await lockIn('lock-rebooted', { pid: other.pid, host: hostname(), boot: 'another-boot', start });
      expect((await build(rebooted)).code).toBe(0);
    } finally {
      other.kill();
    }
  });

  it('a lock from another machine is not broken (its process cannot be checked): exit 1 naming the host and the file', async () => {
    const out = await lockIn('lock-elsewhere', { pid: 1, host: 'print-server' });
    const r = await build(out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a build on print-server \(process 1\) holds the lock .*if no build runs there, remove .*\.booklet\.lock/);
  });

  it('an unreadable lock (garbage, pid 0, a negative pid), or one naming a process that is gone: taken over', async () => {
    expect((await build(await lockIn('lock-garbage', 'not a lock'))).code).toBe(0);
    // pid 0 would name the process group, which always answers "alive"
    expect((await build(await lockIn('lock-zero', '0\n'))).code).toBe(0);
    expect((await build(await lockIn('lock-negative', { pid: -1 }))).code).toBe(0);
    expect((await build(await lockIn('lock-gone', { pid: 2 ** 22 + 12345, host: hostname() }))).code).toBe(0);
  });
});

describe('what a killed build left is cleaned by the next build', () => {
  it('temporaries and backups carrying the mark are removed; look-alikes of the user are kept', async () => {
    const out = join(tmp.dir, 'leftovers');
    await cp(base, out, { recursive: true });
    const ours = ['.digest.pdf.booklet-99999.tmp', 'inserts/.02-kenko-fukushi.pdf.booklet-99999.old', '.manifest.json.booklet-4242.tmp'];
    const theirs = ['.digest.pdf.tmp', '.notes.booklet.tmp', 'inserts/.draft.booklet-12.tmpl', 'keep.booklet-1.tmp'];
    for (const f of [...ours, ...theirs]) await writeFile(join(out, f), 'left');
    await writeFile(join(out, '.booklet.lock'), `${2 ** 22 + 999}\n`);
    const r = await cli(['build', draft, '--out', out, '--only', 'digest']);
    expect(r.code, r.err).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    for (const f of theirs) expect(await readFile(join(out, f), 'utf8')).toBe('left');
  });

  it('a build killed (SIGKILL) at any moment: the next build succeeds and leaves nothing behind', async () => {
    const out = join(tmp.dir, 'killed');
    await cp(base, out, { recursive: true });
    const changed = join(tmp.dir, 'killed-edition');
    await cp(draft, changed, { recursive: true });
    await edit(changed, 'edition.yaml', (s) => s.replace(/^city: (.*)$/m, 'city: $1（改）'));
    const p = startBooklet(['build', changed, '--out', out, '--no-cache']);
    await p.waitFor(/booklet-print\.pdf/);
    p.child.kill('SIGKILL');
    await p.ended;
    const r = await cli(['build', changed, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    expect((await cli(['verify', out])).code).toBe(0);
  });
});

describe('an archive holding an entry twice', () => {
  it('verify reports it; verify --rebuild refuses to choose between two data files', async () => {
    const out = join(tmp.dir, 'archived');
    expect((await cli(['build', finalEdition, '--out', out])).code).toBe(0);
    const tar = join(tmp.dir, 'twice.tar');
    const a = await cli(['archive', finalEdition, '--outputs', out, '--out', tar]);
    expect(a.code, a.err).toBe(0);
    const entries = readTar(new Uint8Array(await readFile(tar)));
    const digest = entries.find((e) => e.path.endsWith('output/digest.pdf'))!;
    const dept = entries.find((e) => e.path.endsWith('data/departments/kenko-fukushi.yaml'))!;
    // A second copy after the first: tar(1) would extract the last one.
    const twice = [...entries, { ...digest, bytes: new TextEncoder().encode('%PDF-1.7 other') }, dept];
    const file = join(tmp.dir, 'twice-made.tar');
    await writeFile(file, writeTar(twice, 0));
    const v = await cli(['verify', file]);
    noCrash(v);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/sample-archive\/output\/digest\.pdf: appears 2 times in the archive/);
    expect(v.err).toMatch(/sample-archive\/data\/departments\/kenko-fukushi\.yaml: appears 2 times in the archive/);
    const rb = await cli(['verify', '--rebuild', file]);
    noCrash(rb);
    expect(rb.code).toBe(1);
    expect(rb.err).toMatch(/data\/departments\/kenko-fukushi\.yaml(, \S+)* appear\(s\) more than once in the archive/);
  });
});

