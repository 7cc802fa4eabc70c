// Property-based tests of the load stage (pure, in-process, many runs): whatever bytes a
// data file holds, loading returns the data or located diagnostics; it never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEdition, type LoadResult } from '../../src/load/index.js';
import { reportText } from '../../src/cli/report.js';
import { bigDocument, bytesWithSnippets, deepDocument, mutatedDocument, unicodeText, VALID_DEPT } from './support/yamlish.js';

/** Fixed for CI; `ROBUST_SEED=… ROBUST_RUNS=… npx vitest run tests/robust` explores further. */
const SEED = Number(process.env['ROBUST_SEED'] ?? 42);
const runs = (n: number) => Number(process.env['ROBUST_RUNS'] ?? n);
const settings = (numRuns: number) => ({ seed: SEED, numRuns: runs(numRuns), endOnFailure: true });

const enc = new TextEncoder();
const EDITION = 'e/edition.yaml';
const DEPT = 'e/departments/p.yaml';
const VALID_EDITION =
  'fiscalYear: 2020\ncity: 三鷹市\ntitle: 各部の運営方針と目標\nintroduction: はじめに\n' +
  'contact: { section: 企画経営課 }\ndistribution: { handedOut: [市政窓口] }\ndepartments: [p]\n';

function load(files: { edition?: Uint8Array | string; dept?: Uint8Array | string }): LoadResult {
  const bytes = (b: Uint8Array | string) => (typeof b === 'string' ? enc.encode(b) : b);
  return parseEdition(
    [
      { path: EDITION, relPath: 'edition.yaml', bytes: bytes(files.edition ?? VALID_EDITION) },
      { path: DEPT, relPath: 'departments/p.yaml', bytes: bytes(files.dept ?? VALID_DEPT) },
    ],
    'e',
  );
}

/**
 * The contract of load for any input: it returns (the caller times it), and the result is
 * the data or at least one error; every diagnostic names one of the files, has line ≥ 0
 * and column ≥ 0 (0 only for the whole file), within the file's lines, and a message; the
 * report printed from them (with code frames) can be made.
 */
function expectWellFormed(r: LoadResult, ms: number): void {
  expect(ms, 'load took too long').toBeLessThan(5_000);
  if (r.ok) {
    expect(r.edition.departments.map((d) => d.id)).toEqual(['p']);
    return;
  }
  expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  for (const d of r.diagnostics) {
    expect([EDITION, DEPT]).toContain(d.file);
    expect(Number.isInteger(d.line) && d.line >= 0, `line ${d.line}`).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 0, `column ${d.column}`).toBe(true);
    expect(d.line === 0).toBe(d.column === 0);
    expect(['error', 'warning']).toContain(d.severity);
    expect(typeof d.message).toBe('string');
    expect(d.message.trim()).not.toBe('');
    const text = r.sources.find((s) => s.path === d.file)?.text;
    if (text !== undefined && d.line > 0) expect(d.line, `${d.file}:${d.line}:${d.column} ${d.message}`).toBeLessThanOrEqual(text.split('\n').length);
  }
  const report = reportText(r.diagnostics, '/nonexistent', r.sources);
  expect(report).toMatch(/\d+ errors?(, \d+ warnings?)?\n$/);
}

function timed(f: () => LoadResult): [LoadResult, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

const propertyOnDept = (arb: fc.Arbitrary<Uint8Array | string>) =>
  fc.property(arb, (dept) => {
    const [r, ms] = timed(() => load({ dept }));
    expectWellFormed(r, ms);
  });

// ------------------------------------------------------------------ properties

describe('load never throws, whatever a department file holds', () => {
  it('random bytes (400 runs)', () => {
    fc.assert(propertyOnDept(fc.uint8Array({ maxLength: 600 })), settings(400));
  });

  it('random bytes mixed with BOMs, NULs, broken UTF-8, Shift_JIS and text (400 runs)', () => {
    fc.assert(propertyOnDept(bytesWithSnippets), settings(400));
  });

  it('random unicode text: controls, surrogates, RTL, zero-width, emoji, YAML punctuation (400 runs)', () => {
    fc.assert(propertyOnDept(unicodeText), settings(400));
  });

  it('random YAML documents with random edits (600 runs)', () => {
    fc.assert(propertyOnDept(mutatedDocument), settings(600));
  });

  it('deep nesting, anchors and aliases, alias bombs (150 runs)', () => {
    fc.assert(propertyOnDept(deepDocument), settings(150));
  });

  it('texts and lists up to the size limit and just over it (20 runs)', () => {
    fc.assert(propertyOnDept(bigDocument), settings(20));
  });

  it('edition.yaml and the department file damaged at once (300 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedDocument, bytesWithSnippets), fc.oneof(mutatedDocument, unicodeText), (edition, dept) => {
        const [r, ms] = timed(() => load({ edition, dept }));
        expectWellFormed(r, ms);
      }),
      settings(300),
    );
  });
});
