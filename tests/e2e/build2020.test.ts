import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { readPdf, squash, type PdfText } from '../helpers/pdf.js';
import { fontsOf, catalogEntry } from '../helpers/pdfStructure.js';
import { ROOT, SEED, scratch } from '../helpers/fixtures.js';
import { bookletLayout } from '../helpers/bookletLayout.js';
import { pdftotext } from '../helpers/tools.js';
import type { Manifest } from '../../src/emit/manifest.js';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: ROOT });
  return { code, out, err };
}

const seedLines = (await readFile(SEED, 'utf8'))
  .split('\n')
  .map((l) => l.replace(/^#+\s*|^-\s*/, '').trim())
  .filter((l) => l !== '');

/** The seed's departments and their project titles without the circled numbers. */
const seedDepartments: { name: string; projects: string[] }[] = [];
for (const raw of (await readFile(SEED, 'utf8')).split('\n')) {
  const heading = /^###\s+(.+)$/.exec(raw);
  if (heading) seedDepartments.push({ name: heading[1]!.trim(), projects: [] });
  const project = /^-\s*[①-⑳](.+)$/.exec(raw);
  if (project) seedDepartments[seedDepartments.length - 1]!.projects.push(project[1]!.trim());
}

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;
let manifest: Manifest;
let booklet: PdfText;
let bookletBytes: Uint8Array;

beforeAll(async () => {
  tmp = await scratch();
  out = join(tmp.dir, 'out');
  const r = await run(['build', 'data/2020', '--out', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  bookletBytes = new Uint8Array(await readFile(join(out, 'booklet.pdf')));
  booklet = await readPdf(bookletBytes);
});
afterAll(() => tmp.cleanup());

const pdfs = () => manifest.files.filter((f) => f.path.endsWith('.pdf'));

describe('build data/2020', () => {
  it('writes the booklet, one insert per department, the digest and the manifest', async () => {
    const inserts = (await readdir(join(out, 'inserts'))).sort();
    expect(inserts).toEqual([
      '01-kikaku.pdf', '02-somu.pdf', '03-shimin.pdf', '04-seikatsu-kankyo.pdf', '05-sports-bunka.pdf',
      '06-kenko-fukushi.pdf', '07-kodomo-seisaku.pdf', '08-toshi-seibi.pdf', '09-toshi-saisei.pdf', '10-kyoiku.pdf',
    ]);
    expect(pdfs().map((f) => f.path).sort()).toEqual(['booklet-print.pdf', 'booklet.pdf', 'digest.pdf', ...inserts.map((i) => `inserts/${i}`)].sort());
    // and the HTML edition (tests/html).
    expect(manifest.files.filter((f) => !f.path.endsWith('.pdf')).every((f) => f.path.startsWith('html/'))).toBe(true);
  });

  it('the digest is one page holding every line of the seed, in the seed order', async () => {
    const digest = await readPdf(new Uint8Array(await readFile(join(out, 'digest.pdf'))));
    expect(digest.numPages).toBe(1);
    // The templates set their own brackets full-width (the seed, typed by hand, mixes both).
    const brackets = (s: string) => squash(s).replace(/（/g, '(').replace(/）/g, ')');
    const text = brackets(digest.pages.join(''));
    let from = 0;
    for (const line of seedLines) {
      const at = text.indexOf(brackets(line), from);
      expect(at, `seed line missing or out of order: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + brackets(line).length;
    }
  });

  it('the booklet holds every department and every project title of the seed', () => {
    const text = squash(booklet.pages.join(''));
    expect(seedDepartments).toHaveLength(10);
    expect(seedDepartments.flatMap((d) => d.projects)).toHaveLength(56);
    for (const d of seedDepartments) {
      expect(text).toContain(d.name);
      for (const title of d.projects) expect(text).toContain(squash(title));
    }
  });

  it('目次 cites the page each department starts on, and that page holds its title band', () => {
    const tocPage = booklet.lines.findIndex((lines) => lines.some((l) => squash(l) === '目次'));
    expect(tocPage).toBeGreaterThan(0);
    const entries = booklet.lines[tocPage]!.map((l) => /^(\d\d)(.+?)(\d+)$/.exec(squash(l))).filter((m) => m !== null);
    expect(entries).toHaveLength(10);
    const parts = manifest.files.find((f) => f.path === 'booklet.pdf')!.parts!;
    for (const m of entries) {
      const [, number, name, page] = m!;
      const pageNo = Number(page);
      // The department's title band (its number and name) is on that page, under the
      // running head or under the department before it.
      const pageLines = booklet.lines[pageNo - 1]!.map(squash);
      expect(pageLines.slice(1).some((l) => l === `${number}${name}`), `${name} on page ${pageNo}: ${pageLines}`).toBe(true);
      expect(booklet.lines[pageNo - 2]!.map(squash)).not.toContain(`${number}${name}`);
      expect(parts.find((p) => p.outline === name)?.firstPage).toBe(pageNo);
    }
  });

  it('is a compact booklet (issue 13: 24 pages, 11 of them blank, before): short departments share a page, none is blank, print pads with notes pages', async () => {
    const layout = await bookletLayout(join(ROOT, 'data/2020'), out);
    expect(layout.pages).toBe(9);
    expect(layout.blank).toEqual([]);
    expect(layout.stranded).toEqual([]);
    expect(layout.printPages).toBe(12);
    expect(layout.added).toEqual([expect.stringMatching(/^メモ9/), expect.stringMatching(/^メモ10/), expect.stringMatching(/^メモ11/)]);
    expect(layout.backCoverLast).toBe(true);
    // A right-hand page's running head names every department the page holds.
    expect([5, 7].map((p) => squash(booklet.lines[p - 1]![0]!))).toEqual(['市民部・生活環境部', '子ども政策部・都市整備部']);
  });

  it('sets 令和2年度 one way throughout: the ¼ em between Japanese and Latin in the running heads as on the cover and in the text', async () => {
    // Untagged, a ¼ em reads as a space, so the text shows where it is set; tagged, every
    // one of them (the running heads' too) reads as 令和2年度 for search and copy.
    const untagged = join(out, 'untagged');
    await buildEdition({ editionDir: join(ROOT, 'data/2020'), outDir: untagged, only: ['booklet'], untagged: true }, await loadResources());
    const eras = (file: string) => [...pdftotext(file).matchAll(/令和\s*2\s*年度/g)].map((m) => m[0]);
    expect(eras(join(untagged, 'booklet.pdf')).length).toBeGreaterThan(5);
    expect(new Set(eras(join(untagged, 'booklet.pdf')))).toEqual(new Set(['令和 2 年度']));
    expect(eras(join(out, 'booklet.pdf'))).toEqual(eras(join(untagged, 'booklet.pdf')).map(() => '令和2年度'));
  });

  it('each 目次 line links to the page it cites (title and page number both)', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(bookletBytes), verbosity: 0 }).promise;
    const tocPage = booklet.lines.findIndex((lines) => lines.some((l) => squash(l) === '目次'));
    const links = (await (await doc.getPage(tocPage + 1)).getAnnotations()).filter((a: { subtype: string }) => a.subtype === 'Link');
    const targets: number[] = [];
    for (const link of links as { dest: string | unknown[] }[]) {
      const dest = typeof link.dest === 'string' ? await doc.getDestination(link.dest) : link.dest;
      targets.push((await doc.getPageIndex(dest![0] as { num: number; gen: number })) + 1);
    }
    await doc.destroy();
    const cited = booklet.lines[tocPage]!.map((l) => /^(?:\d\d)?.+?(\d+)$/.exec(squash(l))).filter((m) => m !== null).map((m) => Number(m![1]));
    expect(cited.length).toBe(11); // はじめに and ten departments
    // Two links per entry, in reading order: the title, then its page number.
    expect(targets).toEqual(cited.flatMap((p) => [p, p]));
  });

  it('has a bookmark per department and document metadata', () => {
    for (const name of ['企画部', '教育部', '目次', 'はじめに']) expect(booklet.outline).toContain(name);
    expect(booklet.info['Title']).toBe('令和2年度 各部の運営方針と目標');
    expect(booklet.info['Author']).toBe('三鷹市');
    expect(String(booklet.info['Subject'])).toContain('各部の運営方針と目標');
    expect(catalogEntry(bookletBytes, 'Lang')).toBe('(ja-JP)');
    expect(catalogEntry(bookletBytes, 'DisplayDocTitle')).toBe('true');
  });

  it('screen PDFs declare PDF/A-2a (tagged) and PDF/UA-1 with XMP title, author, language and fiscal year', async () => {
    for (const f of pdfs().filter((x) => x.path !== 'booklet-print.pdf')) {
      const bytes = await readFile(join(out, f.path));
      const header = /^%PDF-(\d\.\d)/.exec(bytes.subarray(0, 16).toString('latin1'));
      expect(Number(header?.[1])).toBeGreaterThanOrEqual(1.4);
      const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(bytes.toString('utf8'))?.[0] ?? '';
      expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
      expect(xmp).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
      expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(xmp).toMatch(/<dc:creator><rdf:Seq><rdf:li>三鷹市<\/rdf:li>/);
      expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>ja-JP<\/rdf:li>/);
      expect(xmp).toMatch(/<dc:coverage>令和2年度 \(FY2020\)<\/dc:coverage>/);
      expect(xmp).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]*令和2年度/);
      expect(bytes.toString('latin1')).toMatch(/\/OutputIntents \[/);
    }
  });

  it('embeds and subsets BIZ UD fonts only', async () => {
    for (const f of pdfs()) {
      const fonts = fontsOf(new Uint8Array(await readFile(join(out, f.path))));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.baseFont).toMatch(/^[A-Z]{6}\+BIZUD(Gothic|Mincho)-/);
        expect(font.embedded, font.baseFont).toBe(true);
        expect(font.subset).toBe(true);
      }
    }
  });

  it('each insert holds its own department\'s projects and none of the others\'', async () => {
    const inserts = manifest.files.filter((x) => x.path.startsWith('inserts/')).sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(inserts).toHaveLength(seedDepartments.length);
    for (const [i, f] of inserts.entries()) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(out, f.path))));
      const text = squash(pdf.pages.join(''));
      const own = seedDepartments[i]!;
      expect(pdf.outline).toEqual([own.name]);
      for (const title of own.projects) expect(text, `${f.path} lacks ${title}`).toContain(squash(title));
      for (const other of seedDepartments.filter((d) => d !== own)) {
        for (const title of other.projects) expect(text, `${f.path} holds ${other.name}'s ${title}`).not.toContain(squash(title));
      }
      expect(text).toContain('企画経営課');
    }
  });

  it('manifest records bytes, pages and sha256 that match the files', async () => {
    const { createHash } = await import('node:crypto');
    for (const f of manifest.files) {
      const bytes = await readFile(join(out, f.path));
      expect(bytes.byteLength).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      if (f.path.endsWith('.pdf')) expect((await readPdf(new Uint8Array(bytes))).numPages).toBe(f.pages);
    }
    expect(manifest.tool.name).toBe('plan-booklet');
    expect(manifest.data.files.map((f) => f.path)).toContain('edition.yaml');
    expect(manifest.data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a second build gives byte-identical files', async () => {
    const again = join(tmp.dir, 'again');
    const r = await run(['build', 'data/2020', '--out', again]);
    expect(r.code).toBe(0);
    for (const f of manifest.files) {
      const a = await readFile(join(out, f.path));
      const b = await readFile(join(again, f.path));
      expect(Buffer.compare(a, b), f.path).toBe(0);
    }
    expect(await readFile(join(again, 'manifest.json'), 'utf8')).toBe(await readFile(join(out, 'manifest.json'), 'utf8'));
  });
});
