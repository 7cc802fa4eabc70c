// What a page shows, read back with pdf.js for layout checks: every text item with its
// baseline and size, and the boxes of everything painted (paths, images), in PDF user
// space (y up). Marked-content artifacts (the 見本/校正 watermark) are left out: they are
// not content. Written for the tests; it shares no code with src/.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextInk {
  readonly str: string;
  readonly x: number;
  /** Baseline, pt from the page bottom. */
  readonly y: number;
  /** Font size in page units. */
  readonly size: number;
  /** Upright text (the matrix has no rotation). */
  readonly upright: boolean;
}

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PageInk {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly TextInk[];
  /** Painted paths and images, each as its bounding box. */
  readonly shapes: readonly Box[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
function boxOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const pts = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]] as const);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintSolidColorImageMask]);

export async function readInk(bytes: Uint8Array): Promise<PageInk[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PageInk[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
    const content = await page.getTextContent({ includeMarkedContent: false });
    const texts: TextInk[] = (content.items as { str?: string; transform: number[] }[])
      .filter((it): it is { str: string; transform: number[] } => typeof it.str === 'string' && it.str.trim() !== '')
      .map((it) => {
        const [a, b, , d, e, f] = it.transform as [number, number, number, number, number, number];
        return { str: it.str, x: e, y: f, size: Math.hypot(a, b) || Math.abs(d), upright: Math.abs(b) < 1e-6 };
      });
    const ops = await page.getOperatorList();
    const shapes: Box[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let artifact = 0;
    const marked: boolean[] = [];
    ops.fnArray.forEach((fn: number, k: number) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.paintFormXObjectBegin) {
        stack.push(ctm);
        if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as Matrix);
      } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.beginMarkedContentProps || fn === OPS.beginMarkedContent) {
        const isArtifact = args[0] === 'Artifact';
        marked.push(isArtifact);
        if (isArtifact) artifact++;
      } else if (fn === OPS.endMarkedContent) {
        if (marked.pop()) artifact--;
      } else if (artifact === 0 && fn === OPS.constructPath) {
        const minMax = args[2] as ArrayLike<number> | null;
        if (minMax && Number.isFinite(minMax[0]) && args[0] !== OPS.endPath) shapes.push(boxOf(ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!));
      } else if (artifact === 0 && IMAGES.has(fn)) shapes.push(boxOf(ctm, 0, 0, 1, 1));
    });
    pages.push({ width: vx1 - vx0, height: vy1 - vy0, texts, shapes });
  }
  await doc.destroy();
  return pages;
}

/** pt from the top and the bottom of the page outside the body (running head, folio). */
export interface BodyFrame {
  readonly top: number;
  readonly bottom: number;
}

/**
 * Pages with nothing in the body: no text whose baseline lies inside the frame and no
 * painted shape reaching into it. A page that only has a running head, a folio or a
 * watermark is blank.
 */
export function blankPages(pages: readonly PageInk[], frame: BodyFrame): number[] {
  return pages
    .map((p, i) => {
      const lo = frame.bottom;
      const hi = p.height - frame.top;
      const text = p.texts.some((t) => t.y >= lo && t.y <= hi);
      const drawn = p.shapes.some((s) => s.y1 > lo && s.y0 < hi && s.x1 > 0 && s.x0 < p.width);
      return text || drawn ? 0 : i + 1;
    })
    .filter((n) => n > 0);
}

/** Lines of body text per page, top to bottom, each the items on one baseline joined. */
export function bodyLines(pages: readonly PageInk[], frame: BodyFrame): { text: string; y: number; size: number }[][] {
  return pages.map((p) => {
    const rows: { y: number; items: TextInk[] }[] = [];
    for (const t of p.texts) {
      if (!t.upright || t.y < frame.bottom || t.y > p.height - frame.top) continue;
      const row = rows.find((r) => Math.abs(r.y - t.y) < 1.5);
      if (row) row.items.push(t);
      else rows.push({ y: t.y, items: [t] });
    }
    return rows
      .sort((a, b) => b.y - a.y)
      .map((r) => ({ text: r.items.sort((a, b) => a.x - b.x).map((i) => i.str).join('').replace(/\s+/g, ''), y: r.y, size: Math.max(...r.items.map((i) => i.size)) }));
  });
}

/** A table with header rows, as its markup has it: the header row's cells and each body row's first cell (whitespace removed). */
export interface TableHead {
  readonly head: readonly string[];
  readonly rows: readonly string[];
}

interface MarkupLike {
  readonly type: 'element' | 'text';
  readonly name?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly MarkupLike[];
  readonly text?: string;
}

const textIn = (n: MarkupLike): string => (n.type === 'text' ? (n.text ?? '') : (n.children ?? []).map(textIn).join(''));
const squashed = (s: string) => s.replace(/\s+/g, '');

