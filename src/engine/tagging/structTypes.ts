/**
 * The logical structure a document definition carries for tagging (PDF/UA): the
 * typesetter decides it (typeset/structure.ts) and puts the innermost element of each
 * text, image or SVG leaf under STRUCT; the engine marks what it draws from that leaf as
 * the element's content and writes the tree (markContent.ts, buildTree.ts).
 */
export type StructRole =
  | 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'P'
  | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'THead' | 'TBody' | 'TR' | 'TH' | 'TD'
  | 'Figure' | 'TOC' | 'TOCI' | 'Link';

/** Where an element's own drawn content goes among its kids. */
export const OWN = 'own';

export interface StructElement {
  readonly role: StructRole;
  /** Figure: the alternative text. */
  readonly alt?: string;
  /** TH: the cells it heads. */
  readonly scope?: 'Row' | 'Column';
  readonly colSpan?: number;
  parent?: StructElement;
  readonly kids: (StructElement | typeof OWN)[];
}

/** The key of a leaf's element in a document definition. */
export const STRUCT = '_struct';
