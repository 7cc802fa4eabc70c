/**
 * The booklet's content as a Typst document, for the benchmark's peer column: the same
 * markup our templates render (so the same text, in the same order and structure) written
 * as Typst with the BIZ UD fonts, the theme's page size, margins and type sizes, running
 * heads (the department on right-hand pages, the edition on left-hand ones), folios, a
 * contents page (Typst's own outline, with real page numbers), tables with repeating
 * header rows, ruled boxes and colour bands, each department starting on a right-hand page.
 *
 * The running head is found the usual Typst way, by querying the last department heading
 * before the page: that is what makes Typst's time grow faster than the page count on a
 * very large booklet, and it is the natural way to write it.
 */
import type { ElementNode, MarkupNode } from '../src/render/markup.js';

export interface TypstPage {
  /** mm */
  readonly width: number;
  readonly height: number;
  readonly margins: { readonly top: number; readonly bottom: number; readonly inside: number; readonly outside: number };
}

export interface TypstSizes {
  readonly body: number;
  readonly small: number;
  readonly table: number;
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  readonly head: number;
  readonly folio: number;
  readonly lineHeight: number;
}

export interface TypstStyle {
  readonly page: TypstPage;
  readonly sizes: TypstSizes;
  readonly colours: { readonly accent: string; readonly accentLight: string; readonly muted: string; readonly rule: string };
  /** The left-hand running head. */
  readonly editionHead: string;
}

/** A Typst string literal. */
const str = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const elements = (nodes: readonly MarkupNode[]): ElementNode[] => nodes.filter((n): n is ElementNode => n.type === 'element');

/** Inline content (text, <b>, <br/>) as a Typst content expression. */
function inline(nodes: readonly MarkupNode[]): string {
  const parts = nodes.map((n) => {
    if (n.type === 'text') return str(n.text);
    if (n.name === 'br') return 'linebreak()';
    if (n.name === 'b') return `strong(${inline(n.children)})`;
    return inline(n.children);
  });
  if (parts.length === 0) return '[]';
  return parts.length === 1 ? parts[0]! : `[${parts.map((p) => `#${p}`).join('')}]`;
}

const textOfNodes = (nodes: readonly MarkupNode[]): string => nodes.map((n) => (n.type === 'text' ? n.text : textOfNodes(n.children))).join('');

function columns(widths: string | undefined, count: number): string {
  const ws = (widths ?? '').split(',').filter(Boolean);
  const cols = Array.from({ length: count }, (_, i) => {
    const w = (ws[i] ?? '*').trim();
    return w === '*' ? '1fr' : w === 'auto' ? 'auto' : `${Number(w)}pt`;
  });
  return `(${cols.join(', ')},)`;
}

function table(node: ElementNode): string {
  const rows = elements(node.children).filter((r) => r.name === 'row');
  const count = Math.max(1, ...rows.map((r) => elements(r.children).reduce((n, c) => n + Number(c.attrs['colspan'] ?? 1), 0)));
  const header = Number(node.attrs['header-rows'] ?? 0);
  const cell = (c: ElementNode) => {
    const align = c.attrs['align'] === 'right' ? 'right' : c.attrs['align'] === 'center' ? 'center' : 'left';
    const span = Number(c.attrs['colspan'] ?? 1);
    return `table.cell(align: ${align}${span > 1 ? `, colspan: ${span}` : ''}, ${inline(c.children)})`;
  };
  const row = (r: ElementNode) => elements(r.children).map(cell).join(', ');
  const head = rows.slice(0, header).map(row).filter(Boolean);
  const body = rows.slice(header).map(row).filter(Boolean);
  const all = [...(head.length > 0 ? [`table.header(${head.join(', ')})`] : []), ...body];
  return `#block(breakable: true, table(columns: ${columns(node.attrs['widths'], count)}, ${all.join(',\n')}))\n`;
}

function blocks(nodes: readonly MarkupNode[], s: TypstStyle): string {
  return elements(nodes)
    .map((n) => block(n, s))
    .join('');
}

