/**
 * The engine's layout passes (src/engine/layoutPasses.ts) ask `pageBreakBefore` only about
 * nodes with a headlineLevel, with pdfmake's description of them and of the nodes around;
 * a node it answers true for starts a page in the next pass.
 */
import { describe, expect, it } from 'vitest';
import { createPdfEngine } from '../../src/engine/index.js';
import { loadResources } from '../../src/resources.js';

interface Info {
  readonly headlineLevel?: unknown;
  readonly text?: unknown;
  readonly pageNumbers: readonly number[];
  readonly pages: number;
}
type Around = Record<'getFollowingNodesOnPage' | 'getNodesOnNextPage' | 'getPreviousNodesOnPage', () => Info[]>;

describe('layout passes', () => {
  it('asks about headlines only, describes the nodes around, and breaks where told', async () => {
    const engine = createPdfEngine((await loadResources()).fonts);
    // 20 pt lines on an A6-sized body: a page holds ~12 of them; the heading lands on page 2, below 20 lines.
    const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ text: `行 ${from + i}` }));
    const heading = { text: '見出し', headlineLevel: 1, fontSize: 14 };
    const asked: Info[] = [];
    let before: Info[] = [];
    let after: Info[] = [];
    const pageBreakBefore = (info: Info, around: Around) => {
      asked.push(info);
      before = around.getPreviousNodesOnPage();
      after = around.getFollowingNodesOnPage();
      // Break before the heading unless it already starts its page.
      return before.length > 0;
    };
    const printed = await engine.print({
      definition: { pageSize: { width: 300, height: 420 }, pageMargins: [20, 20, 20, 20], defaultStyle: { font: 'Gothic', fontSize: 16, lineHeight: 1.2 }, pageBreakBefore },
      parts: [{ part: { name: 'all' }, content: { stack: [...lines(20, 1), heading, ...lines(5, 21)] } }],
    });
    // Asked once per pass, about the heading alone; not again once it starts a page.
    expect(asked.map((i) => i.text)).toEqual(['見出し']);
    expect(asked[0]!.headlineLevel).toBe(1);
    expect(asked[0]!.pageNumbers).toEqual([2]);
    expect(asked[0]!.pages).toBe(2);
    // pdfmake's description of the nodes around it on its page, leaves and their stack alike.
    expect(before.map((i) => i.text).filter((t) => typeof t === 'string')).toContain('行 20');
    expect(after.map((i) => i.text).filter((t) => typeof t === 'string')).toEqual(['行 21', '行 22', '行 23', '行 24', '行 25']);
    // The next pass started the heading on page 3.
    expect(printed.pageCount).toBe(3);
  });
});
