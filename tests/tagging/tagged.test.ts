// The screen PDFs are tagged (PDF/UA-1, PDF/A-2a): read back with poppler and pdf.js, the
// structure tree holds the data in reading order under the right tags, page furniture is
// artifact, the Matterhorn checks a machine can make pass, and the searches that the
// quarter em between Japanese and Latin text broke succeed. Tagging draws nothing: the
// same editions built untagged render to the same pixels, the print PDF included.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources, type Resources } from '../../src/resources.js';
import { editionDocuments, printedTexts, squash } from '../helpers/dataTexts.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { cli } from '../helpers/cli.js';
import { requireTool } from '../helpers/tools.js';
import { matterhornProblems } from './matterhorn.js';
import { elements, structTree, textOf, withRole, type Elem } from './structTree.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let resources: Resources;
const out = (name: string) => join(tmp.dir, name);
const REAL = join(ROOT, 'tests/fixtures/real');
const realEditions = readdirSync(REAL).filter((d) => existsSync(join(REAL, d, 'edition.yaml'))).sort();

beforeAll(async () => {
  requireTool('pdftotext');
  tmp = await scratch('booklet-tagged-');
  resources = await loadResources();
  for (const e of ['2020', 'sample']) await buildEdition({ editionDir: join(ROOT, 'data', e), outDir: out(e), only: ['booklet', 'print', 'inserts', 'digest'] }, resources);
  await buildEdition({ editionDir: join(ROOT, 'data/sample'), outDir: out('sample-untagged'), only: ['booklet', 'print', 'inserts', 'digest'], untagged: true }, resources);
}, 300_000);
afterAll(() => tmp.cleanup());

const screenPdfs = (dir: string): string[] => [
  join(dir, 'booklet.pdf'),
  join(dir, 'digest.pdf'),
  ...readdirSync(join(dir, 'inserts')).sort().map((f) => join(dir, 'inserts', f)),
];
const load = async (file: string) => PDFDocument.load(await readFile(file), { updateMetadata: false });

interface Department {
  readonly name: string;
  readonly projects?: { readonly title: string; readonly indicators?: { readonly name: string }[] }[];
  readonly sections?: { readonly name: string }[];
}
const departmentsOf = (dir: string) => editionDocuments(dir).slice(1) as unknown as Department[];
/** In the order edition.yaml lists them (the files are read sorted). */
function orderedDepartments(dir: string): Department[] {
  const [edition, ...files] = editionDocuments(dir);
  const ids = readdirSync(join(dir, 'departments')).sort().map((f) => f.replace(/\.yaml$/, ''));
  return (edition!['departments'] as string[]).map((id) => files[ids.indexOf(id)] as unknown as Department);
}

