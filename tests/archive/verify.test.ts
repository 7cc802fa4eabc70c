import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scratch } from '../helpers/fixtures.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;

/** A copy of the fresh build that a test may damage. */
async function copyOut(name: string): Promise<string> {
  const dir = join(tmp.dir, name);
  await cp(out, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  tmp = await scratch('booklet-verify-');
  out = join(tmp.dir, 'out');
  const r = await cli(['build', 'data/2020', '--out', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('verify <output-dir>', () => {
  it('passes on a fresh build', async () => {
    const r = await cli(['verify', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: unknown[] };
    expect(r.out).toContain(`${manifest.files.length} file(s) match manifest.json (size, sha256, pages)`);
  });

  it('fails naming booklet.pdf when one byte of it changed', async () => {
    const dir = await copyOut('one-byte');
    const file = join(dir, 'booklet.pdf');
    const bytes = new Uint8Array(await readFile(file));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, bytes);
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/booklet\.pdf: .*sha256/);
    expect(r.err).not.toMatch(/digest\.pdf|inserts\//);
    noStack(r.err);
  });

  it('names a removed file and an extra PDF; ignores dot files, notes other files', async () => {
    const dir = await copyOut('removed-extra');
    await rm(join(dir, 'inserts/03-shimin.pdf'));
    await writeFile(join(dir, 'inserts/11-extra.pdf'), '%PDF-1.7\n');
    await writeFile(join(dir, '.booklet.pdf.123.tmp'), 'half a file');
    await writeFile(join(dir, 'README.txt'), 'notes');
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/inserts\/03-shimin\.pdf: missing/);
    expect(r.err).toMatch(/inserts\/11-extra\.pdf: extra/);
    expect(r.err).not.toMatch(/\.tmp/);
    expect(r.err).toMatch(/note: .*README\.txt: not in the manifest/);
    expect(r.err).toMatch(/2 problem\(s\)/);
  });

  it('reports a size change, and a file that is not a readable PDF, without crashing', async () => {
    const dir = await copyOut('not-pdf');
    const digest = await readFile(join(dir, 'digest.pdf'));
    await writeFile(join(dir, 'digest.pdf'), digest.subarray(0, 1000));
    await writeFile(join(dir, 'inserts/01-kikaku.pdf'), 'this is not a PDF');
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/digest\.pdf: not a readable PDF .*size \d+ → 1000 bytes/);
    expect(r.err).toMatch(/inserts\/01-kikaku\.pdf: not a readable PDF/);
    noStack(r.err);
  });

  it('reports a page count that differs from the manifest', async () => {
    const dir = await copyOut('pages');
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; pages: number }[] };
    manifest.files.find((f) => f.path === 'digest.pdf')!.pages = 2;
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/digest\.pdf: differs from the manifest: pages 2 → 1/);
  });

  it('a missing or broken manifest is exit 1 with a message; a missing folder is a usage error', async () => {
    const dir = await copyOut('no-manifest');
    await rm(join(dir, 'manifest.json'));
    let r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no manifest\.json here/);
    await writeFile(join(dir, 'manifest.json'), '{"manifestVersion": 1, "files": "nope"');
    r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/manifest\.json: not valid JSON/);
    await writeFile(join(dir, 'manifest.json'), '{"manifestVersion": 1}');
    r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a plan-booklet manifest/);
    r = await cli(['verify', 'data/2020']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/data\/2020: this is an edition folder, .*booklet verify --rebuild data\/2020/);
    r = await cli(['verify', join(tmp.dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such output folder or archive/);
    r = await cli(['verify', out, '--manifest', 'x.json']);
    expect(r.code).toBe(2);
    noStack(r.err);
  });

  it('does not read outside the folder when the manifest names ../ paths', async () => {
    const dir = await copyOut('unsafe');
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    manifest.files[0]!.path = '../out/booklet.pdf';
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\.\.\/out\/booklet\.pdf: the manifest names a path outside the folder/);
  });
});
