import { isScalar, type LineCounter, type Node, type Scalar } from 'yaml';
import { typedIndex } from './composeText.js';
import type { Position } from './locate.js';
import { scalarOffsets } from './scalarOffsets.js';

// Built when a message first names a character of the scalar; most scalars never need one.
const maps = new WeakMap<Scalar, Int32Array | null>();

function offsetsOf(text: string, node: Scalar): Int32Array | undefined {
  let map = maps.get(node);
  if (map === undefined) maps.set(node, (map = scalarOffsets(text, node) ?? null));
  return map ?? undefined;
}

/**
 * Pure: the source offset of the character at `index` of a text value, where `index`
 * counts UTF-16 units of the value as loaded (composed, see composeText). A line break
 * or folded space is placed on the line break it came from. Without a map (not a text,
 * or a style not followed), the scalar's start.
 */
export function charOffset(text: string, node: Node, index: number): number | undefined {
  const start = node.range?.[0];
  if (start === undefined) return undefined;
  if (!isScalar(node) || typeof node.source !== 'string') return start;
  const map = offsetsOf(text, node);
  if (!map || map.length === 0) return start;
  const raw = typedIndex(node.source, Math.max(0, index));
  return map[Math.min(raw, map.length - 1)]!;
}

export function charPosition(source: { text: string; lineCounter: LineCounter }, node: Node, index: number): Position | undefined {
  const offset = charOffset(source.text, node, index);
  if (offset === undefined) return undefined;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: Math.max(1, line), column: Math.max(1, col) };
}
