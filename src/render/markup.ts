/**
 * The markup templates produce: a small, closed XML subset (see docs/markup.md). Templates
 * never build PDF structures; this parser is the only way into the typesetter, so an
 * element or attribute it does not know is an error naming the line of rendered markup.
 */

export const BLOCK_ELEMENTS = {
  document: ['lang'],
  part: ['kind', 'id', 'head', 'start', 'folio', 'outline'],
  h1: ['id', 'kicker'],
  h2: [],
  h3: ['marker', 'widest'],
  p: ['class'],
  list: ['class'],
  item: ['marker'],
  table: ['widths', 'class', 'header-rows'],
  row: [],
  cell: ['align', 'colspan', 'class'],
  'toc-entry': ['ref', 'number'],
  band: ['class'],
  box: ['class'],
  columns: ['gap'],
  column: ['width'],
  spacer: ['height'],
  logo: ['place'],
} as const;

export const INLINE_ELEMENTS = { b: [], br: [] } as const;

export type ElementName = keyof typeof BLOCK_ELEMENTS | keyof typeof INLINE_ELEMENTS;

export interface ElementNode {
  readonly type: 'element';
  readonly name: ElementName;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly MarkupNode[];
  /** 1-based line in the rendered markup, for error messages. */
  readonly line: number;
}

export interface TextNode {
  readonly type: 'text';
  readonly text: string;
}

export type MarkupNode = ElementNode | TextNode;

export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${message}`);
    this.name = 'MarkupError';
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string, at: () => [number, number]): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (m, body: string | undefined) => {
    if (body === undefined) throw new MarkupError('bare "&" in markup: write &amp;', ...at());
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const named = ENTITIES[body];
    if (named === undefined) throw new MarkupError(`unknown entity ${m}`, ...at());
    return named;
  });
}

function isKnown(name: string): name is ElementName {
  return Object.hasOwn(BLOCK_ELEMENTS, name) || Object.hasOwn(INLINE_ELEMENTS, name);
}

function allowedAttrs(name: ElementName): readonly string[] {
  return (BLOCK_ELEMENTS as Record<string, readonly string[]>)[name] ??
    (INLINE_ELEMENTS as Record<string, readonly string[]>)[name] ?? [];
}

/**
 * Whitespace containing a line break is template indentation, never content: data text
 * reaches the markup on one line (paragraphs are split in the model), so removing it
 * cannot eat a space the editor wrote.
 */
function normaliseText(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t\r\n]*/g, '');
}

export function parseMarkup(source: string): ElementNode {
  let pos = 0;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const where = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - (lineStarts[lo] ?? 0) + 1];
  };

  interface Open {
    name: ElementName;
    attrs: Record<string, string>;
    children: MarkupNode[];
    line: number;
  }
  const root: Open = { name: 'document', attrs: {}, children: [], line: 0 };
  const stack: Open[] = [root];
  const top = (): Open => stack[stack.length - 1] ?? root;

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > pos) {
      const start = pos;
      const text = normaliseText(decodeEntities(source.slice(pos, textEnd), () => where(start)));
      if (text !== '') top().children.push({ type: 'text', text });
      pos = textEnd;
      continue;
    }
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos);
      if (end === -1) throw new MarkupError('unclosed comment', ...where(pos));
      pos = end + 3;
      continue;
    }
    const tagStart = pos;
    const closing = /^<\/([a-z0-9-]+)\s*>/.exec(source.slice(pos, pos + 64));
    if (closing) {
      const name = closing[1] ?? '';
      const open = stack.pop();
      if (!open || open === root || open.name !== name) {
        throw new MarkupError(`</${name}> does not close <${open?.name ?? '(nothing)'}>`, ...where(tagStart));
      }
      top().children.push({ type: 'element', name: open.name, attrs: open.attrs, children: open.children, line: open.line });
      pos += closing[0].length;
      continue;
    }
    const tag = /^<([a-z0-9-]+)((?:\s+[a-z-]+="[^"<]*")*)\s*(\/?)>/.exec(source.slice(pos));
    if (!tag) throw new MarkupError('malformed tag', ...where(tagStart));
    const name = tag[1] ?? '';
    if (!isKnown(name)) throw new MarkupError(`unknown element <${name}>`, ...where(tagStart));
    const attrs: Record<string, string> = {};
    const allowed = allowedAttrs(name);
    for (const m of (tag[2] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
      const key = m[1] ?? '';
      if (!allowed.includes(key)) throw new MarkupError(`<${name}> has no attribute "${key}"`, ...where(tagStart));
      attrs[key] = decodeEntities(m[2] ?? '', () => where(tagStart));
    }
    const line = where(tagStart)[0];
    if (tag[3] === '/') top().children.push({ type: 'element', name, attrs, children: [], line });
    else stack.push({ name, attrs, children: [], line });
    pos += tag[0].length;
  }
  if (stack.length > 1) {
    const open = top();
    throw new MarkupError(`<${open.name}> is never closed`, open.line, 1);
  }
  const doc = root.children.find((c): c is ElementNode => c.type === 'element' && c.name === 'document');
  if (!doc || root.children.length !== 1) throw new MarkupError('markup must be one <document> element', 1, 1);
  return doc;
}

/** Concatenated text of a node, for bookmarks and checks. */
export function textOf(node: MarkupNode): string {
  if (node.type === 'text') return node.text;
  if (node.name === 'br') return '\n';
  return node.children.map(textOf).join('');
}
