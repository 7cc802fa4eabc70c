/**
 * Real published editions, transcribed into tests/fixtures/real/<name>/ (each folder's SOURCE.md says
 * from where, and what was left out). Each is built as a user would, with `--impose saddle`, and every
 * text its data holds must be readable in the booklet, the digest or an insert.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf, squash, type Frame } from '../helpers/pdf.js';
import { editionDocuments, printedTexts } from '../helpers/dataTexts.js';
import { bookletLayout } from '../helpers/bookletLayout.js';
import { orphanCharacterLines, readInk } from '../helpers/layout.js';
import { pdftotext } from '../helpers/tools.js';
import { loadResources } from '../../src/resources.js';
import { resolveTheme } from '../../src/typeset/theme.js';

const REAL = join(ROOT, 'tests/fixtures/real');
const editions = readdirSync(REAL).filter((d) => existsSync(join(REAL, d, 'edition.yaml'))).sort();

/** Above this many projects an edition builds only the booklet (and its imposition), to keep the suite quick. */
const LARGE = 100;

function editionData(name: string): { texts: string[]; terms: string[]; projects: number } {
  const dir = join(REAL, name);
  const docs = editionDocuments(dir);
  const projects = docs.slice(1).reduce((n, d) => n + (Array.isArray(d.projects) ? d.projects.length : 0), 0);
  return { texts: [...new Set(docs.flatMap((d) => printedTexts(d)))], terms: printedTexts(docs[0]!.terms ?? {}), projects };
}

