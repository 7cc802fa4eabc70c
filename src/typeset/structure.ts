/**
 * The logical structure of a document (PDF/UA tags), decided while the document
 * definition is built: the typesetter knows what is a heading, a paragraph, a list item
 * or a table cell; the engine (engine/tagging) only knows lines and vectors.
 *
 * Every text, image or SVG leaf of the pdfmake tree gets `_struct`, the innermost element
 * it belongs to; elements know their parent and their kids in reading order. Tags go on
 * leaves, not containers, because blocks are regrouped after they are made (a heading is
 * bound to the first lines of the paragraph after it) while a leaf stays a leaf. Whatever
 * is drawn from a leaf without `_struct` (running heads, folios, rules, fills) is an
 * artifact.
 */
import { classes, elements, type PdfNode } from './blocks/context.js';
import type { ElementNode } from '../render/markup.js';
import { OWN, STRUCT, type StructElement, type StructRole } from '../engine/index.js';

export { OWN, STRUCT, type StructElement };


const make = (role: StructRole, extra: Partial<Pick<StructElement, 'alt' | 'scope' | 'colSpan'>> = {}): StructElement => ({ role, ...extra, kids: [] });

export function structOf(leaf: PdfNode): StructElement | undefined {
  return leaf[STRUCT] as StructElement | undefined;
}

/** Text, image and SVG nodes in reading order (stacks, columns, table rows left to right). */
export function eachLeaf(node: unknown, visit: (leaf: PdfNode) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) eachLeaf(n, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as PdfNode;
  if ('text' in n || 'image' in n || 'svg' in n) {
    visit(n);
    return;
  }
  if (Array.isArray(n['stack'])) eachLeaf(n['stack'], visit);
  if (Array.isArray(n['columns'])) eachLeaf(n['columns'], visit);
  const table = n['table'] as { body?: unknown[] } | undefined;
  if (Array.isArray(table?.body)) eachLeaf(table.body, visit);
}

const topOf = (e: StructElement): StructElement => (e.parent ? topOf(e.parent) : e);

function adopt(parent: StructElement, kid: StructElement): void {
  if (kid === parent || kid.parent) return;
  kid.parent = parent;
  parent.kids.push(kid);
}

/**
 * `el` takes every untagged leaf under `node` as its own content and every element
 * already made under it (the top of its chain) as a kid, in reading order.
 */
export function claim(node: unknown, el: StructElement): StructElement {
  eachLeaf(node, (leaf) => {
    const s = structOf(leaf);
    if (s) adopt(el, topOf(s));
    else {
      leaf[STRUCT] = el;
      if (!el.kids.includes(OWN)) el.kids.push(OWN);
    }
  });
  return el;
}

const HEADINGS: Readonly<Record<string, StructRole>> = { h1: 'H1', h2: 'H2', h3: 'H3' };

/** A list: one LI per item, its marker the Lbl and its text the LBody. */
function tagList(out: PdfNode): StructElement {
  const list = make('L');
  for (const item of (out['stack'] as unknown[] | undefined) ?? []) {
    const li = make('LI');
    const cols = (item as PdfNode)['columns'];
    if (Array.isArray(cols) && cols.length === 2) {
      adopt(li, claim(cols[0], make('Lbl')));
      adopt(li, claim(cols[1], make('LBody')));
    } else adopt(li, claim(item, make('LBody')));
    if (li.kids.length > 0) adopt(list, li);
  }
  return list;
}

/** A table: header rows in THead (TH scope Column), the rest in TBody; label cells TH scope Row, the rest TD. */
function tagTable(node: ElementNode, out: PdfNode): StructElement {
  const table = make('Table');
  const rows = elements(node.children).filter((r) => r.name === 'row');
  const body = ((out['table'] as { body?: unknown[][] } | undefined)?.body ?? []) as PdfNode[][];
  const headerRows = Number(node.attrs['header-rows'] ?? 0);
  let head: StructElement | undefined;
  let main: StructElement | undefined;
  body.forEach((cells, ri) => {
    const tr = make('TR');
    const cellNodes = elements(rows[ri]?.children ?? []);
    cells.forEach((cell, ci) => {
      const markup = cellNodes[ci];
      const span = Number(markup?.attrs['colspan'] ?? 1);
      const extra = span > 1 ? { colSpan: span } : {};
      const el = ri < headerRows
        ? make('TH', { scope: 'Column', ...extra })
        : markup && classes(markup).includes('label') ? make('TH', { scope: 'Row', ...extra }) : make('TD', extra);
      adopt(tr, claim(cell, el));
    });
    const group = ri < headerRows ? (head ??= make('THead')) : (main ??= make('TBody'));
    adopt(group, tr);
  });
  // THead and TBody only when there is a head to tell apart: rows go straight in otherwise.
  if (head) adopt(table, head);
  if (main && head) adopt(table, main);
  else if (main) {
    for (const tr of main.kids) {
      if (tr === OWN) continue;
      delete tr.parent;
      adopt(table, tr);
    }
  }
  return table;
}

/** A 目次 line: its number, then the title and page, which link to the part. */
function tagTocEntry(out: PdfNode): StructElement {
  const item = make('TOCI');
  const [number, ...linked] = ((out['table'] as { body?: unknown[][] } | undefined)?.body?.[0] ?? []) as PdfNode[];
  if (number) claim(number, item);
  adopt(item, claim(linked, make('Link')));
  return item;
}

/**
 * Tags what `block` made of `node`: headings, paragraphs, lists, tables, 目次 lines and
 * the logo. Bands, boxes, columns and spacers are only layout: their content is tagged
 * by its own blocks and joins the enclosing element.
 */
export function tagBlock(node: ElementNode, out: PdfNode): PdfNode {
  const heading = HEADINGS[node.name];
  if (heading) claim(out, make(heading));
  else if (node.name === 'p') claim(out, make('P'));
  else if (node.name === 'list') tagList(out);
  else if (node.name === 'table') tagTable(node, out);
  else if (node.name === 'toc-entry') tagTocEntry(out);
  else if (node.name === 'logo') claim(out, make('Figure', { alt: node.attrs['alt'] ?? '' }));
  return out;
}

/** A part is a Sect; consecutive 目次 lines in it are one TOC. */
export function tagPart(content: unknown): StructElement {
  const sect = claim(content, make('Sect'));
  const kids = sect.kids.splice(0);
  let toc: StructElement | undefined;
  for (const kid of kids) {
    if (kid !== OWN && kid.role === 'TOCI') {
      if (!toc) sect.kids.push((toc = { ...make('TOC'), parent: sect }));
      kid.parent = toc;
      toc.kids.push(kid);
    } else {
      toc = undefined;
      sect.kids.push(kid);
    }
  }
  return sect;
}

/** The document's root, its parts in order. */
export function tagDocument(parts: readonly StructElement[]): StructElement {
  const root = make('Document');
  for (const p of parts) adopt(root, p);
  return root;
}
