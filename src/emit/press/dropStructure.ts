/**
 * The print PDF drops the screen PDF's tags, as prepress does: PDF/X-1a has no use for a
 * structure tree, and it is most of what tagging adds to a file. The marked-content
 * operators stay in the pages (they draw nothing); without /MarkInfo and /StructTreeRoot
 * the file is untagged.
 */
import { PDFName, type PDFDocument } from 'pdf-lib';

const N = (s: string) => PDFName.of(s);

export function dropStructure(doc: PDFDocument): void {
  doc.catalog.delete(N('StructTreeRoot'));
  doc.catalog.delete(N('MarkInfo'));
  for (const page of doc.getPages()) {
    page.node.delete(N('StructParents'));
    page.node.delete(N('Tabs'));
  }
}
