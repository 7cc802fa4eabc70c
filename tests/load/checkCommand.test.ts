// End to end: `check` and `build` on an edition with the problems of issue 11 (items 7
// and 8): numbers that would not print as typed fail; decomposed and half-width kana warn
// (--strict makes that fail), are placed on their character, and print composed / as typed.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

/** data/2020 with somu.yaml's last project title replaced by `title` (and status draft so it can be rebuilt). */
async function editionWith(name: string, title: string, extra = ''): Promise<{ dir: string; line: number }> {
  const dir = await copyEdition('2020', join(tmp.dir, name));
  const file = join(dir, 'departments/somu.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('  - title: 入札制度の継続的な見直し', `  - title: ${title}${extra}`));
  const line = text.split('\n').findIndex((l) => l.includes('入札制度の継続的な見直し')) + 1;
  return { dir, line };
}

describe('check', () => {
  it('a clean edition: exit 0, also with --strict', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'clean'));
    expect((await cli(['check', dir])).code).toBe(0);
    expect((await cli(['check', dir, '--strict'])).code).toBe(0);
  });

  it('decomposed and half-width kana: warnings at the character, exit 0; --strict exit 1; --json carries them', async () => {
    const { dir, line } = await editionWith('kana', '入札制度のｶﾞｲﾄﾞと継続的な見直し', ' と\u3099');
    const plain = await cli(['check', dir]);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).toContain(': ok');
    expect(plain.err).toContain(`departments/somu.yaml:${line}:17: warning: projects[5].title: 半角カタカナ「ｶﾞｲﾄﾞ」があります。全角の「ガイド」と書いてください`);
    expect(plain.err).toContain(`departments/somu.yaml:${line}:31: warning: projects[5].title: 「ど」が「と」と濁点（U+3099）の2文字に分かれています`);
    // The space typed before it is a stray between Japanese characters.
    expect(plain.err).toContain(`departments/somu.yaml:${line}:30: warning: projects[5].title: 日本語の間に半角スペースがあります（「直し ど」）`);
    expect(plain.err).toContain('3 warnings');

    const strict = await cli(['check', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out).not.toContain(': ok');

    const json = await cli(['check', dir, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as { ok: boolean; diagnostics: { file: string; line: number; column: number; severity: string; message: string }[] };
    expect(report.ok).toBe(true);
    expect(report.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([
      [line, 17, 'warning'],
      [line, 30, 'warning'],
      [line, 31, 'warning'],
    ]);
    expect(report.diagnostics[0]!.message).toContain('write it full-width: 「ガイド」');
    const strictJson = JSON.parse((await cli(['check', dir, '--json', '--strict'])).out) as { ok: boolean };
    expect(strictJson.ok).toBe(false);
  });

  it('a number that would not print as typed: exit 1 with the place and the hint; build writes nothing', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'numbers'));
    const file = join(dir, 'edition.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^fiscalYear: 2020/m, 'fiscalYear: 0x7E4'));
    const line = text.split('\n').findIndex((l) => l.startsWith('fiscalYear:')) + 1;
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`edition.yaml:${line}:13: error: fiscalYear: 「0x7E4」は16進数として 2020 と読まれます。数値なら 2020 と書いてください / 0x7E4 is read as hexadecimal, 2020; as a number write 2020`);
    const out = join(tmp.dir, 'numbers-out');
    const b = await cli(['build', dir, '--out', out]);
    expect(b.code).toBe(1);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('build prints composed text, never a kana without its mark', () => {
  it('か + U+3099 prints as が; half-width katakana print as typed; the data hash is of the bytes as typed', async () => {
    const { dir } = await editionWith('kana-build', '入札制度のか\u3099いと\u3099とｶﾞｲﾄﾞの見直し');
    const edition = join(dir, 'edition.yaml');
    await writeFile(edition, (await readFile(edition, 'utf8')).replace('status: final', 'status: draft'));
    const out = join(tmp.dir, 'kana-build-out');
    const r = await cli(['build', dir, '--out', out, '--dept', 'somu']);
    expect(r.code, r.err).toBe(0);
    const files = await readdir(join(out, 'inserts'));
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'inserts', files[0]!))));
    const text = squash(pdf.pages.join(''));
    expect(text).toContain('入札制度のがいどとｶﾞｲﾄﾞの見直し');
    expect(text).not.toMatch(/[\u3099\u309A]/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { data: { files: { path: string; sha256: string }[] } };
    const somu = await readFile(join(dir, 'departments/somu.yaml'));
    expect(somu.toString('utf8')).toContain('か\u3099');
    expect(manifest.data.files.find((f) => f.path === 'departments/somu.yaml')?.sha256).toBe(createHash('sha256').update(somu).digest('hex'));
  });
});
