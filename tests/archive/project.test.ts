// What a build made and how, in the manifest, so that the folder, the archive and a rebuild
// agree: build options recorded and used by verify --rebuild (an imposed edition verifies),
// files of earlier builds removed or named stale, and an archive of a city project that
// holds its settings, theme, templates, fonts and logo (and, with --with-tool, the tool).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from '../../src/archive/tar.js';
import type { Manifest } from '../../src/emit/manifest.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';

const run = promisify(execFile);
const BIN = join(ROOT, 'bin/booklet.js');

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('booklet-archive-project-');
});
afterAll(() => tmp.cleanup());

const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('the manifest lists what the latest build made, and how', () => {
  it('an edition built with --impose saddle records it and verifies by rebuilding; a later full build removes the sheets', async () => {
    const out = join(tmp.dir, 'imposed');
    const a = await cli(['build', 'data/sample', '-o', out, '--impose', 'saddle']);
    expect(a.code, a.err).toBe(0);
    let m = await manifestOf(out);
    expect(m.build).toEqual({ impose: 'saddle' });
    expect(m.files.map((f) => f.path)).toContain('booklet-imposed.pdf');
    const v = await cli(['verify', '--rebuild', 'data/sample', '--manifest', join(out, 'manifest.json')]);
    expect(v.err).toBe('');
    expect(v.code).toBe(0);

    const b = await cli(['build', 'data/sample', '-o', out]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain(`${join(out, 'booklet-imposed.pdf')}: removed (made by an earlier build, no longer part of this one)`);
    expect(existsSync(join(out, 'booklet-imposed.pdf'))).toBe(false);
    m = await manifestOf(out);
    expect(m.build).toEqual({});
    expect(m.files.map((f) => f.path)).not.toContain('booklet-imposed.pdf');
    expect((await cli(['verify', out])).code).toBe(0);
  }, 120_000);

  it('a partial build from the same data keeps the set; from other data it names the rest stale until a full build', async () => {
    const dir = join(tmp.dir, 'sample');
    await cp(join(ROOT, 'data/sample'), dir, { recursive: true });
    const out = join(tmp.dir, 'partial');
    expect((await cli(['build', dir, '-o', out, '--impose', 'saddle'])).code).toBe(0);
    const full = await manifestOf(out);

    expect((await cli(['build', dir, '-o', out, '--dept', 'kikaku-seisaku'])).code).toBe(0);
    const same = await manifestOf(out);
    expect(same.files.map((f) => f.path)).toEqual(full.files.map((f) => f.path));
    expect(same.build).toEqual({ impose: 'saddle' });
    expect(same.stale).toBeUndefined();

    const file = join(dir, 'departments/kikaku-seisaku.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^name: .*$/m, 'name: 企画部'));
    expect((await cli(['build', dir, '-o', out, '--dept', 'kikaku-seisaku'])).code).toBe(0);
    const changed = await manifestOf(out);
    expect(changed.files.map((f) => f.path)).toEqual(['inserts/01-kikaku-seisaku.pdf']);
    expect(changed.build).toEqual({ only: ['inserts'], dept: 'kikaku-seisaku' });
    expect(changed.stale).toEqual(expect.arrayContaining(['booklet.pdf', 'booklet-imposed.pdf', 'inserts/02-kenko-fukushi.pdf']));
    const v = await cli(['verify', out]);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/booklet-imposed\.pdf: made by an earlier build from other data, settings or options, so out of date/);
    // and a rebuild of that manifest builds just the one insert
    expect((await cli(['verify', '--rebuild', dir, '--manifest', join(out, 'manifest.json')])).code).toBe(0);

    const again = await cli(['build', dir, '-o', out]);
    expect(again.code, again.err).toBe(0);
    expect(existsSync(join(out, 'booklet-imposed.pdf'))).toBe(false);
    expect((await manifestOf(out)).stale).toBeUndefined();
    expect((await cli(['verify', out])).code).toBe(0);
  }, 120_000);

  it('a final edition published with --impose is not rebuilt without it (that would remove a published file)', async () => {
    const dir = join(tmp.dir, 'final');
    await cp(join(ROOT, 'data/2020'), dir, { recursive: true });
    const out = join(tmp.dir, 'final-out');
    expect((await cli(['build', dir, '-o', out, '--only', 'print', '--impose', 'saddle'])).code).toBe(0);
    const r = await cli(['build', dir, '-o', out, '--only', 'print,booklet']);
    expect(r.code).toBe(0); // a partial build from the same data adds to the set
    const full = await cli(['build', dir, '-o', out]);
    expect(full.code).toBe(1);
    expect(full.err).toMatch(/this edition is final .*would change booklet-imposed\.pdf \(by removing it; build with the options it was published with/);
    expect(existsSync(join(out, 'booklet-imposed.pdf'))).toBe(true);
  }, 120_000);
});

describe("an archive of a city project", () => {
  let city: string;
  let tar: string;
  beforeAll(async () => {
    city = join(tmp.dir, 'city');
    expect((await cli(['init', city])).code).toBe(0);
    await writeFile(join(city, 'logo/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#00873c"/></svg>\n');
    await writeFile(
      join(city, 'booklet.config.yaml'),
      'theme: theme.yaml\ntemplates: templates\nlogo: logo/mark.svg\nterms:\n  contact: 連絡先\n',
    );
    await writeFile(join(city, 'theme.yaml'), "colors:\n  accent: { rgb: '#0b6e4f', cmyk: [85, 20, 75, 10] }\nlogo:\n  colors:\n    green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }\n");
    await mkdir(join(city, 'templates/partials'), { recursive: true });
    const cover = await readFile(join(ROOT, 'templates/partials/cover.hbs'), 'utf8');
    await writeFile(join(city, 'templates/partials/cover.hbs'), cover.replace('{{city}}</p>', '{{city}}（市の版）</p>'));
    const b = await cli(['build', 'editions/sample', '--impose', 'saddle'], city);
    expect(b.code, b.err).toBe(0);
    const a = await cli(['archive', 'editions/sample'], city);
    expect(a.code, a.err).toBe(0);
    tar = join(city, 'output/sample-archive.tar');
    expect(a.out).toMatch(/^output\/sample-archive\.tar: \d+ files, /);
  }, 120_000);

  it('holds the settings and every resource the build used, under the manifest\'s names', async () => {
    const entries = readTar(new Uint8Array(await readFile(tar)));
    const files = new Map(entries.filter((e) => e.type === 'file').map((e) => [e.path.replace(/^sample-archive\//, ''), e.bytes!]));
    const m = await manifestOf(join(city, 'output/sample'));
    for (const r of m.resources.files) if (!r.path.includes(':')) expect(files.has(r.path), r.path).toBe(true);
    // The config's terms are hashed as an entry of their own, but are no file: no `booklet.config.yaml:terms` (a colon no Windows folder takes).
    expect([...files.keys()].filter((p) => p.includes(':'))).toEqual([]);
    expect(new TextDecoder().decode(files.get('templates/partials/cover.hbs'))).toContain('（市の版）');
    expect(new TextDecoder().decode(files.get('templates/theme.yaml'))).toContain('#0b6e4f');
    expect(files.has('logo/mark.svg')).toBe(true);
    expect(files.has('fonts/OFL.txt')).toBe(true);
    const config = new TextDecoder().decode(files.get('booklet.config.yaml'));
    expect(config).toMatch(/^theme: templates\/theme\.yaml$/m);
    expect(config).toMatch(/^logo: logo\/mark\.svg$/m);
    expect(config).toMatch(/^ {2}contact: 連絡先$/m);
    const text = new TextDecoder().decode(files.get('ARCHIVE.txt'));
    expect(text).toMatch(/built by +plan-booklet \d+\.\d+\.\d+, code sha256 [0-9a-f]{64}/);
    expect(text).toContain('booklet build --impose saddle');
    expect((await cli(['verify', tar])).code).toBe(0);
  });

  it('rebuilds from its own settings and resources, wherever it is verified', async () => {
    // From another project, whose settings must not apply.
    const other = join(tmp.dir, 'other');
    expect((await cli(['init', other])).code).toBe(0);
    await writeFile(join(other, 'theme.yaml'), "colors:\n  accent: { rgb: '#aa0000', cmyk: [0, 100, 100, 30] }\n");
    const r = await cli(['verify', '--rebuild', tar], other);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rebuilt \d+ file\(s\) in [\d.]+ s, every one identical to /);
  }, 120_000);

  it('verify names a changed resource; archive refuses a build made with other resources than the project has now', async () => {
    const entries = readTar(new Uint8Array(await readFile(tar))).map((e) =>
      e.path.endsWith('logo/mark.svg') ? { ...e, bytes: new TextEncoder().encode('<svg viewBox="0 0 1 1"/>') } : e,
    );
    const damaged = join(tmp.dir, 'damaged.tar');
    await writeFile(damaged, writeTar(entries, 0));
    const v = await cli(['verify', damaged]);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/sample-archive\/logo\/mark\.svg: differs from the manifest: size/);

    await writeFile(join(city, 'theme.yaml'), "colors:\n  accent: { rgb: '#0b6e4f', cmyk: [85, 20, 75, 11] }\nlogo:\n  colors:\n    green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }\n");
    const a = await cli(['archive', 'editions/sample', '-o', join(tmp.dir, 'stale.tar')], city);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/output\/sample was built with other templates, theme, fonts or logo than the project \(booklet\.config\.yaml\) has now \(changed: templates\/theme\.yaml\)/);
    expect(a.err).toMatch(/build it again \(booklet build editions\/sample --impose saddle\) and archive then/);
  });
});

describe('archive --with-tool', () => {
  it('refuses a build the included tool did not make (another code)', async () => {
    const out = join(tmp.dir, 'in-process');
    expect((await cli(['build', 'data/sample', '-o', out, '--only', 'digest'])).code).toBe(0);
    const r = await cli(['archive', 'data/sample', '--outputs', out, '-o', join(tmp.dir, 'x.tar'), '--with-tool']);
    // The tests run the sources (src/); the included tool is the built one (dist/).
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/was built by plan-booklet [\d.]+ \(code [0-9a-f]{12}…\), not by the tool --with-tool would include/);
  });

  it('includes the tool and its packages; the tool rebuilds the edition from a bare folder, and verify names a tampered tool', async () => {
    const work = join(tmp.dir, 'with-tool');
    await cp(join(ROOT, 'data/sample'), join(work, 'sample'), { recursive: true });
    // Built and archived by the command itself (dist/), the tool the archive will hold.
    await run(process.execPath, [BIN, 'build', 'sample', '--impose', 'saddle', '-q'], { cwd: work });
    const { stdout } = await run(process.execPath, [BIN, 'archive', 'sample', '--with-tool'], { cwd: work });
    expect(stdout).toMatch(/with plan-booklet [\d.]+ and \d+ packages/);
    const archive = join(work, 'output/sample-archive.tar');
    const bytes = new Uint8Array(await readFile(archive));
    const paths = readTar(bytes).map((e) => e.path);
    for (const p of ['tool/package.json', 'tool/bin/booklet.js', 'tool/dist/booklet.js', 'tool/dist/code.json', 'tool/dist/THIRD-PARTY-LICENCES.txt', 'tool/node_modules/pdfmake/package.json', 'tool/node_modules/pdfkit/package.json']) {
      expect(paths, p).toContain(`sample-archive/${p}`);
    }
    // Nothing Node never loads (maps, TypeScript), no dev dependency; the vendored code's licence is kept.
    expect(paths.filter((p) => p.endsWith('.map') || /\.d?\.ts$/.test(p) || p.includes('/typescript/') || p.includes('/vitest/'))).toEqual([]);
    expect(paths).toContain('sample-archive/tool/src/vendor/budoux/LICENSE');

    const bare = join(tmp.dir, 'bare');
    await mkdir(bare);
    await cp(archive, join(bare, 'sample-archive.tar'));
    await run('tar', ['-xf', 'sample-archive.tar'], { cwd: bare });
    const r = await run(process.execPath, ['sample-archive/tool/bin/booklet.js', 'verify', '--rebuild', 'sample-archive.tar'], { cwd: bare });
    expect(r.stdout).toMatch(/rebuilt \d+ file\(s\) in [\d.]+ s with the plan-booklet it includes \(tool\/\), every one identical to /);

    const tampered = readTar(bytes).map((e) => (e.path.endsWith('tool/dist/booklet.js') ? { ...e, bytes: new TextEncoder().encode('// changed\n') } : e));
    await writeFile(join(bare, 'tampered.tar'), writeTar(tampered, 0));
    const v = await cli(['verify', join(bare, 'tampered.tar')]);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/sample-archive\/tool\/: not the tool the manifest names: code sha256 /);
  }, 240_000);
});
