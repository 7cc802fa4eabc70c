import { textOf, type ElementNode } from '../render/markup.js';
import { createBlockContext } from './blocks/index.js';
import { elements, type MetricsFor, type PdfNode } from './blocks/context.js';
import { artifactPath, finishedText, type PartPages, type PrintDocument } from '../engine/index.js';
import type { Theme } from './theme.js';
import { emptyReport, type TypesetReport } from './report.js';
import { outlinePath, type Outliner } from './watermark.js';
import { LOGO_IMAGE } from './blocks/logo.js';
import { tagDocument, tagPart, type StructElement } from './structure.js';
import { flowPart, paginate, type FlowPart, type PartStart } from './pagination.js';
import { breakParagraph } from './japanese/breakLines.js';
import { estimateHeight } from './partHeight.js';

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  readonly creator: string;
  /** The edition's issue date, YYYY-MM-DD: the only date that enters a PDF. */
  readonly issueDate: string;
  /** Distinguishes documents whose other info is equal; pdfkit hashes info into /ID. */
  readonly sourceDigest: string;
  /** The period the document covers, e.g. 令和2年度 (FY2020); written to XMP dc:coverage. */
  readonly coverage: string;
}

export interface TypesetOptions {
  readonly theme: Theme;
  /** Font metrics for our own line breaking (parsed once per process by the caller). */
  readonly metrics: MetricsFor;
  readonly info: DocumentInfo;
  /** 見本 or 校正 across every page; undefined for a final edition. */
  readonly watermark?: string;
  /** Glyph outlines of the watermark's face (Gothic Bold); required with `watermark`. */
  readonly outline?: Outliner;
  /** Running head text on left-hand pages (the edition), right-hand pages show the part. */
  readonly editionHead: string;
  /** No tags (PDF/A-2b): for measuring and checking what tagging changes. */
  readonly untagged?: boolean;
}

/** A part of a document as the manifest and the typesetting cache name it. */
export interface PartLabel {
  readonly kind: string;
  readonly id?: string;
  readonly outline?: string;
}

/** Where a part landed (the engine reports it when it prints the document). */
export type PartSpan = PartLabel & PartPages;

export interface Typeset {
  /** What the engine prints; it reports the pages each part (a PartLabel) landed on. */
  readonly document: PrintDocument<PartLabel>;
  /** Lines set and rule violations counted while building the definition. */
  readonly report: TypesetReport;
  /**
   * Valid after the engine printed the document: the pages each part occupies as
   * pagination reads them from its marks (a part that runs on starts where its title
   * landed, not where the part before it ended).
   */
  spans(): PartSpan[];
}

/** What a part's pages show besides its content (only the attributes: the markup tree is garbage once the definition is built). */
interface Furniture {
  readonly head: string | undefined;
  readonly folio: string | undefined;
}

interface Part {
  readonly part: PartLabel;
  readonly furniture: Furniture;
  readonly flow: FlowPart;
  readonly sect: StructElement;
}

/**
 * The running head of a right-hand page names its part; where departments meet on a page
 * it names both (企画部・総務部), or the first and the last of three or more (企画部〜市民部),
 * so that a reader leafing through finds every department the page holds.
 */
export function headOf(heads: readonly string[]): string {
  const named = [...new Set(heads.filter((h) => h !== ''))];
  if (named.length <= 1) return named[0] ?? '';
  return named.length === 2 ? named.join('・') : `${named[0]}〜${named[named.length - 1]}`;
}

/**
 * pdfmake pads the last block of a part with its bottom margin and, when that margin does
 * not fit, moves on to a new page: the next part would then start one page later still.
 * A part's end needs no space after it (the next part starts a page, or brings its own).
 */
