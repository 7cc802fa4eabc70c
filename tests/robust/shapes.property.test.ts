// Every shape the data format allows builds whole: optional keys present or absent,
// empty lists, zero values, long texts, many labels, more than fifty projects. Each edition
// is built by the real CLI with every output and --impose saddle; every text of its data
// must be in the PDFs and no template may leave an empty slot.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/buildModel.js';
import { listMark } from '../../src/model/listMarks.js';
import { createEngine } from '../../src/render/engine.js';
import { formatNumber } from '../../src/render/helpers.js';
import { renderTarget } from '../../src/render/renderTarget.js';
import { loadResources } from '../../src/resources.js';
import { resolveTheme } from '../../src/typeset/theme.js';
import { scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { danglingLabels, emptySlots } from '../helpers/slots.js';
import { CliRunner, STACK_LINE } from './support/runner.js';
import { department, phrase, shapeArb, type Shape } from './support/shapes.js';

const SEED = Number(process.env['ROBUST_SEED'] ?? 11);
const runs = (n: number) => Number(process.env['ROBUST_RUNS'] ?? n);
const BUILD_TIMEOUT_MS = 60_000;
// Every output, the print PDF and saddle sheets included: the press step embeds its own
// glyphs, so any text the data may hold prints there too.
const ALL_OUTPUTS = ['--impose', 'saddle'];

let tmp: Awaited<ReturnType<typeof scratch>>;
const runner = new CliRunner();
const resources = await loadResources();
const engine = createEngine(resources.templates);
const { margins, digestMargins } = resolveTheme(resources.theme, 'rgb');
beforeAll(async () => {
  tmp = await scratch('booklet-shapes-');
});
afterAll(async () => {
  await runner.close();
  await tmp.cleanup();
});

async function writeShape(dir: string, s: Shape): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'departments'), { recursive: true });
  await writeFile(join(dir, 'edition.yaml'), stringify(s.edition, { lineWidth: 0 }));
  for (const d of s.departments) await writeFile(join(dir, `departments/${d.id}.yaml`), stringify(d.data, { lineWidth: 0 }));
}

/** Keys whose values are settings or dates printed in another form (budgetUnit: only after a figure). */
const NOT_PRINTED_AS_TYPED = new Set(['fiscalYear', 'status', 'issueDate', 'numbering', 'terms', 'departments', 'budgetUnit']);
const YEARS = new Set(['year']);

/** Every text of the data as it must appear (squashed): running texts line by line, list marks apart. */
function expectedTexts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    return value.split('\n').flatMap((line) => {
      const t = line.trim();
      if (t === '') return [];
      const mark = listMark(t);
      return mark ? [mark.marker, mark.text] : [t];
    });
  }
  if (typeof value === 'number') return [YEARS.has(key) ? String(value) : formatNumber(value)];
  if (Array.isArray(value)) return value.flatMap((v) => expectedTexts(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (NOT_PRINTED_AS_TYPED.has(k) ? [] : expectedTexts(v, k)));
  }
  return [];
}

async function bodyText(file: string, frame = margins): Promise<string> {
  const pdf = await readPdf(new Uint8Array(await readFile(file)), frame);
  return squash(pdf.body.join(''));
}

async function buildAndCheck(s: Shape, name: string, args: readonly string[]): Promise<void> {
  // The markup first, in process: no label may be left without its value.
  const model = buildModel(s);
  for (const kind of ['booklet', 'digest'] as const) expect(danglingLabels(renderTarget(engine, model, kind).tree), kind).toEqual([]);
  for (const d of model.departments) expect(danglingLabels(renderTarget(engine, model, 'insert', d).tree), d.id).toEqual([]);

  const dir = join(tmp.dir, name);
  const out = join(tmp.dir, `${name}-out`);
  await writeShape(dir, s);
  const r = await runner.run(['build', dir, '--out', out, ...args], BUILD_TIMEOUT_MS);
  expect(r.code, r.err).toBe(0);
  expect(r.err).not.toMatch(STACK_LINE);
  const all = args.includes('--impose') ? ['booklet-print.pdf', 'booklet-imposed.pdf'] : [];
  expect(await readdir(out)).toEqual(expect.arrayContaining(['booklet.pdf', 'digest.pdf', 'inserts', ...all]));

  const booklet = await bodyText(join(out, 'booklet.pdf'));
  const digest = await bodyText(join(out, 'digest.pdf'), digestMargins);
  const inserts = await Promise.all(s.departments.map((d, i) => bodyText(join(out, `inserts/${String(i + 1).padStart(2, '0')}-${d.id}.pdf`))));
  for (const [what, text] of [['booklet', booklet], ['digest', digest], ...inserts.map((t, i) => [`insert ${i + 1}`, t])] as const) {
    expect(emptySlots(text), what).toEqual([]);
  }
  // Every text of the data is printed in the booklet, the digest or an insert …
  const printed = [booklet, digest, ...inserts].join('\n');
  const missing = expectedTexts(s.edition).concat(s.departments.flatMap((d) => expectedTexts(d.data))).filter((t) => !printed.includes(squash(t)));
  expect(missing).toEqual([]);
  // … and each department's texts in its own insert.
  s.departments.forEach((d, i) => {
    const absent = expectedTexts(d.data).filter((t) => !inserts[i]!.includes(squash(t)));
    expect(absent, d.id).toEqual([]);
  });
}

describe('every shape the data format allows', () => {
  it('builds, prints every text, leaves no empty slot (5 editions)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(shapeArb(), (s) => buildAndCheck(s, `shape-${n++}`, ALL_OUTPUTS)),
      { seed: SEED, numRuns: runs(5), endOnFailure: true },
    );
  }, 300_000);

  it('a department with more than fifty projects keeps one numbering that never wraps (1 edition)', async () => {
    const big = fc.array(fc.record({ title: phrase }), { minLength: 51, maxLength: 60 });
    const [s] = fc.sample(
      fc.tuple(shapeArb(undefined, 1), department(big)).map(([e, d]) => ({
        edition: { ...e.edition, numbering: 'auto' as const, departments: [...e.edition.departments, 'big'] },
        departments: [...e.departments, { id: 'big', data: d }],
      })),
      { seed: SEED, numRuns: 1 },
    );
    await buildAndCheck(s!, 'big', ALL_OUTPUTS);
    const out = join(tmp.dir, 'big-out');
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, `inserts/${String(s!.departments.length).padStart(2, '0')}-big.pdf`))), margins);
    const lines = pdf.lines.flat();
    const count = s!.departments.at(-1)!.data.projects!.length;
    // Every number printed whole at the start of a line, in one style: 1. … 51. …
    for (const n of [1, 9, 10, 50, 51, count]) expect(lines.some((l) => l.startsWith(`${n}.`)), `${n}.`).toBe(true);
    expect(lines.join('')).not.toMatch(/[①-⑳㉑-㉟㊱-㊿]/);
  }, 120_000);
});
