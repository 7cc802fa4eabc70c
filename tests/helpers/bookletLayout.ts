// What a DTP operator checks in a built booklet (issue 13), read back from the PDFs in an
// output folder: blank pages, header rows or headings left at the foot of a page, and the
// print PDF's padding (a multiple of 4, the added pages notes pages before the back cover).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildModel } from '../../src/model/buildModel.js';
import { loadOrThrow } from '../../src/pipeline.js';
import { createEngine } from '../../src/render/engine.js';
import { renderTarget } from '../../src/render/renderTarget.js';
import { loadResources } from '../../src/resources.js';
import { resolveTheme } from '../../src/typeset/theme.js';
import { blankPages, bodyLines, headerRowProblems, headingsOf, readInk, strandedHeadings, tableHeads, titlesOf } from './layout.js';
import { readPdf, squash } from './pdf.js';

export interface BookletLayout {
  readonly pages: number;
  readonly printPages: number;
  /** 1-based pages of booklet.pdf with nothing in the body. */
  readonly blank: readonly number[];
  readonly headerRows: readonly string[];
  readonly stranded: readonly string[];
  /** The print PDF's pages that the screen PDF does not have, as text (slug and folio included). */
  readonly added: readonly string[];
  /** The print PDF's last page ends the booklet as the screen PDF's last page does (the back cover). */
  readonly backCoverLast: boolean;
}

export async function bookletLayout(editionDir: string, outDir: string): Promise<BookletLayout> {
  const resources = await loadResources();
  const theme = resolveTheme(resources.theme, 'rgb');
  const frame = theme.margins;
  const model = buildModel((await loadOrThrow(editionDir, resources)).edition);
  const tree = renderTarget(createEngine(resources.templates), model, 'booklet').tree;
  const screenBytes = new Uint8Array(await readFile(join(outDir, 'booklet.pdf')));
  const ink = await readInk(screenBytes);
  const lines = bodyLines(ink, frame);
  const screen = await readPdf(screenBytes);
  const print = await readPdf(new Uint8Array(await readFile(join(outDir, 'booklet-print.pdf'))));
  const lastScreen = squash(screen.pages[screen.numPages - 1] ?? '');
  return {
    pages: ink.length,
    printPages: print.numPages,
    blank: blankPages(ink, frame),
    headerRows: headerRowProblems(lines, tableHeads(tree)),
    stranded: strandedHeadings(lines, headingsOf(tree), titlesOf(tree), theme.sizes.h1),
    added: print.pages.slice(screen.numPages - 1, print.numPages - 1).map(squash),
    backCoverLast: lastScreen !== '' && squash(print.pages[print.numPages - 1] ?? '').startsWith(lastScreen.slice(0, 20)),
  };
}