function block(n: ElementNode, s: TypstStyle): string {
  switch (n.name) {
    case 'h1': {
      const kicker = n.attrs['kicker'] ? `${n.attrs['kicker']}　` : '';
      return `#heading(level: 1, ${str(kicker + textOfNodes(n.children))})\n`;
    }
    case 'h2':
      return `#heading(level: 2, ${inline(n.children)})\n`;
    case 'h3': {
      const marker = n.attrs['marker'] ? `${n.attrs['marker']}　` : '';
      return `#heading(level: 3, ${str(marker + textOfNodes(n.children))})\n`;
    }
    case 'p': {
      const small = /small|contact|project-facts|colophon/.test(n.attrs['class'] ?? '');
      const body = `par(${inline(n.children)})`;
      return small ? `#text(size: ${s.sizes.small}pt, ${body})\n` : `#${body}\n`;
    }
    case 'list':
      return elements(n.children)
        .map((item) => `#par(first-line-indent: 0pt, hanging-indent: 1.5em, [#${str(item.attrs['marker'] ?? '・')}#h(0.5em)#${inline(item.children)}])\n`)
        .join('');
    case 'table':
      return `#text(size: ${s.sizes.table}pt)[\n${table(n)}]\n`;
    case 'band':
      return `#block(width: 100%, fill: rgb(${str(s.colours.accent)}), inset: 10pt)[#set text(fill: white)\n${blocks(n.children, s)}]\n`;
    case 'box':
      return `#block(width: 100%, stroke: 0.6pt + rgb(${str(s.colours.rule)}), inset: 8pt, breakable: true)[\n${blocks(n.children, s)}]\n`;
    case 'columns': {
      const cols = elements(n.children).filter((c) => c.name === 'column');
      return `#grid(columns: (${cols.map(() => '1fr').join(', ')},), column-gutter: ${Number(n.attrs['gap'] ?? 12)}pt, ${cols.map((c) => `[\n${blocks(c.children, s)}]`).join(', ')})\n`;
    }
    case 'spacer':
      return `#v(${Number(n.attrs['height'] ?? 0)}pt)\n`;
    case 'toc-entry':
      return '';
    default:
      return blocks(n.children, s);
  }
}

/** The document's markup (render stage output for the booklet) as Typst source. */
export function typstBooklet(doc: ElementNode, s: TypstStyle): string {
  const { page, sizes, colours } = s;
  const m = page.margins;
  const out: string[] = [
    `#set document(title: ${str(s.editionHead)})`,
    `#set page(width: ${page.width}mm, height: ${page.height}mm, margin: (top: ${m.top}mm, bottom: ${m.bottom}mm, inside: ${m.inside}mm, outside: ${m.outside}mm),`,
    `  header: context {`,
    `    let p = here().page()`,
    `    if p <= 1 { return }`,
    `    let before = query(heading.where(level: 1).before(here()))`,
    `    let head = if calc.odd(p) { if before.len() > 0 { before.last().body } else { [] } } else { ${str(s.editionHead)} }`,
    `    set text(font: "BIZ UDGothic", size: ${sizes.head}pt, fill: rgb(${str(colours.muted)}))`,
    `    align(if calc.odd(p) { right } else { left }, head)`,
    `    v(-6pt)`,
    `    line(length: 100%, stroke: 0.4pt + rgb(${str(colours.rule)}))`,
    `  },`,
    `  footer: context {`,
    `    let p = here().page()`,
    `    if p <= 1 { return }`,
    `    set text(font: "BIZ UDGothic", size: ${sizes.folio}pt, fill: rgb(${str(colours.muted)}))`,
    `    align(if calc.odd(p) { right } else { left }, str(p))`,
    `  })`,
    `#set text(font: "BIZ UDMincho", size: ${sizes.body}pt, lang: "ja", top-edge: 1em, bottom-edge: 0em)`,
    `#set par(justify: true, leading: ${sizes.lineHeight - 1}em, spacing: ${sizes.lineHeight - 1}em, first-line-indent: (amount: 1em, all: true))`,
    `#show strong: set text(font: "BIZ UDGothic", weight: "bold")`,
    `#show heading: set text(font: "BIZ UDGothic", weight: "bold")`,
    `#show heading: set block(above: 1.2em, below: 0.8em)`,
    `#show heading.where(level: 1): set text(size: ${sizes.h1}pt)`,
    `#show heading.where(level: 2): set text(size: ${sizes.h2}pt, fill: rgb(${str(colours.accent)}))`,
    `#show heading.where(level: 3): set text(size: ${sizes.h3}pt)`,
    `#set table(stroke: 0.4pt + rgb(${str(colours.rule)}), inset: 4pt)`,
    '',
  ];
  elements(doc.children)
    .filter((p) => p.name === 'part')
    .forEach((part, i) => {
      if (i > 0) out.push(part.attrs['start'] === 'right' ? '#pagebreak(weak: true, to: "odd")' : '#pagebreak(weak: true)');
      if (part.attrs['kind'] === 'toc') {
        const title = textOfNodes(elements(part.children).find((c) => c.name === 'h1')?.children ?? []);
        out.push(`#outline(title: ${str(title)}, depth: 1, target: heading.where(level: 1))`);
      } else {
        out.push(blocks(part.children, s));
      }
    });
  return `${out.join('\n')}\n`;
}
