import { isScalar, type LineCounter, type Node, type Scalar } from 'yaml';
import { indexMaps, typedIndex } from './composeText.js';
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

/**
 * Pure: the indexes, in the text as loaded, of the spaces YAML made from a line break of
 * the source: a plain or quoted text continued on the next line, or a `>` text, joins its
 * lines with a space. A check that warns about a joined line can point at each with
 * charPosition (the end of the line that was joined).
 */
export function joinedLineBreaks(text: string, node: Node): number[] {
  if (!isScalar(node) || typeof node.source !== 'string') return [];
  const map = offsetsOf(text, node);
  if (!map) return [];
  const raw = node.source;
  const { printed } = indexMaps(raw);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const at = text[map[i]!];
    if (raw[i] === ' ' && (at === '\n' || at === '\r')) out.push(printed(i));
  }
  return out;
}
