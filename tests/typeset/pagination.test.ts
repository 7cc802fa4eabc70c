/**
 * Pagination lays parts out from guessed heights and lets the layout check them
 * (src/typeset/pagination.ts): where the parts go is the rule's own whatever the guesses,
 * and right guesses cost one layout pass. The parts here are runs of 20 pt lines on a
 * small page whose body holds 19 of them; pagination reviews each pass as
 * toDocDefinition has it do, through a probe in the folio.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../../src/engine/index.js';
import { loadResources } from '../../src/resources.js';
import { flowPart, paginate, type PageGeometry } from '../../src/typeset/pagination.js';
import { estimateHeight } from '../../src/typeset/partHeight.js';
import type { PdfNode } from '../../src/typeset/blocks/context.js';

const PAGE = { width: 300, height: 420, margin: 20 };
const geometry = (runOnSpace: number): PageGeometry => ({ top: PAGE.margin, bottom: PAGE.height - PAGE.margin, runOnSpace });
const STYLE = { font: 'Gothic', bold: false, fontSize: 16, lineHeight: 1.25 } as const;
// Line counts of the parts after the title: some fit below the part before, some do not,
// one spans pages. With 19 pt above a part that runs on, 7 lines after 11 reach exactly
// the foot less SAFETY (20 + 11 × 20 + 19 + 7 × 20 = 399): they fit, with nothing to spare.
const PARTS = [8, 5, 12, 3, 25, 4, 6, 11, 7, 2];
type Guess = (content: PdfNode[], i: number) => number | undefined;

let engine: PdfEngine;
beforeAll(async () => {
  engine = createPdfEngine((await loadResources()).fonts);
});

const linesOf = (n: number, part: number): PdfNode[] => Array.from({ length: n }, (_, i) => ({ text: `部 ${part} 行 ${i + 1}` }));

/** Lays the parts out with these guesses (undefined: none, every part on a page of its own first). */
async function laidOut(runOnSpace: number, guessOf?: Guess) {
  const contents = [[{ text: '表題' }], ...PARTS.map((n, i) => linesOf(n, i + 1))];
  const flows = contents.map((c, i) => flowPart(c, i === 0 ? 'page' : 'auto', i));
  const pagination = paginate(flows, geometry(runOnSpace), guessOf && contents.map((c, i) => (i === 0 ? undefined : guessOf(c, i))));
  let pass = 0;
  let reviewed = -1;
  const printed = await engine.print({
    definition: {
      pageSize: { width: PAGE.width, height: PAGE.height },
      // A fixed date: pdfkit hashes the info into the file's /ID.
      info: { title: 'pagination', creationDate: new Date(Date.UTC(2020, 3, 1)), modDate: new Date(Date.UTC(2020, 3, 1)) },
      pageMargins: [PAGE.margin, PAGE.margin, PAGE.margin, PAGE.margin],
      defaultStyle: { font: STYLE.font, fontSize: STYLE.fontSize, lineHeight: STYLE.lineHeight },
      pageBreakBefore: (node: { headlineLevel?: unknown }) => {
        if (node.headlineLevel !== `probe-${pass}` || reviewed === pass) return false;
        reviewed = pass;
        return pagination.review();
      },
    },
    parts: flows.map((f, i) => ({ part: { i }, content: f.node })),
    header: ({ page }) => {
      if (page === 1) pass++;
      return null;
    },
    footer: ({ page }) => ({ text: String(page), fontSize: 8, headlineLevel: `probe-${pass}`, margin: [PAGE.margin, 4, PAGE.margin, 0] }),
  });
  return {
    pages: flows.map((f) => pagination.placement(f)),
    runOn: flows.map((f) => pagination.runsOn(f)),
    passes: pagination.passes(),
    bytes: printed.bytes,
  };
}

const estimated = (content: PdfNode[]) => estimateHeight(content, STYLE, engine.metrics);

describe('pagination from guessed heights', () => {
  it('guesses the parts as tall as the layout makes them', () => {
    expect(PARTS.map((n, i) => estimated(linesOf(n, i)))).toEqual(PARTS.map((n) => n * 20));
    // Past a limit the rest is not looked at: 6 lines of 25 already pass 100 pt.
    expect(estimateHeight(linesOf(25, 1), STYLE, engine.metrics, 100)).toBe(120);
    // Tables: rows padded, rules around and between them; margins; columns as tall as the tallest.
    const table = { table: { body: [[{ text: 'a' }, { stack: linesOf(2, 1) }], [{ text: 'b' }, { text: 'c' }]] }, layout: { hLineWidth: () => 0.5, paddingTop: () => 3, paddingBottom: () => 2 }, margin: [0, 4, 0, 6] };
    expect(estimateHeight([table, { columns: [{ text: 'x' }, { stack: linesOf(3, 1) }] }], STYLE, engine.metrics)).toBe(3 * 0.5 + (3 + 40 + 2) + (3 + 20 + 2) + 10 + 60);
  });

  it('places every part as the rule does without guesses, in one pass when the guesses are right', async () => {
    const measured = await laidOut(12);
    expect(measured.runOn).toEqual([false, false, true, false, true, false, true, true, false, true, false]);
    expect(measured.passes).toBe(2);
    const guessed = await laidOut(12, estimated);
    expect(guessed.pages).toEqual(measured.pages);
    expect(guessed.runOn).toEqual(measured.runOn);
    expect(Buffer.from(guessed.bytes).equals(Buffer.from(measured.bytes))).toBe(true);
    expect(guessed.passes).toBe(1);
  }, 60_000);

  const wrong: Record<string, Guess> = {
    'all tiny': () => 1,
    'all taller than a page': () => 10_000,
    'none known': () => undefined,
    // Guessed 10 pt taller, the 7 lines after 11 would not fit; 150 pt shorter, the 12 after 8 and 5 would.
    'one too tall': (c, i) => estimated(c)! + (i === 9 ? 10 : 0),
    'one too short': (c, i) => estimated(c)! - (i === 3 ? 150 : 0),
    'all 100 pt taller': (c) => estimated(c)! + 100,
    right: estimated,
  };
  for (const runOnSpace of [12, 19]) {
    it(`places every part the same whatever the guesses, at most at the cost of passes (${runOnSpace} pt above a part run on)`, async () => {
      const measured = await laidOut(runOnSpace);
      if (runOnSpace === 19) expect(measured.pages[9]!.firstPage).toBe(measured.pages[8]!.lastPage);
      for (const [name, guess] of Object.entries(wrong)) {
        const got = await laidOut(runOnSpace, guess);
        expect(got.pages, name).toEqual(measured.pages);
        expect(got.runOn, name).toEqual(measured.runOn);
        expect(Buffer.from(got.bytes).equals(Buffer.from(measured.bytes)), name).toBe(true);
        // A wrong guess costs a pass; a part that fits with nothing to spare is measured on a page of its own first.
        if (name !== 'right' || runOnSpace === 19) expect(got.passes, name).toBeGreaterThan(1);
        else expect(got.passes, name).toBe(1);
        expect(got.passes, name).toBeLessThanOrEqual(4);
      }
    }, 120_000);
  }
});
