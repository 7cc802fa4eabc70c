// How departments follow one another is the theme's layout.departmentStart (issue 13):
// data/2020 (ten short departments) built under each setting, read back from booklet.pdf.
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf, squash, type PdfText } from '../helpers/pdf.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
const built: Record<string, { pdf: PdfText; parts: { outline?: string; firstPage: number; lastPage: number }[]; printPages: number }> = {};

beforeAll(async () => {
  tmp = await scratch();
  for (const mode of ['page', 'right', 'continue']) {
    const root = join(tmp.dir, `tool-${mode}`);
    await mkdir(root, { recursive: true });
    await cp(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    await symlink(join(ROOT, 'fonts'), join(root, 'fonts'));
    await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
    const theme = join(root, 'templates/theme.yaml');
    await writeFile(theme, (await readFile(theme, 'utf8')).replace(/departmentStart: auto/, `departmentStart: ${mode}`));
    const out = join(tmp.dir, `out-${mode}`);
    const result = await buildEdition({ editionDir: join(ROOT, 'data/2020'), outDir: out, only: ['booklet', 'print'] }, await loadResources(undefined, root));
    const booklet = result.files.find((f) => f.path === 'booklet.pdf')!;
    built[mode] = {
      pdf: await readPdf(new Uint8Array(await readFile(join(out, 'booklet.pdf')))),
      parts: [...(booklet.parts ?? [])],
      printPages: result.files.find((f) => f.path === 'booklet-print.pdf')!.pages,
    };
  }
}, 120_000);
afterAll(() => tmp.cleanup());

const departments = (mode: string) => built[mode]!.parts.filter((p) => /部$/.test(p.outline ?? ''));

describe('layout.departmentStart', () => {
  it('page: each department starts a page of its own', () => {
    const d = departments('page');
    expect(d).toHaveLength(10);
    d.forEach((p, i) => i > 0 && expect(p.firstPage).toBe(d[i - 1]!.lastPage + 1));
    expect(built['page']!.pdf.numPages).toBe(14); // cover, はじめに, 目次, ten departments, back cover
  });
  it('right: each department starts a right-hand page, with blank left-hand pages between', () => {
    const d = departments('right');
    for (const p of d) expect(p.firstPage % 2, p.outline).toBe(1);
    const blank = built['right']!.pdf.pages.map((t, i) => [i + 1, squash(t)] as const).filter(([, t]) => t === '' || /^\d+$/.test(t));
    expect(blank.length).toBeGreaterThan(0);
    expect(built['right']!.printPages % 4).toBe(0);
  });
  it('continue: every department runs on below the one before, the title band never at a page foot', () => {
    const d = departments('continue');
    d.forEach((p, i) => i > 0 && expect(p.firstPage).toBeLessThanOrEqual(d[i - 1]!.lastPage + 1));
    expect(built['continue']!.pdf.numPages).toBeLessThanOrEqual(9);
    for (const p of d) {
      const lines = built['continue']!.pdf.lines[p.firstPage - 1]!.map(squash);
      const at = lines.findIndex((l) => l.endsWith(p.outline!) && /^\d\d/.test(l));
      expect(at, `${p.outline} on page ${p.firstPage}: ${lines.join(' | ')}`).toBeGreaterThan(0);
      expect(at, `${p.outline}'s title band ends page ${p.firstPage}`).toBeLessThan(lines.length - 2);
    }
    // The 目次 cites the pages the bookmarks and running heads use.
    const toc = built['continue']!.pdf.lines.find((page) => page.some((l) => squash(l) === '目次'))!;
    for (const p of d) expect(toc.map(squash), p.outline).toContain(`${String(d.indexOf(p) + 1).padStart(2, '0')}${p.outline}${p.firstPage}`);
  });
});
