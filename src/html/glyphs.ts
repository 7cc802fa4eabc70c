/**
 * Which characters each face of the HTML edition draws, read from the pages themselves:
 * text inside a bold element (headings, table headers and captions, terms of a definition list, strong)
 * is set in the bold face, everything else in the regular one. style.css makes exactly
 * these elements bold; the browser test checks that no text falls back to another font.
 */

export const BOLD_ELEMENTS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'dt', 'caption', 'strong', 'b']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style']);

/** Printable ASCII is always kept: it costs a few kilobytes and covers generated content (link addresses in print). */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return NAMED[e.toLowerCase()] ?? m;
  });
}

export interface FaceText {
  readonly regular: Set<number>;
  readonly bold: Set<number>;
}

/** Adds the code points of one page (HTML as this tool writes it: well-formed, no comments in text). */
export function collectGlyphs(html: string, into: FaceText = { regular: new Set(ASCII), bold: new Set(ASCII) }): FaceText {
  const open: string[] = [];
  let bold = 0;
  let raw = false;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--[\s\S]*?-->|<![^>]*>|([^<]+)/g)) {
    const [, closing, tagName, text] = m;
    if (text !== undefined) {
      if (raw) continue;
      const face = bold > 0 ? into.bold : into.regular;
      for (const ch of decodeEntities(text)) face.add(ch.codePointAt(0)!);
      continue;
    }
    if (tagName === undefined) continue;
    const tag = tagName.toLowerCase();
    if (VOID_ELEMENTS.has(tag)) continue;
    if (closing) {
      const at = open.lastIndexOf(tag);
      if (at < 0) continue;
      for (const t of open.splice(at)) if (BOLD_ELEMENTS.has(t)) bold--;
      raw = false;
    } else {
      open.push(tag);
      if (BOLD_ELEMENTS.has(tag)) bold++;
      raw = RAW_TEXT.has(tag);
    }
  }
  return into;
}

/** Characters a stylesheet may print itself (content: "…"): every non-ASCII character in it, to both faces. */
export function collectStylesheetGlyphs(css: string, into: FaceText): FaceText {
  for (const ch of css) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e) {
      into.regular.add(cp);
      into.bold.add(cp);
    }
  }
  return into;
}
