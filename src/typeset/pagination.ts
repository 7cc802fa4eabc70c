/**
 * Where the parts of a document start, decided from the layout itself.
 *
 * A part that starts `auto` (the booklet's departments by default) runs on below the part
 * before it when it fits whole in the space left on that page, and starts a new page
 * otherwise. Whether it fits is known only once pdfmake has laid it out, so the document
 * is laid out twice: first with every part on a page of its own, which gives each part's
 * height (and where each ends), then, after the decisions, once more. pdfmake lays a
 * document out again when its `pageBreakBefore` callback answers true; the callback
 * reviews the layout once per pass (see `PROBE` in toDocDefinition) and answers true
 * when the decisions changed.
 *
 * Positions come from two marks per part, zero-height empty lines pdfmake places and
 * records without drawing anything: pdfmake's own positions of nodes inside unbreakable
 * blocks record where the block began, not where it was finally put, so they cannot tell
 * on which page a part ends.
 */
import type { PdfNode } from './blocks/context.js';

export type PartStart = 'page' | 'right' | 'auto' | 'continue';

interface Position {
  readonly pageNumber: number;
  readonly top: number;
}
type Mark = PdfNode & { positions?: Position[] };

export interface FlowPart {
  readonly start: PartStart;
  /** The part's stack: [first mark, content[0], lead mark, ...rest of content, last mark]. */
  readonly node: PdfNode;
  readonly first: Mark;
  /**
   * After the part's first block when that block is unbreakable (a department's title
   * band with what is bound to it): the block lies whole on this mark's page, while the
   * first mark may have stayed at the foot of the page before when the block moved on.
   */
  readonly lead: Mark | undefined;
  readonly last: Mark;
}

export interface PageGeometry {
  /** pt from the page top where the body starts (the top margin). */
  readonly top: number;
  /** pt from the page top where the body ends (page height less the bottom margin). */
  readonly bottom: number;
  /** pt above a part that runs on. */
  readonly runOnSpace: number;
}

/** A zero-height line: pdfmake records where it lands and draws nothing. */
function mark(): Mark {
  return { text: '', lineHeight: 0 };
}

/** pt a part must clear beyond its height to be judged to fit (pdfmake's own tests have none). */
const SAFETY = 1;
/** Passes after the first two that may correct a part that did not fit as measured (never seen). */
const MAX_CORRECTIONS = 4;

/** A block pdfmake never splits: unbreakable, or a one-row table whose row may not break (a band). */
function wholeOnOnePage(node: PdfNode): boolean {
  if (node['unbreakable'] === true) return true;
  const table = node['table'] as { dontBreakRows?: boolean; body?: unknown[] } | undefined;
  return table?.dontBreakRows === true && table.body?.length === 1;
}

/** The content of a part between its marks, so pagination can find where it starts and ends. */
export function flowPart(content: PdfNode[], start: PartStart, index: number): FlowPart {
  const first = mark();
  const last = mark();
  const [head, ...rest] = content;
  const lead = head && wholeOnOnePage(head) ? mark() : undefined;
  const node: PdfNode = { stack: [first, ...(head ? [head] : []), ...(lead ? [lead] : []), ...rest, last] };
  const part: FlowPart = { start, node, first, lead, last };
  if (index > 0) setStart(part, start === 'auto' ? 'page' : start, 0);
  return part;
}

function setStart(part: FlowPart, how: 'page' | 'right' | 'continue', space: number): void {
  const node = part.node;
  delete node['pageBreak'];
  delete node['margin'];
  // pdfmake counts pages from 0 in these names: 'beforeEven' lands on a right-hand page.
  if (how === 'page') node['pageBreak'] = 'before';
  else if (how === 'right') node['pageBreak'] = 'beforeEven';
  else if (space > 0) node['margin'] = [0, space, 0, 0];
}

const at = (m: Mark): Position | undefined => m.positions?.[0];

export interface Placement {
  readonly firstPage: number;
  readonly lastPage: number;
}

export interface Pagination {
  /** Whether a pass is needed at all (two or more `auto` parts in a row). */
  readonly reviews: boolean;
  /** After a layout pass: true when the parts' starts changed and the document must be laid out again. */
  review(): boolean;
  /** Pages a part occupies in the latest pass, or undefined when it is not laid out yet. */
  placement(part: FlowPart): Placement | undefined;
  /** Layout passes reviewed so far. */
  passes(): number;
  /** Which parts run on (in the last decisions). */
  runsOn(part: FlowPart): boolean;
}

export function paginate(parts: readonly FlowPart[], page: PageGeometry): Pagination {
  const follows = (i: number) => i > 0 && parts[i]!.start === 'auto' && parts[i - 1]!.start === 'auto';
  const reviews = parts.some((_, i) => follows(i));
  const runOn = parts.map(() => false);
  for (const [i, p] of parts.entries()) if (p.start === 'continue' && i > 0) (setStart(p, 'continue', page.runOnSpace), (runOn[i] = true));
  // From the first pass, where every auto part starts a page: its height when whole, and where it ends.
  let measured: { single: boolean; height: number; end: number }[] | undefined;
  const refused = new Set<number>();
  let passes = 0;

  const decide = (): boolean => {
    let changed = false;
    let end: number | undefined;
    parts.forEach((part, i) => {
      const m = measured![i]!;
      const fits = follows(i) && !refused.has(i) && end !== undefined && m.single && end + page.runOnSpace + m.height <= page.bottom - SAFETY;
      if (part.start === 'auto' && runOn[i] !== fits) {
        runOn[i] = fits;
        setStart(part, fits ? 'continue' : 'page', page.runOnSpace);
        changed = true;
      }
      end = fits ? end! + page.runOnSpace + m.height : m.end;
    });
    return changed;
  };

  return {
    reviews,
    passes: () => passes,
    runsOn: (part) => runOn[parts.indexOf(part)] ?? false,
    placement(part) {
      const a = at(part.first);
      const b = at(part.last);
      if (!a || !b) return undefined;
      // A mark alone at the top of a page (content ending exactly at the foot) belongs to the page before.
      const ending = (m: Position, from: number) => (m.pageNumber > from && m.top <= page.top + 0.5 ? m.pageNumber - 1 : m.pageNumber);
      const l = part.lead ? at(part.lead) : undefined;
      const firstPage = l ? Math.max(a.pageNumber, ending(l, a.pageNumber)) : a.pageNumber;
      return { firstPage, lastPage: Math.max(firstPage, ending(b, a.pageNumber)) };
    },
    review() {
      passes++;
      if (!reviews) return false;
      if (!measured) {
        measured = parts.map((p) => {
          const a = at(p.first);
          const b = at(p.last);
          if (!a || !b) return { single: false, height: 0, end: page.top };
          return { single: a.pageNumber === b.pageNumber, height: b.top - a.top, end: b.top };
        });
        return decide();
      }
      // A part that runs on must lie on the page where the part before it ends. The
      // measurement makes sure of it; should pdfmake place it otherwise, it starts a page.
      let wrong = false;
      parts.forEach((p, i) => {
        if (!runOn[i] || p.start !== 'auto') return;
        const a = at(p.first);
        const b = at(p.last);
        const before = at(parts[i - 1]!.last);
        if (!a || !b || !before || a.pageNumber !== b.pageNumber || a.pageNumber !== before.pageNumber) {
          refused.add(i);
          wrong = true;
        }
      });
      return wrong && passes <= 2 + MAX_CORRECTIONS && decide();
    },
  };
}