function trimTrailingMargin(nodes: readonly PdfNode[]): void {
  const last = nodes[nodes.length - 1];
  if (!last) return;
  const margin = last['margin'];
  if (Array.isArray(margin) && margin.length === 4 && margin[3] !== 0) last['margin'] = [margin[0], margin[1], margin[2], 0];
  if (Array.isArray(last['stack'])) trimTrailingMargin(last['stack'] as PdfNode[]);
}

/** How a part starts: as its markup says, or for a booklet department as the theme says. */
function partStart(node: ElementNode, t: Theme): PartStart {
  const given = node.attrs['start'];
  if (given === 'page' || given === 'right' || given === 'auto' || given === 'continue') return given;
  return node.attrs['kind'] === 'department' ? t.departmentStart : 'page';
}

/**
 * A running head is one short line: pdfmake's own line breaking (used here) grows worse
 * than linearly with very long text, and a head is no place for a paragraph anyway.
 */
function oneLine(text: string): string {
  const chars = [...text];
  return chars.length <= 60 ? text : `${chars.slice(0, 59).join('')}…`;
}

/** How far down the page the cover's colour block reaches (a share of the height). */
const COVER_BAND = 0.42;

/** The watermark's size on an A4 page (pt); narrower pages scale it down with their width. */
const WATERMARK_SIZE = 160;
const A4_WIDTH = 595.28;

/** JST midnight of the issue date, so the PDF's date reads as the day the city issued it. */
export function issueDateToDate(issueDate: string): Date {
  const [y, m, d] = issueDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) - 9 * 3600 * 1000);
}

function labelOf(a: ElementNode['attrs']): PartLabel {
  return { kind: a['kind'] ?? 'part', ...(a['id'] ? { id: a['id'] } : {}), ...(a['outline'] ? { outline: a['outline'] } : {}) };
}

/**
 * pdfmake makes bookmarks only from text lines, so the part's first text carries it: the
 * bookmark then points at the top of the part without adding a character to the page.
 */
function markOutline(nodes: unknown, title: string): boolean {
  if (Array.isArray(nodes)) return nodes.some((n) => markOutline(n, title));
  if (typeof nodes !== 'object' || nodes === null) return false;
  const node = nodes as PdfNode;
  if ('text' in node && node['text'] !== '') {
    node['outline'] = true;
    node['outlineText'] = title;
    return true;
  }
  return ['stack', 'columns', 'table', 'body'].some((k) => k in node && markOutline(node[k], title));
}

/**
 * The heights pagination starts from, for the parts whose start it decides. Past a page
 * only a part's length matters, unless the part after it is short enough to run on below
 * where it ends: the rest of a long part is looked at only then.
 */
function guessHeights(flows: readonly FlowPart[], page: number, estimate: (blocks: readonly unknown[], limit?: number) => number | undefined): (number | undefined)[] {
  const blocks = (f: FlowPart) => f.node['stack'] as unknown[];
  const capped = flows.map((f) => (f.start === 'auto' ? estimate(blocks(f), page) : undefined));
  return capped.map((h, i) => (h !== undefined && h > page && (capped[i + 1] ?? Infinity) <= page ? estimate(blocks(flows[i]!)) : h));
}

