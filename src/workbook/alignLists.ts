import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar } from 'yaml';
import { formatPath, type DataPath } from '../load/formatPath.js';

/**
 * Lists of the old file and the workbook are matched item by item by what names an item
 * (a project's title, a section's or an indicator's name, a value's label), so an item
 * inserted or removed in the middle leaves the others matched with themselves.
 */

/** An item's identity for matching old and new lists: its title, name or label, or its own value. */
export function identity(v: unknown): unknown {
  if (isMap(v)) return v.get('title') ?? v.get('name') ?? v.get('label');
  if (isScalar(v)) return v.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as { [key: string]: unknown };
    return o['title'] ?? o['name'] ?? o['label'];
  }
  return typeof v === 'object' ? undefined : v;
}

/** Index pairs of a longest common subsequence of two lists of identities (undefined never matches). */
export function commonItems(a: readonly unknown[], b: readonly unknown[]): [number, number][] {
  const same = (x: unknown, y: unknown) => x !== undefined && isDeepStrictEqual(x, y);
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = same(a[i], b[j]) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (same(a[i], b[j])) out.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

const isRecord = (v: unknown): v is { readonly [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What changed between two versions of a department, as data paths in the new version's
 * numbering (a removed item in the old one): `projects[1] (added)`, `sections[3] (removed)`,
 * `projects[0].summary`.
 */
export function changedPaths(a: unknown, b: unknown, path: DataPath = []): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a === undefined) return [`${formatPath(path)} (added)`];
  if (b === undefined) return [`${formatPath(path)} (removed)`];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    let from = 0;
    let j = 0;
    for (const [oi, nj] of [...commonItems(a.map(identity), b.map(identity)), [a.length, b.length] as const]) {
      const spare = a.slice(from, oi);
      for (; j < nj; j++) out.push(...(spare.length > 0 ? changedPaths(spare.shift(), b[j], [...path, j]) : [`${formatPath([...path, j])} (added)`]));
      // Removed items have no place in the new numbering: named by the old one.
      spare.forEach((_, k) => out.push(`${formatPath([...path, oi - spare.length + k])} (removed)`));
      if (oi < a.length) out.push(...changedPaths(a[oi], b[nj], [...path, nj]));
      from = oi + 1;
      j = nj + 1;
    }
    return out;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths(a[k], b[k], [...path, k]));
  }
  return [path.length === 0 ? '(the whole file)' : formatPath(path)];
}
