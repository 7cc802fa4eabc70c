import { textOf, type ElementNode } from '../render/markup.js';
import { createBlockContext } from './blocks/index.js';
import { elements, type MetricsFor, type PdfNode } from './blocks/context.js';
import type { Theme } from './theme.js';
import { emptyReport, type TypesetReport } from './report.js';
import { outlinePath, type Outliner } from './watermark.js';
import { LOGO_IMAGE } from './blocks/logo.js';
import { tagDocument, tagPart, type StructElement } from './structure.js';

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

export interface PartSpan {
  readonly kind: string;
  readonly id?: string;
  readonly outline?: string;
  readonly firstPage: number;
  readonly lastPage: number;
}

export interface Typeset {
  readonly docDefinition: PdfNode;
  /** Valid after pdfmake has laid the document out: pdfmake records positions on our nodes. */
  spans(): PartSpan[];
  /** Valid after layout: the number of pages pdfmake made. */
  pageCount(): number;
  /** Lines set and rule violations counted while building the definition. */
  readonly report: TypesetReport;
}

interface Part {
  // Only the attributes: the markup tree is garbage once the definition is built.
  readonly attrs: ElementNode['attrs'];
  readonly stack: PdfNode & { positions?: { pageNumber: number }[] };
  readonly sect: StructElement;
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

function span(part: Part): PartSpan | undefined {
  const pages = (part.stack.positions ?? []).map((p) => p.pageNumber);
  if (pages.length === 0) return undefined;
  const a = part.attrs;
  return {
    kind: a['kind'] ?? 'part',
    ...(a['id'] ? { id: a['id'] } : {}),
    ...(a['outline'] ? { outline: a['outline'] } : {}),
    firstPage: Math.min(...pages),
    lastPage: Math.max(...pages),
  };
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

/** Pure: markup document + theme → pdfmake document definition. */
export function toDocDefinition(doc: ElementNode, opts: TypesetOptions): Typeset {
  const { theme: t } = opts;
  const partNodes = elements(doc.children).filter((n) => n.name === 'part');
  // A document of one digest part is the newsletter page: no head or folio to make room for.
  const isDigest = partNodes.length === 1 && partNodes[0]?.attrs['kind'] === 'digest';
  const m = isDigest ? t.digestMargins : t.margins;
  const report = emptyReport();
  const ctx = createBlockContext(t, t.pageWidth - m.inside - m.outside, opts.metrics, report);
  const parts: Part[] = partNodes
    .map((node, i) => {
      const start = node.attrs['start'] ?? 'page';
      const outline = node.attrs['outline'];
      const content = ctx.blocks(node.children);
      if (outline) markOutline(content, outline);
      const sect = tagPart(content);
      const stack: PdfNode = { stack: content };
      // pdfmake counts pages from 0 in these names: 'beforeEven' lands on a right-hand page.
      if (i > 0) stack['pageBreak'] = start === 'right' ? 'beforeEven' : 'before';
      return { attrs: node.attrs, stack, sect };
    });

  // Only the leaves need the tree: each finds its way to the root through its parents.
  tagDocument(parts.map((p) => p.sect));
  const spansNow = (): PartSpan[] => parts.map(span).filter((s): s is PartSpan => s !== undefined);
  // Page → part, built once per layout: searching every part's positions for every
  // header and footer grew with pages × parts (a quarter second at 800 pages).
  let byPage = new Map<number, Part>();
  let indexed = -1;
  const partOfPage = (page: number): Part | undefined => {
    const placed = parts.reduce((n, p) => n + (p.stack.positions?.length ?? 0), 0);
    if (placed !== indexed) {
      byPage = new Map();
      for (const p of parts) for (const q of p.stack.positions ?? []) if (!byPage.has(q.pageNumber)) byPage.set(q.pageNumber, p);
      indexed = placed;
    }
    return byPage.get(page);
  };

  const furniture = (page: number): Part | undefined => {
    const part = partOfPage(page);
    return part && part.attrs['folio'] !== 'off' ? part : undefined;
  };

  // Pages are laid out as right-hand pages (inside margin on the left); printPdf draws
  // left-hand pages mirrored, moved by `mirrorShift`. Page backgrounds stay where they
  // are on the sheet, so they move back by as much.
  const mirrorShift = m.outside - m.inside;
  const unshift = (page: number) => (page % 2 === 0 ? -mirrorShift : 0);
  const watermark = watermarkVector(opts, t);

  let pageCount = 0;
  const docDefinition: PdfNode = {
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
    content: parts.map((p) => p.stack),
    ...(t.logo?.image !== undefined ? { images: { [LOGO_IMAGE]: t.logo.image } } : {}),
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
    header: (page: number) => {
      const part = furniture(page);
      if (!part) return null;
      const right = page % 2 === 1;
      const text = oneLine(right ? part.attrs['head'] ?? '' : opts.editionHead);
      return {
        margin: [m.inside, t.headOffset, m.outside, 0],
        stack: [
          { text, font: t.fonts.heading, fontSize: t.sizes.head, color: t.colour('muted'), alignment: right ? 'right' : 'left' },
          { canvas: [{ type: 'line', x1: 0, y1: 3, x2: t.pageWidth - m.inside - m.outside, y2: 3, lineWidth: 0.4, lineColor: t.colour('rule') }] },
        ],
      };
    },
    footer: (page: number, pages: number) => {
      pageCount = pages;
      if (!furniture(page)) return null;
      return {
        text: String(page),
        font: t.fonts.heading,
        fontSize: t.sizes.folio,
        color: t.colour('muted'),
        alignment: page % 2 === 1 ? 'right' : 'left',
        margin: [m.inside, m.bottom - t.folioOffset - t.sizes.folio, m.outside, 0],
      };
    },
  };
  return { docDefinition, spans: spansNow, pageCount: () => pageCount, report };
}

/**
 * The watermark as a filled outline centred on the page (its x moved by `dx`), in the
 * theme's light watermark tint; `artifact` makes printPdf mark it as a pagination artifact
 * that names the word, so tools can tell 校正 from 見本 without it being page text.
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
    return { type: 'path', d, color: t.colour('watermark'), artifact: word };
  };
}

export { textOf };
