import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { DataPath } from './formatPath.js';

/**
 * Pure: every scalar value of the document with its data path, in document order. Keys
 * are not values; an alias is skipped, its anchored value being visited where it is
 * written, so a problem in it is reported once, at the place to fix.
 */
export function forEachScalarValue(doc: Document.Parsed, fn: (path: DataPath, node: Scalar) => void): void {
  const visit = (node: Node | null | undefined, path: DataPath): void => {
    if (!node) return;
    if (isScalar(node)) fn(path, node);
    else if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) visit(pair.value as Node | null, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item as Node | null, [...path, i]));
    }
  };
  visit(doc.contents as Node | null, []);
}
