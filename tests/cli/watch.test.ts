import { cp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadResources } from '../../src/resources.js';
import { watchEdition, type WatchEnd, type WatchEvent } from '../../src/watch.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { leftovers } from '../faults/support/folder.js';
import { startBooklet, STACK_LINE } from '../faults/support/process.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

const until = async (cond: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

/** Saves as many editors do: the whole text into a temporary file beside it, renamed over the original. */
async function saveByRename(file: string, text: string): Promise<void> {
  const tmpFile = `${file}.swp~`;
  await writeFile(tmpFile, text);
  await rename(tmpFile, file);
}

/** Watches a fresh copy of data/sample; `events` collects what it reports. */
async function watching(name: string) {
  const dir = await copyEdition('sample', join(tmp.dir, name));
  const out = join(tmp.dir, `${name}-out`);
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  const ended: Promise<WatchEnd> = watchEdition({ editionDir: dir, outDir: out, signal: controller.signal, onEvent: (e) => events.push(e), checkMs: 100 }, await loadResources());
  const builtAll = () => events.filter((e) => e.kind === 'built' && e.scope === 'all').length;
  return { dir, out, events, controller, ended, builtAll };
}

describe('watch', () => {
  it('builds once at start, then the edited insert first and everything after; a data error keeps the last good PDFs', async () => {
    const w = await watching('basic');
    expect(await until(() => w.builtAll() === 1)).toBe(true);
    expect(w.events[0]).toMatchObject({ kind: 'built', scope: 'all', changed: [] });
    const insert = join(w.out, 'inserts/02-kenko-fukushi.pdf');
    const before = await readFile(insert);

    const file = join(w.dir, 'departments/kenko-fukushi.yaml');
    const text = await readFile(file, 'utf8');
    w.events.length = 0;
    await writeFile(file, text.replace('健康福祉部', '健康福祉部（改）'));
    expect(await until(() => w.builtAll() === 1)).toBe(true);
    const first = w.events[0]!;
    expect(first.kind === 'built' && first.scope).toBe('insert');
    expect(first.kind === 'built' && first.result.files.map((f) => f.path)).toEqual(['inserts/02-kenko-fukushi.pdf']);
    expect(Buffer.compare(await readFile(insert), before)).not.toBe(0);

    // A broken save: reported, nothing written.
    const good = await readFile(join(w.out, 'booklet.pdf'));
    const mtime = (await stat(join(w.out, 'booklet.pdf'))).mtimeMs;
    w.events.length = 0;
    await writeFile(file, 'name: [\n');
    expect(await until(() => w.events.some((e) => e.kind === 'failed'))).toBe(true);
    expect(Buffer.compare(await readFile(join(w.out, 'booklet.pdf')), good)).toBe(0);
    expect((await stat(join(w.out, 'booklet.pdf'))).mtimeMs).toBe(mtime);

    w.controller.abort();
    expect(await w.ended).toEqual({ reason: 'stopped' });
  });

  it('sees every save made by writing a temporary file and renaming it over the original, not only the first', async () => {
    const w = await watching('rename-saves');
    expect(await until(() => w.builtAll() === 1)).toBe(true);
    const file = join(w.dir, 'departments/kodomo-mirai.yaml');
    const text = await readFile(file, 'utf8');
    const insert = join(w.out, 'inserts/03-kodomo-mirai.pdf');
    const seen = new Set([(await readFile(insert)).toString('base64')]);
    for (let i = 1; i <= 3; i++) {
      await saveByRename(file, `${text}# save ${i}\n`.replace(/^name: (.*)$/m, `name: $1${'改'.repeat(i)}`));
      expect(await until(() => w.builtAll() === 1 + i), `save ${i}`).toBe(true);
      const last = w.events.at(-1)!;
      expect(last.kind === 'built' && last.changed).toEqual(['departments/kodomo-mirai.yaml']);
      seen.add((await readFile(insert)).toString('base64'));
      expect(seen.size, `save ${i} changed the insert`).toBe(1 + i);
    }
    // edition.yaml too
    const edition = join(w.dir, 'edition.yaml');
    await saveByRename(edition, `${await readFile(edition, 'utf8')}# saved\n`);
    expect(await until(() => w.builtAll() === 5)).toBe(true);
    expect(w.events.at(-1)).toMatchObject({ kind: 'built', changed: ['edition.yaml'] });
    w.controller.abort();
    await w.ended;
  });

  it('keeps watching when departments/ is replaced as a whole (a checkout)', async () => {
    const w = await watching('replaced');
    expect(await until(() => w.builtAll() === 1)).toBe(true);
    const departments = join(w.dir, 'departments');
    await cp(departments, `${departments}.new`, { recursive: true });
    await rm(departments, { recursive: true });
    await rename(`${departments}.new`, departments);
    const file = join(departments, 'toshi-seibi.yaml');
    // The folder is watched again on the next check; a save after that is seen (the
    // checkout itself may be seen as changes too: only what follows the save counts).
    await new Promise((r) => setTimeout(r, 400));
    const from = w.events.length;
    await writeFile(file, `${await readFile(file, 'utf8')}# after the checkout\n`);
    const afterSave = () => w.events.slice(from).some((e) => e.kind === 'built' && e.scope === 'all' && e.changed.join() === 'departments/toshi-seibi.yaml');
    expect(await until(afterSave)).toBe(true);
    w.controller.abort();
    await w.ended;
  });

  it.each([
    ['renamed', (dir: string) => rename(dir, `${dir}-moved`)],
    ['deleted', (dir: string) => rm(dir, { recursive: true })],
  ] as const)('stops with a message when the edition folder is %s', async (how, change) => {
    const w = await watching(`gone-${how}`);
    expect(await until(() => w.builtAll() === 1)).toBe(true);
    await change(w.dir);
    const end = await w.ended;
    expect(end).toEqual({ reason: 'gone', message: `${w.dir}: the edition folder was moved or deleted; watch stopped. Start it again with the folder's new path` });
  });
});

describe('watch as a process', () => {
  it('an output folder inside the edition folder is refused before watching (exit 2)', async () => {
    const { cli } = await import('../helpers/cli.js');
    const dir = await copyEdition('sample', join(tmp.dir, 'inside'));
    const r = await cli(['watch', dir, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the output folder must be outside the edition folder/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops it through its own shutdown: "stopped watching", exit 0, nothing left behind`, async () => {
      const dir = await copyEdition('sample', join(tmp.dir, `proc-${signal}`));
      const out = join(tmp.dir, `proc-${signal}-out`);
      const p = startBooklet(['watch', dir, '--out', out], { timeoutMs: 60_000 });
      expect(await p.waitFor(/first build → \d+ files/, 60_000)).toBe(true);
      p.child.kill(signal);
      const r = await p.ended;
      expect(r.hung).toBe(false);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(new RegExp(`stopped watching ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
      expect(r.err).toBe('');
      expect(await leftovers(out)).toEqual([]);
    });
  }

  it('--impose saddle keeps the sheets up to date; without it, watch says it removed those of an earlier build', async () => {
    const dir = await copyEdition('sample', join(tmp.dir, 'proc-impose'));
    const out = join(tmp.dir, 'proc-impose-out');
    const imposed = join(out, 'booklet-imposed.pdf');
    const p = startBooklet(['watch', dir, '--out', out, '--impose', 'saddle'], { timeoutMs: 90_000 });
    expect(await p.waitFor(/first build → \d+ files/, 60_000)).toBe(true);
    const before = await stat(imposed);
    const file = join(dir, 'departments/kenko-fukushi.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^name: (.*)$/m, 'name: $1（改）'));
    expect(await p.waitFor(/kenko-fukushi\.yaml → \d+ files/, 60_000)).toBe(true);
    expect((await stat(imposed)).mtimeMs).toBeGreaterThan(before.mtimeMs);
    p.child.kill('SIGINT');
    const r = await p.ended;
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/removed/);

    const q = startBooklet(['watch', dir, '--out', out], { timeoutMs: 60_000 });
    expect(await q.waitFor(/first build → \d+ files/, 60_000)).toBe(true);
    q.child.kill('SIGINT');
    const s = await q.ended;
    expect(s.code, s.err).toBe(0);
    expect(s.out).toContain(`${imposed}: removed (made by an earlier build, no longer part of this one)\n`);
    await expect(stat(imposed)).rejects.toThrow();
  }, 120_000);

  it('the edition folder deleted: exit 1 with one line saying so', async () => {
    const dir = await copyEdition('sample', join(tmp.dir, 'proc-gone'));
    const p = startBooklet(['watch', dir, '--out', join(tmp.dir, 'proc-gone-out')], { timeoutMs: 60_000 });
    expect(await p.waitFor(/first build → /, 60_000)).toBe(true);
    await rm(dir, { recursive: true });
    const r = await p.ended;
    expect(r.hung).toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.err).toBe(`booklet: ${dir}: the edition folder was moved or deleted; watch stopped. Start it again with the folder's new path\n`);
  });
});
