/**
 * The engine loads what a command needs, when it needs it: --help nothing of it, check
 * fontkit alone (the glyph check), a build pdfmake and pdfkit too. Each command runs from
 * the sources in a fresh process, which then lists the packages in its module cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const out = mkdtempSync(join(tmpdir(), 'booklet-loading-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const SCRIPT = `
import { createRequire } from 'node:module';
const { main } = await import('./src/cli/main.ts');
const quiet = { write() {} };
const code = await main(JSON.parse(process.argv[1]), { stdout: quiet, stderr: quiet, cwd: process.cwd() });
const cached = Object.keys(createRequire(import.meta.url).cache);
const packages = ['pdfmake', 'pdfkit', 'fontkit'].filter((p) => cached.some((k) => k.includes('/node_modules/' + p + '/')));
process.stdout.write(JSON.stringify({ code, packages }));
`;

function loadedBy(args: string[]): { code: number; packages: string[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, JSON.stringify(args)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { code: number; packages: string[] };
}

describe('what each command loads of the PDF engine', () => {
  it.each<[string, string[], string[]]>([
    ['--help', ['--help'], []],
    ['check', ['check', 'data/sample'], ['fontkit']],
    ['build', ['build', 'data/sample', '--out', out, '--only', 'digest', '--no-cache'], ['pdfmake', 'pdfkit', 'fontkit']],
  ])('%s', (_name, args, packages) => {
    expect(loadedBy(args)).toEqual({ code: 0, packages });
  });
});

const DEFERRED = `
import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
const { main } = await import('./src/cli/main.ts');
const quiet = { write() {} };
const code = await main(JSON.parse(process.argv[1]), { stdout: quiet, stderr: quiet, cwd: process.cwd() });
const cache = createRequire(import.meta.url).cache;
const compiled = () => ['@noble/ciphers/_polyval.js', '@noble/hashes/_md.js', 'brotli/dec/dictionary-data.js'].filter((f) => Object.keys(cache).some((k) => k.endsWith('/node_modules/' + f)));
const after = compiled();
const slot = (f) => cache[Object.keys(cache).find((k) => k.endsWith('/node_modules/' + f))].exports;
// Used at last, each stand-in is the real module.
const text = 'ブロトリ'.repeat(50);
const decompress = slot('brotli/decompress.js');
const back = Buffer.from(decompress(brotliCompressSync(Buffer.from(text)))).toString();
const cbc = typeof slot('@noble/ciphers/aes.js').cbc;
const sha256 = typeof slot('@noble/hashes/sha2.js').sha256;
process.stdout.write(JSON.stringify({ code, after, used: compiled(), roundTrip: back === text, cbc, sha256 }));
`;

describe('what pdfkit and fontkit load for what a booklet never does', () => {
  it('encryption and WOFF2 code is compiled only when first used', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', DEFERRED, JSON.stringify(['build', 'data/sample', '--out', join(out, 'deferred'), '--only', 'booklet', '--no-cache'])],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      code: 0,
      after: [],
      used: ['@noble/ciphers/_polyval.js', '@noble/hashes/_md.js', 'brotli/dec/dictionary-data.js'],
      roundTrip: true,
      cbc: 'function',
      sha256: 'function',
    });
  });
});
