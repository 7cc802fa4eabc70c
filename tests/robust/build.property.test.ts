// Property-based tests: random printable texts through load → model → render → typeset →
// emit, run by the real CLI in a child process with a time limit per build.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { CliRunner, DIAGNOSTIC_HEAD, snapshot, STACK_LINE, type RunResult } from './support/runner.js';
import { kanjiOfCommittedData, printableChars, printableText } from './support/text.js';

/** Fixed for CI; `ROBUST_SEED=… ROBUST_RUNS=… npx vitest run tests/robust` explores further. */
const SEED = Number(process.env['ROBUST_SEED'] ?? 42);
const runs = (n: number) => Number(process.env['ROBUST_RUNS'] ?? n);
const BUILD_TIMEOUT_MS = 20_000;

let tmp: Awaited<ReturnType<typeof scratch>>;
const runner = new CliRunner();
beforeAll(async () => {
  tmp = await scratch('booklet-robust-');
});
afterAll(async () => {
  await runner.close();
  await tmp.cleanup();
});

const kanji = kanjiOfCommittedData();
const short = printableText(kanji, { maxPieces: 12, long: true });
const long = printableText(kanji, { maxPieces: 400, lines: true, long: true });

interface Texts {
  edition: { city: string; title: string; section: string; extension: string; phone: string };
  department: {
    name: string;
    mission: string;
    section: { name: string; role: string };
    budgetNote: string;
    policy: string;
    topic: { title: string; body: string };
    project: { title: string; summary: string };
    indicator: { name: string; unit: string; baseline: string | number; target: string | number };
  };
}

const textsArb: fc.Arbitrary<Texts> = fc.record({
  edition: fc.record({ city: short, title: short, section: short, extension: short, phone: short }),
  department: fc.record({
    name: short,
    mission: long,
    section: fc.record({ name: short, role: long }),
    budgetNote: short,
    policy: long,
    topic: fc.record({ title: short, body: long }),
    project: fc.record({ title: short, summary: long }),
    // Values are numbers (with the unit) or short texts such as 策定 (printed without it).
    indicator: fc.record({ name: short, unit: short, baseline: fc.oneof(short, fc.nat(10_000_000)), target: fc.oneof(short, fc.double({ min: 0, max: 1e6, noNaN: true })) }),
  }),
});

/** YAML as an editor would write it, or the same data as JSON (YAML 1.2 reads JSON). */
const styleArb = fc.constantFrom<'yaml' | 'json'>('yaml', 'json');
const write = (value: unknown, style: 'yaml' | 'json') => (style === 'json' ? JSON.stringify(value, null, 1) : stringify(value, { lineWidth: 0 }));

async function writeEdition(dir: string, t: Texts, style: 'yaml' | 'json'): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'departments'), { recursive: true });
  const e = t.edition;
  const d = t.department;
  await writeFile(
    join(dir, 'edition.yaml'),
    write(
      {
        fiscalYear: 2021,
        status: 'draft',
        city: e.city,
        title: e.title,
        introduction: 'はじめに',
        contact: { section: e.section, extension: e.extension, phone: e.phone },
        distribution: { handedOut: ['市役所'] },
        departments: ['p'],
      },
      style,
    ),
  );
  await writeFile(
    join(dir, 'departments/p.yaml'),
    write(
      {
        name: d.name,
        mission: d.mission,
        sections: [{ name: d.section.name, role: d.section.role, staff: 12 }],
        resources: { staff: 12, budget: 34567, budgetNote: d.budgetNote },
        policy: d.policy,
        specialTopics: [{ title: d.topic.title, body: d.topic.body }],
        projects: [
          {
            title: d.project.title,
            summary: d.project.summary,
            indicators: [
              { name: d.indicator.name, unit: d.indicator.unit, baseline: { value: d.indicator.baseline, year: 2020 }, target: { value: d.indicator.target, year: 2023 } },
            ],
          },
        ],
      },
      style,
    ),
  );
}