/** Every table of a markup tree that has header rows. */
export function tableHeads(tree: MarkupLike): TableHead[] {
  const out: TableHead[] = [];
  const walk = (n: MarkupLike) => {
    if (n.type !== 'element') return;
    if (n.name === 'table' && Number(n.attrs?.['header-rows'] ?? 0) > 0) {
      const rows = (n.children ?? []).filter((c) => c.type === 'element' && c.name === 'row');
      const cells = (r: MarkupLike) => (r.children ?? []).filter((c) => c.type === 'element' && c.name === 'cell').map((c) => squashed(textIn(c)));
      out.push({ head: cells(rows[0]!), rows: rows.slice(1).map((r) => cells(r)[0] ?? '') });
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

const prefix = (s: string, n: number) => [...s].slice(0, n).join('');

/**
 * Header rows that end a page, or that something other than a body row of their table
 * follows: a table's header row is found by its text (the line starting with its first
 * cell and holding its last), and the next line on the page must start a body row of a
 * table with that header (past the rest of a header cell that took two lines).
 */
export function headerRowProblems(lines: readonly { text: string }[][], tables: readonly TableHead[]): string[] {
  const problems: string[] = [];
  lines.forEach((page, p) => {
    page.forEach((line, k) => {
      const matching = tables.filter((t) => {
        const first = t.head[0] ?? '';
        const last = t.head[t.head.length - 1] ?? '';
        return first !== '' && line.text.startsWith(prefix(first, 8)) && (t.head.length === 1 || line.text.includes(last));
      });
      if (matching.length === 0) return;
      const startsRow = (text: string) => matching.some((t) => t.rows.some((r) => r !== '' && text.startsWith(prefix(r, 4))));
      let j = k + 1;
      while (j < page.length && !startsRow(page[j]!.text) && matching.some((t) => (t.head[0] ?? '').includes(page[j]!.text))) j++;
      if (j >= page.length) problems.push(`page ${p + 1}: the header row 「${line.text}」 ends the page`);
      else if (!startsRow(page[j]!.text)) problems.push(`page ${p + 1}: the header row 「${line.text}」 is followed by 「${page[j]!.text}」`);
    });
  });
  return problems;
}

/** The headings of a markup tree (h1, h2, h3 with its marker) and the start of each part, whitespace removed. */
export function headingsOf(tree: MarkupLike): string[] {
  const out: string[] = [];
  const walk = (n: MarkupLike) => {
    if (n.type !== 'element') return;
    if (n.name === 'part') out.push(squashed(textIn(n)).slice(0, 12));
    if (n.name === 'h1' || n.name === 'h2' || n.name === 'h3') out.push(squashed(`${n.attrs?.['kicker'] ?? ''}${n.attrs?.['marker'] ?? ''}${textIn(n)}`));
    else for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

/** The department titles of a markup tree (h1 with its number, as the title band prints it), whitespace removed. */
export function titlesOf(tree: MarkupLike): string[] {
  const out: string[] = [];
  const walk = (n: MarkupLike) => {
    if (n.type !== 'element') return;
    if (n.name === 'h1' && n.attrs?.['kicker'] !== undefined) out.push(squashed(`${n.attrs['kicker']}${textIn(n)}`));
    else for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

/**
 * Headings left at the foot of a page while what they head goes on at the top of the
 * next: a page whose last body line (or last but one, before a line of project facts
 * 「担当：…」) is part of a heading, followed by a page that does not start with a heading.
 * A department title (`titles`, set at `titleSize` or larger: the cover and 目次 list the
 * same names smaller) heads nothing when it ends a page whatever follows, or when the next
 * line is another department's title: both are reported too.
 */
export function strandedHeadings(
  lines: readonly { text: string; size?: number }[][],
  headings: readonly string[],
  titles: readonly string[] = [],
  titleSize = Infinity,
): string[] {
  const partOf = (text: string) => text.length > 0 && headings.some((h) => h.includes(text) && (h.startsWith(text) || text.length >= 4));
  const starts = (text: string) => text.length > 0 && headings.some((h) => h.startsWith(prefix(text, 6)) || text.startsWith(prefix(h, 6)));
  const title = ({ text, size = 0 }: { text: string; size?: number }) =>
    size >= titleSize - 0.5 && text.length > 0 && titles.some((t) => t.startsWith(text) && (text.length >= 4 || t === text));
  const problems: string[] = [];
  lines.forEach((page, p) => {
    page.forEach((line, k) => {
      const below = page[k + 1];
      if (below && title(line) && title(below) && !titles.some((t) => t.startsWith(line.text + below.text)))
        problems.push(`page ${p + 1}: the department title 「${line.text}」 is followed at once by 「${below.text}」`);
    });
    const last = page[page.length - 1];
    const next = lines[p + 1]?.[0];
    if (!last || !next || page.length < 2) return;
    const facts = /^[^：]{1,8}：/.test(last.text) && !partOf(last.text);
    const end = facts ? page[page.length - 2]! : last;
    if (partOf(end.text) && (!starts(next.text) || title(end))) problems.push(`page ${p + 1} ends with the heading 「${end.text}」${facts ? ` and 「${last.text}」` : ''}; page ${p + 2} goes on with 「${next.text}」`);
  });
  return problems;
}

/**
 * Lines of a `pdftotext -bbox-layout` page that hold one character, alone or with
 * punctuation (「み」, 「す。」): poppler groups a column's lines itself, so columns of a
 * digest are read apart. Numbers and list markers alone are not text lines.
 */
export function orphanCharacterLines(bboxLayout: string): string[] {
  const out: string[] = [];
  for (const [, line] of bboxLayout.matchAll(/<line[^>]*>([^]*?)<\/line>/g)) {
    const text = [...line!.matchAll(/>([^<]*)<\/word>/g)].map((m) => m[1]).join('');
    const core = text.replace(/[、。，．・）」』】〕：:)\]!！?？]/g, '');
    if ([...core].length === 1 && !/^[\d①-⑳㉑-㊿―]$/.test(core)) out.push(text);
  }
  return out;
}
