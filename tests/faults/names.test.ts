// Names from outside (file names in an output folder, archive entries, data file names,
// paths given on the command line) reach the terminal with their control characters made
// visible, as code frames show them: an ESC sequence never clears or recolours a screen.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, writeTar } from '../../src/archive/tar.js';
import { terminalText } from '../../src/cli/safeIo.js';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';

const ESC = '\u001b';
const CLEAR = `${ESC}[2J`;
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let tmp: Awaited<ReturnType<typeof scratch>>;
let edition: string;
let out: string;
beforeAll(async () => {
  tmp = await scratch('booklet-names-');
  edition = await copyEdition('sample', tmp.dir);
  out = join(tmp.dir, 'out');
  expect((await cli(['build', edition, '--out', out])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

const clean = (r: { out: string; err: string }) => {
  expect(r.out).not.toMatch(RAW);
  expect(r.err).not.toMatch(RAW);
};

describe('control characters from outside are shown, not obeyed', () => {
  it('terminalText: C0 (but the line feed), DEL, C1 and direction overrides become visible', () => {
    expect(terminalText(`a${CLEAR}b\u0007c\u007f\u0085\u202ed\n`)).toBe('a␛[2Jb␇c␡⟨U+0085⟩⟨U+202E⟩d\n');
    expect(terminalText('plain 日本語\n')).toBe('plain 日本語\n');
  });

  it('verify: an unlisted file and an extra PDF named with ESC sequences', async () => {
    const dir = join(tmp.dir, 'verify-names');
    await cp(out, dir, { recursive: true });
    await writeFile(join(dir, `notes${CLEAR}.txt`), 'x');
    await writeFile(join(dir, `extra${ESC}]0;pwned\u0007.pdf`), '%PDF');
    const r = await cli(['verify', dir]);
    expect(r.code).toBe(1);
    clean(r);
    expect(r.err).toContain('notes␛[2J.txt: not in the manifest');
    expect(r.err).toContain('extra␛]0;pwned␇.pdf: extra');
  });

  it('verify archive.tar: entry names with ESC sequences and a right-to-left override', async () => {
    const tar = join(tmp.dir, 'names.tar');
    expect((await cli(['archive', edition, '--outputs', out, '--out', tar])).code).toBe(0);
    const entries = readTar(new Uint8Array(await readFile(tar)));
    entries.push({ path: `sample-archive/output/evil${CLEAR}.pdf`, type: 'file', bytes: new TextEncoder().encode('%PDF') });
    entries.push({ path: 'sample-archive/data/fdp.\u202eyaml', type: 'file', bytes: new TextEncoder().encode('x') });
    const bad = join(tmp.dir, 'names-bad.tar');
    await writeFile(bad, writeTar(entries, 0));
    const r = await cli(['verify', bad]);
    expect(r.code).toBe(1);
    clean(r);
    expect(r.err).toContain('sample-archive/output/evil␛[2J.pdf: extra');
    expect(r.err).toContain('sample-archive/data/fdp.⟨U+202E⟩yaml');
  });

  it('check: a data file named with an ESC sequence (a warning naming it)', async () => {
    const dir = join(tmp.dir, 'check-names');
    await cp(edition, dir, { recursive: true });
    await writeFile(join(dir, `departments/x${ESC}[31m.yml`), 'name: x\n');
    const r = await cli(['check', dir]);
    clean(r);
    expect(r.err).toContain('x␛[31m.yml');
  });

  it('build and messages: an output folder and an edition folder named with control characters', async () => {
    const dir = join(tmp.dir, `out${CLEAR}`);
    const b = await cli(['build', edition, '--out', dir, '--only', 'digest']);
    expect(b.code, b.err).toBe(0);
    clean(b);
    expect(b.out).toContain('out␛[2J/digest.pdf');
    const missing = await cli(['check', join(tmp.dir, `no${ESC}[5msuch`)]);
    expect(missing.code).toBe(2);
    clean(missing);
    expect(missing.err).toContain('no␛[5msuch');
  });

  it('check --json: the JSON escapes them too, and parses back to the same text', async () => {
    const dir = join(tmp.dir, 'json-names');
    await mkdir(dir, { recursive: true });
    await cp(edition, dir, { recursive: true });
    const name = `y\u0085\u202e${ESC}.yml`;
    await writeFile(join(dir, `departments/${name}`), 'name: y\n');
    const r = await cli(['check', dir, '--json']);
    clean(r);
    const json = JSON.parse(r.out) as { diagnostics: { file: string }[] };
    expect(json.diagnostics.some((d) => d.file.endsWith(name))).toBe(true);
  });
});
