import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf } from '../helpers/pdf.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

const box = (doc: PDFDocument, name: string) =>
  doc.getPage(0).node.lookup(PDFName.of(name), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());

describe('the trim size comes from the theme', () => {
  it('a B5 theme gives B5 pages and a B5 TrimBox', async () => {
    const root = join(tmp.dir, 'tool');
    await mkdir(root, { recursive: true });
    await cp(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    await symlink(join(ROOT, 'fonts'), join(root, 'fonts'));
    await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
    const theme = join(root, 'templates/theme.yaml');
    await writeFile(theme, (await readFile(theme, 'utf8')).replace(/size: A4/, 'size: B5'));
    const resources = await loadResources(undefined, root);
    const out = join(tmp.dir, 'out');
    const result = await buildEdition({ editionDir: join(ROOT, 'data/sample'), outDir: out, only: ['booklet', 'print'] }, resources);
    const screen = await PDFDocument.load(await readFile(join(out, 'booklet.pdf')), { updateMetadata: false });
    const [, , w, h] = box(screen, 'MediaBox') as [number, number, number, number];
    expect(w).toBeCloseTo(515.91, 1);
    expect(h).toBeCloseTo(728.5, 1);
    const print = await PDFDocument.load(await readFile(join(out, 'booklet-print.pdf')), { updateMetadata: false });
    const [x0, y0, x1, y1] = box(print, 'TrimBox') as [number, number, number, number];
    expect(x1 - x0).toBeCloseTo(515.91, 1);
    expect(y1 - y0).toBeCloseTo(728.5, 1);
    expect(result.files.find((f) => f.path === 'booklet-print.pdf')!.pages % 4).toBe(0);
    // The same content on smaller pages takes more of them (data/sample is 16 A4 pages).
    const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'booklet.pdf'))));
    expect(pdf.numPages).toBeGreaterThan(16);
  });
});