describe.each(['2020', 'sample'])('data/%s', (edition) => {
  const dir = join(ROOT, 'data', edition);

  it('every screen PDF passes the machine checks of the Matterhorn Protocol and says PDF/UA-1 and PDF/A-2a', async () => {
    for (const file of screenPdfs(out(edition))) {
      const doc = await load(file);
      expect(matterhornProblems(doc), file).toEqual([]);
      expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(ja-JP)');
      expect(doc.getTitle(), file).toMatch(/\S/);
      const info = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
      expect(info).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(info).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
      expect(info).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    }
  });

  it('the print PDF is untagged PDF/X as before', async () => {
    const file = join(out(edition), 'booklet-print.pdf');
    const doc = await load(file);
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeUndefined();
    expect(doc.catalog.get(PDFName.of('MarkInfo'))).toBeUndefined();
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+no/);
  });

  it('the booklet tree holds each department as H1 and each key project as H3, once and in order, under Sects', () => {
    const tree = structTree(join(out(edition), 'booklet.pdf'));
    const [doc] = tree.kids;
    expect(doc?.role).toBe('Document');
    expect(doc!.kids.every((k) => k.role === 'Sect')).toBe(true);
    const depts = orderedDepartments(dir);
    const h1 = withRole(tree, 'H1').map(textOf);
    const deptH1 = h1.filter((t) => /^\d\d/.test(t));
    expect(deptH1).toEqual(depts.map((d, i) => `${String(i + 1).padStart(2, '0')}${squash(d.name)}`));
    const titles = depts.flatMap((d) => (d.projects ?? []).map((p) => squash(p.title)));
    const h3 = withRole(tree, 'H3').map(textOf);
    expect(h3).toHaveLength(titles.length);
    h3.forEach((t, i) => expect(t.endsWith(titles[i]!), `${t} ≠ …${titles[i]}`).toBe(true));
    // Heading levels do not skip: a department's H2s come under its H1.
    expect(withRole(tree, 'H2').length).toBeGreaterThan(0);
  });

  it('paragraph and list texts of the data are in P or LBody; table data in TH or TD of tables with header cells', async () => {
    const tree = structTree(join(out(edition), 'booklet.pdf'));
    const blocks = withRole(tree, 'P', 'LBody').map(textOf);
    const cells = withRole(tree, 'TH', 'TD').map(textOf);
    for (const d of departmentsOf(dir)) {
      const prose = printedTexts({ mission: (d as unknown as Record<string, unknown>)['mission'], policy: (d as unknown as Record<string, unknown>)['policy'] });
      for (const line of prose) expect(blocks.some((b) => b.includes(line)), `${d.name}: ${line}`).toBe(true);
      for (const s of d.sections ?? []) expect(cells, `${d.name}: ${s.name}`).toContain(squash(s.name));
      for (const p of d.projects ?? []) {
        for (const ind of p.indicators ?? []) expect(cells.some((c) => c.includes(squash(ind.name))), `${p.title}: ${ind.name}`).toBe(true);
      }
    }
    for (const table of withRole(tree, 'Table')) {
      const th = withRole(table, 'TH');
      expect(th.length, textOf(table)).toBeGreaterThan(0);
      for (const h of th) expect(['Row', 'Column']).toContain(h.attrs['Scope']);
    }
    // 目次: one TOCI per entry, its title and page in a Link with both annotations.
    const toc = withRole(tree, 'TOC');
    expect(toc).toHaveLength(1);
    const entries = withRole(toc[0]!, 'TOCI');
    expect(entries.length).toBeGreaterThanOrEqual(departmentsOf(dir).length);
    for (const e of entries) expect(withRole(e, 'Link')[0]?.objects).toBe(2);
    // Each link says what it opens: the entry's title, or the page number the entry prints
    // (not pdfmake's placeholder 00000, which the number replaces while the line is drawn).
    const pdf = await load(join(out(edition), 'booklet.pdf'));
    const said = pdf.getPages().flatMap((page) =>
      (page.node.Annots()?.asArray() ?? []).map((a) => {
        const annot = pdf.context.lookup(a) as unknown as { get(n: PDFName): { decodeText(): string } | undefined };
        return annot.get(PDFName.of('Contents'))?.decodeText() ?? '';
      }),
    );
    expect(said.filter((c) => /^0+$/.test(c))).toEqual([]);
    for (const e of entries) expect(said, textOf(e)).toContain(/(\d+)$/.exec(textOf(e))![1]);
  });

  it('running heads and folios are artifacts, not text of the tree', async () => {
    const file = join(out(edition), 'booklet.pdf');
    const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
    const depts = orderedDepartments(dir);
    // The first department that starts on a right-hand page: its name is in the running head, with the folio.
    const tree = structTree(file);
    const tocPages = withRole(tree, 'Link').map((l) => Number(/(\d+)$/.exec(textOf(l))?.[1]));
    const starts = tocPages.slice(tocPages.length - depts.length);
    const k = starts.findIndex((p) => p % 2 === 1);
    expect(k).toBeGreaterThanOrEqual(0);
    const first = starts[k]!;
    const page = await pdf.getPage(first);
    const content = await page.getTextContent({ includeMarkedContent: true });
    let depth = 0;
    let artifact = '';
    const stack: boolean[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          const tag = (item as { tag?: string }).tag;
          stack.push(tag === 'Artifact');
          if (tag === 'Artifact') depth++;
        } else if (item.type === 'endMarkedContent' && stack.pop()) depth--;
      } else if (depth > 0) artifact += item.str;
    }
    expect(artifact).toContain(String(first));
    expect(artifact).toContain(depts[k]!.name);
    // The running head of left-hand pages (the edition) is no paragraph of the tree.
    const heads = [...elements(tree)].filter((e) => e.role === 'P' && /^令和.+年度/.test(textOf(e)));
    expect(heads.length).toBeLessThanOrEqual(2);
  });
});

