import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { charPosition, joinedLineBreaks } from './charPosition.js';
import type { DataPath } from './formatPath.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * What to point at for a path:
 * - `value`: the value's node; an empty value (`title:`) has no text, so its key;
 * - `key`: the key node of the last path segment (for an unknown key);
 * - `parent`: the map that holds the last segment (for a missing key, which has no node).
 */
export type Target = 'value' | 'key' | 'parent';

interface Located {
  node: Node;
  /** The key node when `node` is the value of a map entry. */
  key?: Node;
}

/**
 * Pure: a data path (as zod reports it) → the 1-based line and column in the
 * YAML text. Falls back to the nearest existing ancestor, and to 1:1 for an
 * empty document, so every problem gets a place.
 */
export function locate(
  source: { doc: Document.Parsed; lineCounter: LineCounter },
  path: DataPath,
  target: Target = 'value',
): Position {
  const { doc, lineCounter } = source;
  const steps = target === 'value' ? path : path.slice(0, -1);
  const trail = walk(doc, steps);
  const last = trail[trail.length - 1];
  let node: Node | undefined = last?.node;
  if (target === 'key' && trail.length === steps.length + 1) {
    const key = path[path.length - 1];
    node = key === undefined || !node ? node : (entry(doc, node, key)?.key ?? node);
  } else if (target === 'value' && last?.key && trail.length === steps.length + 1 && isEmptyScalar(last.node)) {
    node = last.key;
  }
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = lineCounter.linePos(offset);
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/** Like locate(…, 'value'), but undefined unless the whole path exists: for "where did this value come from". */
export function find(
  source: { doc: Document.Parsed; lineCounter: LineCounter },
  path: DataPath,
): Position | undefined {
  return walk(source.doc, path).length === path.length + 1 ? locate(source, path) : undefined;
}

/**
 * Like find, but the place of one character of a text value: `index` counts UTF-16
 * units of the text as loaded. Inside a block text, a folded or a quoted one, that is
 * the character's own line and column; a line break (kept, or joined into a space) is
 * placed at the end of the line it breaks.
 */
export function findChar(
  source: { doc: Document.Parsed; lineCounter: LineCounter; text: string },
  path: DataPath,
  index: number,
): Position | undefined {
  const trail = walk(source.doc, path);
  if (trail.length !== path.length + 1) return undefined;
  const { node } = trail[trail.length - 1]!;
  // An empty value has no character to point at: its key then.
  return isScalar(node) && typeof node.value === 'string' ? charPosition(source, node, index) : locate(source, path);
}

/** joinedLineBreaks of the text value at `path`; empty when there is none. */
export function findJoinedLineBreaks(source: { doc: Document.Parsed; text: string; plainlyWritten?: boolean }, path: DataPath): number[] {
  // A file the fast reader took has no text on several lines but `|` blocks, which join nothing.
  if (source.plainlyWritten) return [];
  const trail = walk(source.doc, path);
  return trail.length === path.length + 1 ? joinedLineBreaks(source.text, trail[trail.length - 1]!.node) : [];
}

/** The value as written (`0422`, `"x"`), for quoting it back in a message; scalars only. */
export function sourceTextAt(source: { doc: Document.Parsed; text: string }, path: DataPath): string | undefined {
  const trail = walk(source.doc, path);
  const node = trail.length === path.length + 1 ? trail[trail.length - 1]?.node : undefined;
  if (!node || !isScalar(node) || !node.range) return undefined;
  return source.text.slice(node.range[0], node.range[1]);
}

/** The nodes along `path` from the root, as far as they exist. */
function walk(doc: Document.Parsed, path: DataPath): Located[] {
  const root = deref(doc, doc.contents);
  if (!root) return [];
  const trail: Located[] = [{ node: root }];
  let current: Node = root;
  for (const seg of path) {
    const next = entry(doc, current, seg);
    if (!next) break;
    trail.push(next);
    current = next.node;
  }
  return trail;
}

type MapPair = YAMLMap['items'][number];
// Each map's scalar keys, indexed once: a diagnostic per entry of a long map searched the
// map each time (quadratic in the number of keys).
const indexes = new WeakMap<YAMLMap, Map<string, MapPair>>();

function pairNamed(map: YAMLMap, name: string): MapPair | undefined {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      // The first of repeated keys, as a search from the top would find.
      if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    }
    indexes.set(map, index);
  }
  return index.get(name);
}

function entry(doc: Document.Parsed, parent: Node, seg: string | number): Located | undefined {
  if (isMap(parent)) {
    const pair = pairNamed(parent, String(seg));
    if (!pair || !isScalar(pair.key)) return undefined;
    const key = pair.key;
    const value = deref(doc, pair.value as Node | null);
    // A key with nothing after it has a null value node; keep the key as the place.
    return value ? { node: value, key } : { node: key, key };
  }
  if (isSeq(parent) && typeof seg === 'number') {
    const item = deref(doc, parent.items[seg] as Node | null | undefined);
    return item ? { node: item } : undefined;
  }
  return undefined;
}

/** Aliases point at data defined elsewhere; that is where the value came from. */
function deref(doc: Document.Parsed, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? node;
  return node;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}
