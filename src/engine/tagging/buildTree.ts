/**
 * The structure tree, made once the document is drawn: every element that received
 * content (or holds one that did) becomes a pdfkit structure element, kids in the order
 * the typesetter gave them, which is the reading order. Elements that drew nothing (an
 * empty spacer's paragraph) are left out rather than written empty.
 */
import { OWN, type StructElement } from './structTypes.js';
import { writeCompactly } from './compact.js';

/** A link annotation drawn with an element's line: its object, page and ParentTree key. */
export interface LinkAnnotation {
  readonly ref: unknown;
  readonly page: unknown;
  readonly key: number;
}

interface PdfKitStruct {
  readonly dictionary: { data: Record<string, unknown> };
  add(child: unknown): PdfKitStruct;
  end(): void;
  _isValidChild(child: unknown): boolean;
  _flushChild(child: unknown): void;
}

export interface PdfKitStructDoc {
  ref(data: Record<string, unknown>): { end(): void };
  struct(type: string, options?: Record<string, unknown>): PdfKitStruct;
  addStructure(el: PdfKitStruct): unknown;
  getStructParentTree(): { add(key: number, value: unknown): unknown };
}

/** An OBJR kid; pdfkit's own takes the page current at flush time, not the annotation's. */
class ObjectReference {
  constructor(readonly link: LinkAnnotation) {}
}

function acceptLinks(el: PdfKitStruct): void {
  const valid = el._isValidChild.bind(el);
  const flush = el._flushChild.bind(el);
  el._isValidChild = (child) => child instanceof ObjectReference || valid(child);
  el._flushChild = (child) => {
    if (!(child instanceof ObjectReference)) return flush(child);
    (el.dictionary.data['K'] as unknown[]).push({ Type: 'OBJR', Obj: child.link.ref, Pg: child.link.page });
  };
}

interface Built {
  readonly contents: Map<StructElement, unknown[]>;
  readonly links: Map<StructElement, LinkAnnotation[]>;
  /** Table attributes, one object each, shared by all the cells that have them. */
  readonly attributes: Map<string, unknown>;
}

function tableAttributes(doc: PdfKitStructDoc, el: StructElement, b: Built): unknown {
  const attrs = { O: 'Table', ...(el.scope ? { Scope: el.scope } : {}), ...(el.colSpan ? { ColSpan: el.colSpan } : {}) };
  const key = `${el.scope ?? ''} ${el.colSpan ?? ''}`;
  let ref = b.attributes.get(key);
  if (!ref) {
    const made = doc.ref(attrs);
    made.end();
    b.attributes.set(key, (ref = made));
  }
  return ref;
}

function build(doc: PdfKitStructDoc, el: StructElement, b: Built): PdfKitStruct | undefined {
  const { contents, links } = b;
  const kids: unknown[] = [];
  for (const kid of el.kids) {
    if (kid === OWN) kids.push(...(contents.get(el) ?? []));
    else {
      const made = build(doc, kid, b);
      if (made) kids.push(made);
    }
  }
  const annots = links.get(el) ?? [];
  if (kids.length === 0 && annots.length === 0) return undefined;
  const made = doc.struct(el.role, el.alt ? { alt: el.alt } : {});
  writeCompactly(made.dictionary);
  if (el.scope || el.colSpan) made.dictionary.data['A'] = tableAttributes(doc, el, b);
  for (const kid of kids) made.add(kid);
  if (annots.length > 0) {
    acceptLinks(made);
    for (const link of annots) {
      made.add(new ObjectReference(link));
      doc.getStructParentTree().add(link.key, made.dictionary);
    }
  }
  made.end();
  return made;
}

const rootOf = (el: StructElement): StructElement => (el.parent ? rootOf(el.parent) : el);

export function buildStructTree(doc: PdfKitStructDoc, contents: Map<StructElement, unknown[]>, links: Map<StructElement, LinkAnnotation[]>): void {
  const first = contents.keys().next();
  if (first.done) return;
  const root = build(doc, rootOf(first.value), { contents, links, attributes: new Map() });
  if (root) doc.addStructure(root);
}