it('the digest reads column by column: each department with its projects, in the order of the data', () => {
  const tree = structTree(join(out('2020'), 'digest.pdf'));
  const names = orderedDepartments(join(ROOT, 'data/2020')).map((d) => squash(d.name));
  const ps = withRole(tree, 'P').map(textOf).filter((t) => names.includes(t));
  expect(ps).toEqual(names);
  // Each department's list follows its name.
  const sect = tree.kids[0]!.kids[0]!;
  const kids = sect.kids;
  for (const name of names) {
    const i = kids.findIndex((k) => k.role === 'P' && textOf(k) === name);
    expect(kids[i + 1]?.role, name).toBe('L');
  }
});

describe('searching text the quarter em set apart', () => {
  it.each(['booklet.pdf', 'digest.pdf'])('pdftotext and pdf.js find 令和2年度 and 第5次 in data/2020 %s, and no longer read them with spaces', async (name) => {
    const file = join(out('2020'), name);
    const poppler = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
    let pdfjs = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      // As a viewer's find bar joins them.
      pdfjs += content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
    }
    for (const text of [poppler, pdfjs]) {
      expect(text).toContain('第5次');
      expect(text).not.toMatch(/第 5 次|令和 2 年度/);
    }
    if (name === 'booklet.pdf') for (const text of [poppler, pdfjs]) expect(text).toContain('令和2年度');
  });
});

