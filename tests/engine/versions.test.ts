/**
 * An install with another pdfmake than the one the engine's patches were written for: the
 * CLI (run from the sources, in a copy of the project whose node_modules differ only in
 * pdfmake's version) refuses with a message that names the package, both versions and
 * what to do, exit 1, no stack trace, before it patches anything.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASURED_VERSIONS } from '../../src/engine/modules.js';
import { ROOT } from '../helpers/fixtures.js';

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'booklet-versions-'));
  cpSync(join(ROOT, 'src'), join(project, 'src'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(project, 'package.json'));
  for (const dir of ['templates', 'fonts', 'data']) symlinkSync(join(ROOT, dir), join(project, dir));
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'pdfmake') symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  // A pdfmake one patch release on: enough for Node to find it, and for the engine to read its version.
  mkdirSync(join(modules, 'pdfmake/js'), { recursive: true });
  writeFileSync(join(modules, 'pdfmake/package.json'), JSON.stringify({ name: 'pdfmake', version: '0.3.99', main: 'js/index.js' }));
  writeFileSync(join(modules, 'pdfmake/js/index.js'), "throw new Error('the engine loaded a pdfmake it should have refused');\n");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const booklet = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { cwd: project, encoding: 'utf8', timeout: 120_000 });

describe('the engine with another version of a package it patches', () => {
  it.each([
    ['check', ['check', 'data/sample']],
    ['build', ['build', 'data/sample', '--out', 'out', '--only', 'booklet', '--no-cache']],
  ])('%s refuses, naming the package, both versions and npm ci', (_name, args) => {
    const r = booklet(args);
    expect(r.stderr).toContain(`pdfmake 0.3.99 is installed, not ${MEASURED_VERSIONS.pdfmake}`);
    expect(r.stderr).toMatch(/npm ci/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(/should have refused/);
    expect(r.status).toBe(1);
  });
});
