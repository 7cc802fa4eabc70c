/**
 * Where the parts of a document start, decided from the layout itself.
 *
 * A part that starts `auto` (the booklet's departments by default) runs on below the part
 * before it when it fits whole in the space left on that page, and starts a new page
 * otherwise: it fits when its height laid out at the top of a page, after the end of the
 * part before it, stays SAFETY above the page's foot. Those heights are known only once
 * pdfmake has laid the parts out. pdfmake lays a document out again when its
 * `pageBreakBefore` callback answers true; the callback reviews the layout once per pass
 * (see the probe in toDocDefinition) and answers true when the decisions changed.
 *
 * The first pass already starts the parts where the guessed heights (partHeight.ts) put
 * them. Each pass then tells the heights exactly: a part that starts a page is laid out
 * as at the top of any page, and one that runs on whole on a page is as tall as there.
 * When the decisions made from the heights so told are the ones laid out, the layout is
 * the one the rule gives, and it is final: a document whose guesses are right is laid
 * out once. A wrong guess costs a pass. Should the passes not settle (never seen), the
 * document is laid out as it was before guesses: every part on a page of its own first,
 * then as decided from those heights, correcting any part that did not fit as measured.
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
/** Passes laid out from guesses before the parts are measured each on a page of its own. */
const MAX_GUESSES = 3;
/** pt a height told from a part laid out lower on a page may differ by from its height at the top (rounding). */
const ROUNDING = 1e-3;

/**
 * A part's height laid out at the top of a page, whether it stays on that page, and
 * where it ends: `exact` from a layout where it started a page; `layout` from one where it
 * ran on whole (where it would end at a page's top is not told); `guess` before any.
 */
interface Measure {
  readonly from: 'exact' | 'layout' | 'guess';
  readonly single: boolean;
  readonly height: number;
  readonly end: number | undefined;
}

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
  /** Whether a review is needed at all (two or more `auto` parts in a row). */
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

