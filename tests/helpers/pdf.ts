import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  readonly pages: string[];
  /** Text lines per page, in reading order, built from pdf.js items' positions. */
  readonly lines: string[][];
  /** pdf.js text items per page: one per text-showing run (a gap between runs is its own " " item). */
  readonly items: string[][];
  readonly outline: string[];
  readonly info: Record<string, unknown>;
  readonly numPages: number;
  /**
   * Per page, in drawing order, the upright text whose baseline lies inside `frame`: the
   * page's running text without running heads, folios or a (rotated) watermark, so that
   * text continuing over a page break joins up again.
   */
  readonly body: string[];
}

/** pt from the top and from the bottom edge of the page that are not body text. */
export interface Frame {
  readonly top: number;
  readonly bottom: number;
}

interface Item {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

/** Reads a PDF back the way a reader (or a screen reader) sees it. */
export async function readPdf(bytes: Uint8Array, frame: Frame = { top: 0, bottom: 0 }): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const lines: string[][] = [];
  const itemTexts: string[][] = [];
  const body: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const items = (content.items as Item[]).filter((it) => 'str' in it);
    pages.push(items.map((it) => it.str).join(''));
    const height = (page.view[3] ?? 0) - (page.view[1] ?? 0);
    body.push(
      items
        .filter((it) => (it.transform[1] ?? 0) === 0 && (it.transform[5] ?? 0) >= frame.bottom && (it.transform[5] ?? 0) <= height - frame.top)
        .map((it) => it.str)
        .join(''),
    );
    itemTexts.push(items.map((it) => it.str));
    // Group items by baseline (y), left to right within a line, top to bottom.
    const byY = new Map<number, Item[]>();
    for (const it of items) {
      if (it.str === '') continue;
      const y = Math.round((it.transform[5] ?? 0) * 2) / 2;
      const key = [...byY.keys()].find((k) => Math.abs(k - y) < 1.5) ?? y;
      byY.set(key, [...(byY.get(key) ?? []), it]);
    }
    lines.push(
      [...byY.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, its]) => its.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0)).map((it) => it.str).join('')),
    );
  }
  const outline = ((await doc.getOutline()) ?? []).map((o: { title: string }) => o.title);
  const meta = await doc.getMetadata();
  const numPages = doc.numPages;
  await doc.destroy();
  return { pages, lines, items: itemTexts, outline, info: meta.info as Record<string, unknown>, numPages, body };
}

/** Text without any whitespace: PDF text extraction splits lines where the layout did. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