describe('tagging draws nothing', () => {
  const render = (file: string): Buffer[] => {
    const dir = join(tmp.dir, 'px', file.replace(/[/.]/g, '_'));
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('pdftoppm', ['-r', '60', file, join(dir, 'p')]);
    return readdirSync(dir).sort().map((f) => readFileSync(join(dir, f)));
  };
  it('data/sample tagged and untagged render to the same pixels: booklet, print, digest and every insert', () => {
    const files = ['booklet.pdf', 'booklet-print.pdf', 'digest.pdf', ...readdirSync(join(out('sample'), 'inserts')).map((f) => `inserts/${f}`)];
    for (const f of files) {
      const tagged = render(join(out('sample'), f));
      const untagged = render(join(out('sample-untagged'), f));
      expect(tagged.length, f).toBe(untagged.length);
      tagged.forEach((px, i) => expect(px.equals(untagged[i]!), `${f} page ${i + 1}`).toBe(true));
    }
  }, 120_000);

  it('the untagged build is PDF/A-2b without a structure tree (what tagging adds is all there is to it)', async () => {
    const doc = await load(join(out('sample-untagged'), 'booklet.pdf'));
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeUndefined();
    expect(execFileSync('pdfinfo', ['-meta', join(out('sample-untagged'), 'booklet.pdf')], { encoding: 'utf8' })).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('the same data gives the same tagged bytes', async () => {
    await buildEdition({ editionDir: join(ROOT, 'data/2020'), outDir: out('2020-again'), only: ['booklet', 'digest'] }, resources);
    for (const f of ['booklet.pdf', 'digest.pdf']) expect((await readFile(join(out('2020-again'), f))).equals(await readFile(join(out('2020'), f))), f).toBe(true);
  }, 120_000);
});

describe.each(realEditions)('real edition %s', (name) => {
  it('its booklet passes the Matterhorn machine checks and holds every department as H1, in order', async () => {
    const dir = join(REAL, name);
    const dest = out(`real-${name}`);
    await buildEdition({ editionDir: dir, outDir: dest, only: ['booklet'] }, resources);
    const file = join(dest, 'booklet.pdf');
    expect(matterhornProblems(await load(file))).toEqual([]);
    const tree = structTree(file);
    const names = orderedDepartments(dir).map((d) => squash(d.name));
    const h1 = withRole(tree, 'H1').map(textOf).filter((t) => /^\d+/.test(t)).map((t) => t.replace(/^\d+/, ''));
    expect(h1).toEqual(names);
    const cells: Elem[] = withRole(tree, 'TH', 'TD');
    expect(cells.every((c) => textOf(c) !== '')).toBe(true);
  }, 180_000);
});

it('an indicator measured year by year (mie-2004) is a grid: its years TH scope Column, 目標 and 実績 TH scope Row, the values TD', async () => {
  const dir = join(REAL, 'mie-2004');
  const dest = out('mie-grid');
  await buildEdition({ editionDir: dir, outDir: dest, only: ['booklet'] }, resources);
  const tables = withRole(structTree(join(dest, 'booklet.pdf')), 'Table').filter((t) => textOf(t).startsWith('目標指標'));
  const indicators = departmentsOf(dir).flatMap((d) => (d.projects ?? []).flatMap((p) => p.indicators ?? [])) as unknown as { name: string; values: { label: string; at: string }[] }[];
  expect(tables).toHaveLength(indicators.length);
  for (const table of tables) {
    const ind = indicators.find((i) => textOf(table).startsWith(squash(`目標指標：${i.name}`)))!;
    expect(ind, textOf(table)).toBeDefined();
    const years = [...new Set(ind.values.map((v) => v.at))].sort();
    const [head, ...rows] = withRole(table, 'TR');
    expect(withRole(head!, 'TH').map((h) => [textOf(h), h.attrs['Scope']])).toEqual([[squash(`目標指標：${ind.name}`), 'Column'], ...years.map((y) => [y, 'Column'])]);
    expect(withRole(head!, 'TD')).toEqual([]);
    expect(rows.map((r) => withRole(r, 'TH').map((h) => [textOf(h), h.attrs['Scope']]))).toEqual([...new Set(ind.values.map((v) => v.label))].map((l) => [[l, 'Row']]));
    for (const r of rows) expect(withRole(r, 'TD')).toHaveLength(years.length);
  }
}, 120_000);

it('a city logo is a Figure with its text alternative (the cover and back cover), and the booklet still passes', async () => {
  const dir = out('logo-project');
  expect((await cli(['init', dir])).code).toBe(0);
  await mkdir(join(dir, 'logo'), { recursive: true });
  await writeFile(join(dir, 'logo/mark.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><circle cx="20" cy="20" r="18" fill="#00873c"/></svg>\n');
  await writeFile(join(dir, 'booklet.config.yaml'), 'logo: logo/mark.svg\ntheme: theme.yaml\n');
  await writeFile(join(dir, 'theme.yaml'), "logo:\n  colors:\n    green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }\n");
  const r = await cli(['build', 'editions/sample', '--only', 'booklet'], dir);
  expect(r.code, r.err).toBe(0);
  const file = join(dir, 'output/sample/booklet.pdf');
  expect(matterhornProblems(await load(file))).toEqual([]);
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const figures: { alt?: string }[] = [];
  const walk = (n: { role?: string; alt?: string; children?: unknown[] }) => {
    if (n.role === 'Figure') figures.push(n);
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  for (const i of [1, pdf.numPages]) walk((await (await pdf.getPage(i)).getStructTree()) as Parameters<typeof walk>[0]);
  expect(figures.map((f) => f.alt)).toEqual(['見本市のロゴ', '見本市のロゴ']);
}, 120_000);