/** The text of an HTML edition page: tags off, the entities the HTML writer uses decoded. */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What an unfilled template slot leaves behind. */
const EMPTY_SLOT = /undefined|null|NaN|\[object|\{\{|\}\}|「」|『』|（）|\(\)|は、で|:$|：$/m;

let tmp: Awaited<ReturnType<typeof scratch>>;
let frame: Frame;
/** The digest has margins of its own (no running head or folio). */
let digestFrame: Frame & { readonly outside: number };
beforeAll(async () => {
  tmp = await scratch('real-');
  ({ margins: frame, digestMargins: digestFrame } = resolveTheme((await loadResources()).theme, 'rgb'));
});
afterAll(() => tmp.cleanup());

it('there are real editions to build, one of them large', () => {
  expect(editions.length).toBeGreaterThanOrEqual(4);
  expect(Math.max(...editions.map((e) => editionData(e).projects))).toBeGreaterThan(LARGE);
});

describe.each(editions)('real edition %s', (name) => {
  const data = editionData(name);
  const large = data.projects > LARGE;
  let out: string;
  let text: string;
  let html: string;
  let lines: string[];

  beforeAll(async () => {
    out = join(tmp.dir, name);
    const only = large ? ['--only', 'booklet,print,digest'] : [];
    const r = await cli(['build', join(REAL, name), '--out', out, '--impose', 'saddle', ...only]);
    expect(r.err.split('\n').filter((l) => /error|internal/i.test(l))).toEqual([]);
    expect(r.code, r.err).toBe(0);
    const pdfs = ['booklet.pdf', 'digest.pdf', ...(large ? [] : (await readdir(join(out, 'inserts'))).map((f) => join('inserts', f)))];
    const read = await Promise.all(pdfs.map(async (f) => readPdf(new Uint8Array(await readFile(join(out, f))), f === 'digest.pdf' ? digestFrame : frame)));
    text = read.map((pdf) => squash(pdf.body.join(''))).join('\n');
    const pages = large ? [] : (await readdir(join(out, 'html'))).filter((f) => f.endsWith('.html'));
    html = (await Promise.all(pages.map(async (f) => squash(htmlText(await readFile(join(out, 'html', f), 'utf8')))))).join('\n');
    lines = read.flatMap((pdf) => pdf.lines.flat());
  });

  it('builds the booklet and its saddle imposition', () => {
    expect(existsSync(join(out, 'booklet.pdf'))).toBe(true);
    expect(existsSync(join(out, 'booklet-imposed.pdf'))).toBe(true);
  });

  it('prints every text of its data; a term the PDFs have no place for (掲載部課数 without はじめに) in the HTML edition', () => {
    const missing = data.texts.filter((t) => !text.includes(t) && !(data.terms.includes(t) && html.includes(t)));
    expect(missing).toEqual([]);
  });

  it('lays the booklet out as a DTP operator would: no blank page, no header row or heading left at a page foot, notes pages before the back cover', async () => {
    const layout = await bookletLayout(join(REAL, name), out);
    expect(layout.blank).toEqual([]);
    expect(layout.headerRows).toEqual([]);
    expect(layout.stranded).toEqual([]);
    expect(layout.printPages % 4).toBe(0);
    expect(layout.printPages - layout.pages).toBeLessThan(4);
    expect(layout.added).toHaveLength(layout.printPages - layout.pages);
    for (const page of layout.added) expect(page).toMatch(/^メモ\d+/);
    expect(layout.backCoverLast).toBe(true);
  });

  it('the digest sets no text below 7 pt and none outside its pages; one too long for a page goes on to a second', async () => {
    const pages = await readInk(new Uint8Array(await readFile(join(out, 'digest.pdf'))));
    for (const p of pages) {
      expect(Math.min(...p.texts.map((t) => t.size))).toBeGreaterThanOrEqual(7);
      for (const t of p.texts) {
        expect(t.x).toBeGreaterThanOrEqual(digestFrame.outside - 1);
        expect(t.x).toBeLessThanOrEqual(p.width - digestFrame.outside);
        expect(t.y).toBeGreaterThanOrEqual(digestFrame.bottom - 1);
        expect(t.y).toBeLessThanOrEqual(p.height - digestFrame.top + 1);
      }
    }
    if (large) expect(pages.length).toBe(2);
    else expect(pages.length).toBe(1);
    // No line of the digest holds one character (「み」) or one and its punctuation.
    expect(orphanCharacterLines(pdftotext(join(out, 'digest.pdf'), ['-bbox-layout']))).toEqual([]);
  });

  it('the cover lists every department and still ends with the city, on one page', async () => {
    const cover = await readPdf(new Uint8Array(await readFile(join(out, 'booklet.pdf'))));
    const first = squash(cover.pages[0]!);
    const departments = editionDocuments(join(REAL, name)).slice(1).map((d) => squash(String(d.name)));
    expect(departments.length).toBeGreaterThan(1);
    for (const d of departments) expect(first).toContain(d);
    expect(first).toMatch(new RegExp(`${squash(String(editionDocuments(join(REAL, name))[0]!.city))}$`));
  });

  it('leaves no empty template slot', () => {
    expect(lines.filter((l) => EMPTY_SLOT.test(l))).toEqual([]);
  });
});

describe('kofu-2025 is generated from its committed source', () => {
  it('convert.mjs writes exactly the committed edition', async () => {
    const dir = join(tmp.dir, 'kofu-converted');
    execFileSync(process.execPath, [join(REAL, 'kofu-2025', 'convert.mjs'), dir]);
    const committed = join(REAL, 'kofu-2025');
    const files = ['edition.yaml', ...(await readdir(join(dir, 'departments'))).map((f) => join('departments', f))];
    expect((await readdir(join(committed, 'departments'))).length).toBe(files.length - 1);
    for (const f of files) expect(await readFile(join(dir, f), 'utf8'), f).toBe(await readFile(join(committed, f), 'utf8'));
  });
});

describe('mie-2004 prints each sheet’s figures as the sheet gives them', () => {
  interface Value { label: string; value: number | string; at: string }
  interface Project { section: string; budget: number; indicators: { name: string; unit: string; values: Value[] }[] }
  const figure = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 20 }) : v);

  it('every indicator as the sheet’s grid (years across, 目標 and 実績 down, ― where a year has none), and each team with its 予算額等', async () => {
    const dir = join(REAL, 'mie-2004');
    const out = join(tmp.dir, 'mie-figures');
    const r = await cli(['build', dir, '--out', out, '--only', 'booklet']);
    expect(r.code, r.err).toBe(0);
    const pdf = join(out, 'booklet.pdf');
    const text = squash((await readPdf(new Uint8Array(await readFile(pdf)), frame)).body.join(''));
    const lines = pdftotext(pdf, ['-layout']).split('\n').map((l) => l.trim().split(/\s+/).join(' '));
    const projects = editionDocuments(dir).slice(1).flatMap((d) => d.projects as Project[]);
    expect(projects.length).toBeGreaterThan(0);
    let grids = 0;
    for (const p of projects) {
      expect(text).toContain(`担当：${p.section}予算額等：${figure(p.budget)}千円`);
      for (const ind of p.indicators) {
        // The sheets' years, in order; the labels in the order the data gives them.
        const years = [...new Set(ind.values.map((v) => v.at))].sort((a, b) => Number(a) - Number(b));
        const labels = [...new Set(ind.values.map((v) => v.label))];
        const rows = labels.map((label) => [label, ...years.map((y) => {
          const v = ind.values.find((x) => x.label === label && x.at === y);
          return v ? `${figure(v.value)}${ind.unit}` : '―';
        })]);
        expect(years.length).toBeGreaterThan(1);
        expect(text).toContain(squash(`目標指標：${ind.name}${years.join('')}${rows.flat().join('')}`));
        // Each row on a line of its own, its cells under the years: the header line ends with the years.
        expect(lines.some((l) => l.startsWith(`目標指標：${ind.name}`) && l.endsWith(` ${years.join(' ')}`)), ind.name).toBe(true);
        for (const row of rows) expect(lines, ind.name).toContain(row.join(' '));
        grids++;
      }
    }
    expect(grids).toBe(5);
  });
});
