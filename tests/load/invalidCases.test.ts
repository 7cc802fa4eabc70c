import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, loadEdition, type Diagnostic } from '../../src/load/index.js';
import { caseFiles, caseNames, editionWith, expectationsIn, type Expectation } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('invalid editions in tests/fixtures/invalid', async () => {
  const names = await caseNames();
  it('has cases', () => expect(names.length).toBeGreaterThan(10));

  it.each(names)('%s', async (name) => {
    const files = await caseFiles(name);
    const expected = files.flatMap(expectationsIn);
    expect(expected.length, 'a case must say what it expects').toBeGreaterThan(0);
    const dir = await editionWith(files);
    dirs.push(dir);

    const result = await loadEdition(dir);
    const actual = result.ok ? result.warnings : result.diagnostics;
    const relOf = (d: Diagnostic) => d.file.slice(dir.replace(/\\/g, '/').replace(/\/$/, '').length + 1);

    // Several expectations may quote different parts of one message.
    expect({
      unexpected: actual.filter((d) => !expected.some((e) => matches(e, d, relOf(d)))).map((d) => formatDiagnostic(d)),
      unmatched: expected
        .filter((e) => !actual.some((d) => matches(e, d, relOf(d))))
        .map((e) => `${e.relPath}:${e.line}:${e.column}: ${e.severity}: …${e.text}…`),
    }).toEqual({ unexpected: [], unmatched: [] });
  });
});

function matches(e: Expectation, d: Diagnostic, relPath: string): boolean {
  return (
    e.relPath === relPath && e.line === d.line && e.column === d.column && e.severity === d.severity && d.message.includes(e.text)
  );
}