/**
 * Every text the insert prints, by field. An indicator's unit is printed after numeric
 * values only (formatValue); with two text values it does not appear (see the it.fails below).
 */
const printedTexts = (t: Texts): [field: string, text: string][] => {
  const out: [string, string][] = [];
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') out.push([at, v]);
    else if (typeof v === 'object' && v) for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
  };
  const { unit, ...indicator } = t.department.indicator;
  walk({ ...t, department: { ...t.department, indicator } }, '');
  if (typeof indicator.baseline === 'number' || typeof indicator.target === 'number') out.push(['department.indicator.unit', unit]);
  return out;
};

/**
 * Input characters not found in the PDF's text, each with the fields it came from.
 *
 * Known bug (see "text layer" below): a Latin character can be extracted as its
 * full-width twin (or a half-width kana form as its full-width one) when both share a
 * glyph; `twins` tolerates that, so that this property keeps finding other losses.
 */
function missingChars(texts: [string, string][], pdfText: string, twins = true): string[] {
  const folded = new Set([...pdfText].map((ch) => ch.normalize('NFKC')));
  const missing = new Map<string, string[]>();
  for (const [field, text] of texts) {
    for (const ch of printableChars(text)) {
      if (pdfText.includes(ch)) continue;
      const nfkc = ch.normalize('NFKC');
      if (twins && [...nfkc].length === 1 && folded.has(nfkc)) continue;
      missing.set(ch, [...(missing.get(ch) ?? []), field]);
    }
  }
  return [...missing].map(([ch, fields]) => `${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase()} from ${fields.join(', ')}`);
}

/** exit 0 or exit 1 with a located message; nothing else, ever. */
function expectCleanOutcome(r: RunResult): void {
  expect(r.code, r.err).not.toBe('timeout');
  expect(r.code, r.err).not.toBe('crashed');
  expect([0, 1], r.err).toContain(r.code);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error/);
  if (r.code === 1) {
    expect(r.err).toMatch(DIAGNOSTIC_HEAD);
    expect(r.err).toMatch(/nothing was written/);
  }
}

describe('random printable texts', () => {
  it('build exits 0 with every printed character in the insert, or 1 with file:line:col (16 builds)', async () => {
    let n = 0;
    const outcomes: number[] = [];
    await fc.assert(
      fc.asyncProperty(textsArb, styleArb, async (texts, style) => {
        const dir = join(tmp.dir, `chars-${n}`);
        const out = join(tmp.dir, `chars-${n}-out`);
        n++;
        await writeEdition(dir, texts, style);
        const r = await runner.run(['build', dir, '--out', out, '--dept', 'p'], BUILD_TIMEOUT_MS);
        expectCleanOutcome(r);
        outcomes.push(r.code as number);
        if (process.env['ROBUST_VERBOSE'] && r.code === 1) console.log(r.err.split('\n').filter((l) => /error:/.test(l)).join('\n'));
        if (r.code !== 0) return;
        const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'inserts/01-p.pdf'))));
        const text = squash(pdf.pages.join(''));
        expect(missingChars(printedTexts(texts), text), JSON.stringify(pdf.lines)).toEqual([]);
        if (process.env['ROBUST_SUBSTR']) {
          const folded = text.normalize('NFKC');
          for (const [field, t] of printedTexts(texts)) if (!/mission|policy|body|summary|role/.test(field)) expect(folded, field).toContain(squash(t).normalize('NFKC'));
        }
      }),
      { seed: SEED, numRuns: runs(16), endOnFailure: true },
    );
    console.log(`outcomes: ${outcomes.filter((c) => c === 0).length} × exit 0, ${outcomes.filter((c) => c === 1).length} × exit 1`);
    // The generator makes mostly valid data: most runs must reach the PDF.
    expect(outcomes.filter((c) => c === 0).length).toBeGreaterThan(outcomes.length / 2);
  });
});