export function paginate(parts: readonly FlowPart[], page: PageGeometry, guesses?: readonly (number | undefined)[]): Pagination {
  const follows = (i: number) => i > 0 && parts[i]!.start === 'auto' && parts[i - 1]!.start === 'auto';
  const reviews = parts.some((_, i) => follows(i));
  const runOn = parts.map(() => false);
  for (const [i, p] of parts.entries()) if (p.start === 'continue' && i > 0) (setStart(p, 'continue', page.runOnSpace), (runOn[i] = true));
  let passes = 0;

  const apply = (decided: readonly boolean[]): boolean => {
    let changed = false;
    parts.forEach((part, i) => {
      if (part.start !== 'auto' || runOn[i] === decided[i]) return;
      runOn[i] = decided[i]!;
      setStart(part, decided[i] ? 'continue' : 'page', page.runOnSpace);
      changed = true;
    });
    return changed;
  };

  /**
   * The rule over heights: `measureOf(i)` is part i's measure at the top of a page. A decision
   * is sure when its measures are exact (the numbers the rule would read from a layout
   * with every part on a page of its own), or told from a layout and clear of the fit
   * threshold by more than a rounding could move it. `measure` names the parts told from
   * a layout that a decision too close to call hangs on: on a page of their own, the next
   * pass tells them exactly.
   */
  const decide = (measureOf: (i: number) => Measure, refused: ReadonlySet<number> = new Set()) => {
    const decided = runOn.slice();
    const measure = new Set<number>();
    let sure = true;
    let end: number | undefined;
    // Where `end` was told: exactly, from parts laid out lower on a page (`chain`), or guessed.
    let endFrom: Measure['from'] = 'exact';
    let chain: number[] = [];
    parts.forEach((part, i) => {
      const m = measureOf(i);
      const follow = follows(i) && !refused.has(i) && end !== undefined;
      const fits = follow && m.single && end! + page.runOnSpace + m.height <= page.bottom - SAFETY;
      if (follow && (m.single || m.from === 'guess')) {
        const clear = Math.abs(page.bottom - SAFETY - (end! + page.runOnSpace + m.height)) > ROUNDING;
        if (m.from === 'guess' || endFrom === 'guess') sure = false;
        else if ((m.from === 'layout' || endFrom === 'layout') && !clear) {
          sure = false;
          for (const k of [...chain, i]) if (measureOf(k).from === 'layout') measure.add(k);
        }
      }
      if (part.start === 'auto') decided[i] = fits;
      if (fits) {
        end = end! + page.runOnSpace + m.height;
        if (m.from !== 'exact' && endFrom !== 'guess') endFrom = m.from;
        chain.push(i);
      } else {
        // A part that ran on whole and now starts a page: where it ends there is not told.
        end = m.end ?? page.top + m.height;
        endFrom = m.end === undefined ? 'guess' : m.from;
        chain = [i];
      }
    });
    return { runOn: decided, sure, measure };
  };

  // What each layout told of the parts' heights; guesses where it told nothing yet.
  const told: (Measure | undefined)[] = parts.map(() => undefined);
  const body = page.bottom - page.top;
  // A part whose height nothing tells yet: as if longer than a page.
  const unknown: Measure = { from: 'guess', single: false, height: body, end: page.bottom };
  /** A part's measure from a layout where it started a page. */
  const exactMeasure = (p: FlowPart): Measure | undefined => {
    const a = at(p.first);
    const b = at(p.last);
    return a && b ? { from: 'exact', single: a.pageNumber === b.pageNumber, height: b.top - a.top, end: b.top } : undefined;
  };
  const guessed = (i: number): Measure => {
    const h = guesses?.[i];
    if (h === undefined) return unknown;
    // Longer than a page: as if its pages broke anywhere (they break between lines and blocks, a little higher).
    return { from: 'guess', single: h <= body, height: h, end: page.top + (h <= body ? h : h % body) };
  };
  const known = (i: number): Measure => told[i] ?? guessed(i);
  let guessing = reviews && guesses !== undefined;
  if (guessing) apply(decide(known).runOn);

  // The rule applied as before guesses: every auto part on a page of its own first.
  let measured: Measure[] | undefined;
  const refused = new Set<number>();
  let exactPasses = 0;
  const exactReview = (): boolean => {
    exactPasses++;
    if (!measured) {
      measured = parts.map((p) => exactMeasure(p) ?? { from: 'exact', single: false, height: 0, end: page.top });
      return apply(decide((i) => measured![i]!).runOn);
    }
    // A part that runs on must lie on the page where the part before it ends. The
    // measurement makes sure of it; should pdfmake place it otherwise, it starts a page.
    const wrong = misplaced();
    for (const i of wrong) refused.add(i);
    return wrong.length > 0 && exactPasses <= 2 + MAX_CORRECTIONS && apply(decide((i) => measured![i]!, refused).runOn);
  };
  /** Auto parts laid out to run on that do not lie whole on the page where the part before them ends. */
  const misplaced = (): number[] =>
    parts.flatMap((p, i) => {
      if (!runOn[i] || p.start !== 'auto') return [];
      const a = at(p.first);
      const b = at(p.last);
      const before = at(parts[i - 1]!.last);
      return !a || !b || !before || a.pageNumber !== b.pageNumber || a.pageNumber !== before.pageNumber ? [i] : [];
    });

  let guessPasses = 0;
  const guessReview = (): boolean => {
    guessPasses++;
    const wrong = new Set(misplaced());
    for (const [i, p] of parts.entries()) {
      const exact = exactMeasure(p);
      if (!exact) return giveUp();
      if (!runOn[i]) told[i] = exact;
      else if (p.start === 'auto' && !wrong.has(i) && told[i]?.from !== 'exact') told[i] = { from: 'layout', single: true, height: exact.height, end: undefined };
      // Did not fit where guessed: the next pass starts it on a page of its own, which tells its height.
      else if (wrong.has(i) && told[i] === undefined) told[i] = unknown;
    }
    const next = decide(known);
    // A part that surely fits yet was not placed whole: the correction is the rule's own.
    if ([...wrong].some((i) => next.runOn[i] && told[i]?.from !== 'guess')) return giveUp();
    if (next.sure && wrong.size === 0 && next.runOn.every((r, i) => r === runOn[i])) return false;
    if (guessPasses >= MAX_GUESSES) return giveUp();
    for (const i of next.measure) next.runOn[i] = false;
    apply(next.runOn);
    return true;
  };
  const giveUp = (): boolean => {
    guessing = false;
    apply(parts.map(() => false));
    return true;
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
      return guessing ? guessReview() : exactReview();
    },
  };
}
