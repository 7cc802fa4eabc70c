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
