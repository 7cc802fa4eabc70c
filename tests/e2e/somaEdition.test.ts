/**
 * The real 相馬市 令和6年度「業務目標」 (tests/fixtures/real/soma-2024): a table numbered
 * No 1–7 through five 担当部課. What a city editor checks against the page: every 事務事業名
 * and 目標 in the order and under the number the table gives, in the booklet, each insert,
 * the digest and the HTML edition, and counts in the source's own words. Read back from
 * what the tool builds.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf, squash, type PdfText } from '../helpers/pdf.js';

const EDITION = join(ROOT, 'tests/fixtures/real/soma-2024');

interface Row {
  no: number;
  dept: string;
  id: string;
  title: string;
  summary: string;
}

/** The source table's rows, in edition order: No counts on through the departments. */
function rows(): Row[] {
  const edition = parse(readFileSync(join(EDITION, 'edition.yaml'), 'utf8')) as { departments: string[] };
  let no = 0;
  return edition.departments.flatMap((id) => {
    const d = parse(readFileSync(join(EDITION, 'departments', `${id}.yaml`), 'utf8')) as { name: string; projects: { title: string; summary: string }[] };
    return d.projects.map((p) => ({ no: ++no, dept: d.name, id, title: p.title, summary: squash(p.summary) }));
  });
}

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;
let check: Awaited<ReturnType<typeof cli>>;
const pdf = async (file: string): Promise<PdfText> => readPdf(new Uint8Array(await readFile(join(out, file))));
const inOrder = (text: string, parts: readonly string[]) => {
  let at = 0;
  return parts.filter((p) => {
    const i = text.indexOf(p, at);
    if (i < 0) return true;
    at = i + p.length;
    return false;
  });
};

beforeAll(async () => {
  tmp = await scratch('soma-');
  out = join(tmp.dir, 'out');
  check = await cli(['check', EDITION, '--strict']);
  const r = await cli(['build', EDITION, '--out', out]);
  expect(r.code, r.err).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

it('has the seven rows the stored copy holds whole, in five 担当部課', () => {
  const r = rows();
  expect(r.map((x) => x.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(new Set(r.map((x) => x.dept)).size).toBe(5);
});

it('passes check --strict: nothing in the data is printed differently from how it reads', () => {
  expect(check.code, check.err).toBe(0);
  expect(check.err).not.toMatch(/warning/);
});

describe('the booklet prints every row under its own No, in the order of the table', () => {
  it('No, 事務事業名 and 目標 of rows 1–7, one after the other, each under its 担当部課', async () => {
    const text = squash((await pdf('booklet.pdf')).pages.slice(2).join(''));
    const parts = rows().flatMap((r) => [r.dept, `${r.no}.${r.title}`, r.summary]);
    // A department's name is printed once, before its first row.
    const unique = parts.filter((p, i) => parts.indexOf(p) === i);
    expect(inOrder(text, unique)).toEqual([]);
    // No row is numbered from 1 again in a later department.
    expect(text).not.toContain(`1.${rows()[2]!.title}`);
  });

  it('each insert numbers its rows as the table does: 税務課 starts at 6.', async () => {
    for (const [i, id] of [...new Set(rows().map((r) => r.id))].entries()) {
      const mine = rows().filter((r) => r.id === id);
      const text = squash((await pdf(`inserts/0${i + 1}-${id}.pdf`)).pages.join(''));
      expect(inOrder(text, mine.flatMap((r) => [`${r.no}.${r.title}`, r.summary])), id).toEqual([]);
    }
  });

  it('the digest lists the rows with the same numbers', async () => {
    const text = squash((await pdf('digest.pdf')).pages.join(''));
    for (const r of rows()) expect(text).toContain(`${r.no}.${r.title}`);
  });

  it('the HTML edition too, page by page', async () => {
    for (const [i, id] of [...new Set(rows().map((r) => r.id))].entries()) {
      const html = await readFile(join(out, 'html', `0${i + 1}-${id}.html`), 'utf8');
      const markers = [...html.matchAll(/class="marker">([^<]*)</g)].map((m) => m[1]);
      expect(markers, id).toEqual(rows().filter((r) => r.id === id).map((r) => `${r.no}.`));
    }
  });
});

it('counts in the source’s words: 掲載部課数 5部課, 掲載業務目標数 7件 (not 5部 for five 課・室)', async () => {
  const index = squash((await readFile(join(out, 'html', 'index.html'), 'utf8')).replace(/<[^>]*>/g, ''));
  expect(index).toContain('掲載部課数5部課');
  expect(index).toContain('掲載業務目標数7件');
  expect(index).not.toContain('掲載部数');
});

it('the PDF titles bracket alike: 総務課（業務目標）, and the digest 業務目標（令和6年度）, not a half-width (', async () => {
  expect((await pdf('inserts/01-somu.pdf')).info['Title']).toBe('令和6年度 総務課（業務目標）');
  expect((await pdf('digest.pdf')).info['Title']).toBe('業務目標（令和6年度）');
});
