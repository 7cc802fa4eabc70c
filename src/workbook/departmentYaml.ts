import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { deletePair, keepFlowPadding, keyOf, pairOf } from '../archive/scaffold.js';
import { commonItems, identity } from './alignLists.js';

type Data = { readonly [key: string]: unknown };

/**
 * Pure: the department file that holds `data`. When the file exists (`source`), it is
 * edited in place with yaml's Document API, so its comments, key order, quoting and
 * block styles stay wherever the data did not change; list items are matched by their
 * title or name, so a project inserted in the middle does not move the comments of the
 * others. Where the workbook cannot tell two forms apart, the file's form is kept:
 * a text's final line break, a number against its digits typed as text,
 * `budget: { amount: 1200 }` against `budget: 1200`, and an empty list or map against none.
 */
export function departmentYaml(data: Data, source?: string, header?: string): string {
  if (source === undefined) return newFile(data, header);
  const doc = parseDocument(source);
  doc.contents = apply(doc, doc.contents, data, []) as typeof doc.contents;
  return keepFlowPadding(doc.toString({ lineWidth: 0 }), source);
}

/**
 * What the workbook cannot tell apart made equal: texts without a final line break,
 * a number and its digits as text, `{ amount: n }` as `n`, no empty lists or maps. Two data equal under this are printed
 * alike; the import checks its YAML against the workbook with it.
 */
export function comparable(value: unknown): unknown {
  if (typeof value === 'string') {
    const s = value.replace(/\n$/, '');
    return /^-?\d+(\.\d+)?$/.test(s) && String(Number(s)) === s ? Number(s) : s;
  }
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(comparable);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 1 && entries[0]![0] === 'amount' && typeof entries[0]![1] === 'number') return entries[0]![1];
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of entries) {
      const c = comparable(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function newFile(data: Data, header: string | undefined): string {
  const doc = new Document(data);
  styleNew(doc.contents, []);
  // On the first key, not the document: yaml would put a blank line after a document comment.
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  if (header && isScalar(first)) first.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}

/** New nodes take the committed files' style: an indicator's baseline and target on one line. */
function styleNew(node: unknown, path: readonly (string | number)[]): void {
  const last = path[path.length - 1];
  if (isMap(node)) {
    if (last === 'baseline' || last === 'target') node.flow = true;
    for (const pair of node.items) styleNew(pair.value, [...path, String(keyOf(pair))]);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => styleNew(item, [...path, i]));
  }
}

function create(doc: Document, value: unknown, path: readonly (string | number)[]): Node {
  const node = doc.createNode(value) as Node;
  styleNew(node, path);
  return node;
}

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmptyCollection = (node: unknown) => (isMap(node) || isSeq(node)) && node.items.length === 0;

/** The node for `next`: `node` itself, edited, wherever it can be kept. */
function apply(doc: Document, node: unknown, next: unknown, path: readonly (string | number)[]): Node {
  if (isScalar(node) && !Array.isArray(next) && !isObject(next)) return applyScalar(node, next);
  if (isMap(node) && typeof next === 'number') {
    const only = node.items.length === 1 ? node.items[0]! : undefined;
    if (only && keyOf(only) === 'amount' && isScalar(only.value) && only.value.value === next) return node;
  }
  if (isMap(node) && isObject(next)) return applyMap(doc, node, next, path);
  if (isSeq(node) && Array.isArray(next)) return applySeq(doc, node, next, path);
  return create(doc, next, path);
}

function applyScalar(node: Scalar, next: unknown): Scalar {
  const old = node.value;
  if (old === next) return node;
  if (typeof old === 'string' && typeof next === 'string' && old === `${next}\n`) return node;
  // A number the department's cell holds as text (pasted, or a text-formatted cell).
  if (typeof old === 'number' && typeof next === 'string' && String(old) === next) return node;
  node.value = next;
  if (typeof next === 'string' && next.includes('\n') && node.type !== Scalar.BLOCK_FOLDED) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function applyMap(doc: Document, node: YAMLMap, next: Data, path: readonly (string | number)[]): YAMLMap {
  for (const pair of [...node.items]) {
    const key = keyOf(pair);
    if (typeof key === 'string' && !(key in next) && !isEmptyCollection(pair.value)) deletePair(node, key);
  }
  const order = Object.keys(next);
  order.forEach((key, i) => {
    const pair = pairOf(node, key);
    if (pair) {
      pair.value = apply(doc, pair.value, next[key], [...path, key]);
      return;
    }
    const fresh = doc.createPair(key, create(doc, next[key], [...path, key])) as Pair;
    // After the nearest key that comes before it in the schema's order, else first.
    const before = order.slice(0, i).reverse().map((k) => node.items.findIndex((p) => keyOf(p) === k)).find((at) => at >= 0);
    node.items.splice(before === undefined ? 0 : before + 1, 0, fresh);
  });
  return node;
}

function applySeq(doc: Document, node: YAMLSeq, next: readonly unknown[], path: readonly (string | number)[]): YAMLSeq {
  const old = node.items;
  const matches = commonItems(old.map(identity), next.map(identity));
  const items: unknown[] = [];
  let from = 0;
  let j = 0;
  for (const [oi, nj] of [...matches, [old.length, next.length] as const]) {
    // Items between two matches: edited in place, in order, while old ones last; then new.
    const spare = old.slice(from, oi);
    for (; j < nj; j++) items.push(spare.length > 0 ? apply(doc, spare.shift(), next[j], [...path, j]) : create(doc, next[j], [...path, j]));
    if (oi < old.length) items.push(apply(doc, old[oi], next[nj], [...path, nj]));
    from = oi + 1;
    j = nj + 1;
  }
  node.items = items as typeof node.items;
  return node;
}