/** Pure: markup document + theme → the document the engine prints. */
export function toDocDefinition(doc: ElementNode, opts: TypesetOptions): Typeset {
  const { theme: t } = opts;
  const partNodes = elements(doc.children).filter((n) => n.name === 'part');
  // A document of one digest part is the newsletter page: no head or folio to make room for.
  const isDigest = partNodes.length === 1 && partNodes[0]?.attrs['kind'] === 'digest';
  const m = isDigest ? t.digestMargins : t.margins;
  const report = emptyReport();
  const ctx = createBlockContext(t, t.pageWidth - m.inside - m.outside, opts.metrics, report);
  const parts: Part[] = partNodes.map((node, i) => {
    const outline = node.attrs['outline'];
    const content = ctx.blocks(node.children);
    trimTrailingMargin(content);
    if (outline) markOutline(content, outline);
    // Tagged before pagination wraps it: each leaf finds its way to the root through its parents.
    const sect = tagPart(content);
    return { part: labelOf(node.attrs), furniture: { head: node.attrs['head'], folio: node.attrs['folio'] }, flow: flowPart(content, partStart(node, t), i), sect };
  });
  tagDocument(parts.map((p) => p.sect));
  const pagination = paginate(
    parts.map((p) => p.flow),
    { top: m.top, bottom: t.pageHeight - m.bottom, runOnSpace: t.runOnSpace },
    guessHeights(parts.map((p) => p.flow), t.pageHeight - m.bottom - m.top, (blocks, limit) =>
      estimateHeight(blocks, { font: t.fonts.body, bold: false, fontSize: t.sizes.body, lineHeight: 1 }, opts.metrics, limit),
    ),
  );
  const spans = (): PartSpan[] =>
    parts.flatMap((p) => {
      const placed = pagination.placement(p.flow);
      return placed ? [{ ...p.part, ...placed }] : [];
    });

  // Page → the parts on it, built once per layout pass (pdfmake calls the header for page
  // 1 first in every pass): searching every part for every header and footer grew with
  // pages × parts.
  let pass = 0;
  let indexed = -1;
  let byPage = new Map<number, Part[]>();
  const partsOn = (page: number): readonly Part[] => {
    if (indexed !== pass) {
      byPage = new Map();
      for (const p of parts) {
        const placed = pagination.placement(p.flow);
        if (!placed) continue;
        for (let k = placed.firstPage; k <= placed.lastPage; k++) byPage.set(k, [...(byPage.get(k) ?? []), p]);
      }
      indexed = pass;
    }
    return byPage.get(page) ?? [];
  };
  // The part at the top of the page decides whether it has a head and folio.
  const furniture = (page: number): readonly Part[] | undefined => {
    const on = partsOn(page);
    return on[0] && on[0].furniture.folio !== 'off' ? on : undefined;
  };
  // The folio of each pass carries a probe: pdfmake asks pageBreakBefore about it after
  // the pass is laid out, which is when pagination reviews where the parts landed.
  let reviewed = -1;
  const probe = () => `pagination-probe-${pass}`;
  // The running head is set as the text is (令和 2 年度 with the ¼ em between Japanese and
  // Latin, as on the cover and in the body), on one line; set once per text.
  const headLines = new Map<string, ReturnType<typeof breakParagraph>>();
  const headMetrics = opts.metrics(t.fonts.heading, false);
  const headLine = (text: string, alignment: 'left' | 'right'): PdfNode => {
    let lines = headLines.get(text);
    if (!lines) headLines.set(text, (lines = breakParagraph(text, { metrics: headMetrics, fontSize: t.sizes.head, measure: 1e6, justify: false })));
    return { ...finishedText(lines, { fontSize: t.sizes.head, alignment }) };
  };

  // Pages are laid out as right-hand pages (inside margin on the left); the engine draws
  // left-hand pages mirrored, moved by `mirrorShift`. Page backgrounds stay where they
  // are on the sheet, so they move back by as much.
  const mirrorShift = m.outside - m.inside;
  const unshift = (page: number) => (page % 2 === 0 ? -mirrorShift : 0);
  const watermark = watermarkVector(opts, t);

  const definition: PdfNode = {
    pageSize: { width: t.pageWidth, height: t.pageHeight },
    pageMargins: [m.inside, m.top, m.outside, m.bottom],
    version: '1.7',
    // Tagged (PDF/UA-1, typeset/structure.ts), so PDF/A-2a: level a asks for the tags.
    subset: opts.untagged ? 'PDF/A-2b' : 'PDF/A-2a',
    tagged: !opts.untagged,
    language: 'ja-JP',
    displayTitle: true,
    compress: true,
    info: {
      title: opts.info.title,
      author: opts.info.author,
      subject: opts.info.subject,
      keywords: opts.info.keywords,
      creator: opts.info.creator,
      producer: opts.info.creator,
      creationDate: issueDateToDate(opts.info.issueDate),
      modDate: issueDateToDate(opts.info.issueDate),
      SourceDigest: opts.info.sourceDigest,
      Coverage: opts.info.coverage,
    },
    defaultStyle: { font: t.fonts.body, fontSize: t.sizes.body, color: t.colour('text') },
    ...(t.logo?.image !== undefined ? { images: { [LOGO_IMAGE]: t.logo.image } } : {}),
    ...(pagination.reviews
      ? {
          pageBreakBefore: (node: { headlineLevel?: unknown }) => {
            if (node.headlineLevel !== probe() || reviewed === pass) return false;
            reviewed = pass;
            return pagination.review();
          },
        }
      : {}),
  };
  const document: PrintDocument<PartLabel> = {
    definition,
    parts: parts.map((p) => ({ part: p.part, content: p.flow.node })),
    // The cover's colour block runs off the top and both sides of the page, by the bleed:
    // the screen PDF clips it at the page edge, the print PDF shows it in its bleed area.
    background: (page: number) => {
      const dx = unshift(page);
      // The watermark lies under everything, the cover's colour block included.
      const canvas: PdfNode[] = watermark ? [watermark(dx)] : [];
      if (page === 1 && partNodes[0]?.attrs['kind'] === 'cover') {
        canvas.push({ type: 'rect', x: dx - t.bleed, y: -t.bleed, w: t.pageWidth + 2 * t.bleed, h: t.pageHeight * COVER_BAND + t.bleed, color: t.colour('accent') });
      }
      return canvas.length > 0 ? { canvas } : null;
    },
    header: ({ page }) => {
      if (page === 1) pass++;
      const on = furniture(page);
      if (!on) return null;
      const right = page % 2 === 1;
      const text = oneLine(right ? headOf(on.map((p) => p.furniture.head ?? '')) : opts.editionHead);
      return {
        margin: [m.inside, t.headOffset, m.outside, 0],
        stack: [
          { ...headLine(text, right ? 'right' : 'left'), font: t.fonts.heading, color: t.colour('muted') },
          { canvas: [{ type: 'line', x1: 0, y1: 3, x2: t.pageWidth - m.inside - m.outside, y2: 3, lineWidth: 0.4, lineColor: t.colour('rule') }] },
        ],
      };
    },
    footer: ({ page }) => {
      if (!furniture(page)) return null;
      return {
        text: String(page),
        headlineLevel: probe(),
        font: t.fonts.heading,
        fontSize: t.sizes.folio,
        color: t.colour('muted'),
        alignment: page % 2 === 1 ? 'right' : 'left',
        margin: [m.inside, m.bottom - t.folioOffset - t.sizes.folio, m.outside, 0],
      };
    },
  };
  return { document, report, spans };
}

/**
 * The watermark as a filled outline centred on the page (its x moved by `dx`), in the
 * theme's light watermark tint, drawn by the engine as a pagination artifact that names
 * the word, so tools can tell 校正 from 見本 without it being page text.
 */
function watermarkVector(opts: TypesetOptions, t: Theme): ((dx: number) => PdfNode) | undefined {
  const word = opts.watermark;
  if (!word) return undefined;
  if (!opts.outline) throw new Error('toDocDefinition: a watermark needs an outline function');
  const size = WATERMARK_SIZE * Math.min(1, t.pageWidth / A4_WIDTH);
  const outline = opts.outline(word);
  const paths = new Map<number, string>();
  return (dx) => {
    let d = paths.get(dx);
    if (d === undefined) paths.set(dx, (d = outlinePath(outline, { cx: t.pageWidth / 2 + dx, cy: t.pageHeight / 2, size, angle: 45 })));
    return { ...artifactPath(d, String(t.colour('watermark')), word) };
  };
}

export { textOf };
