import { formatPath, type DataPath } from '../load/formatPath.js';
import { describeIssues } from '../load/issueMessage.js';
import { departmentSchema } from '../load/schema.js';
import { problemWith, type Coverage } from '../typeset/glyphCheck.js';
import type { DepartmentRead } from './readDepartment.js';
import type { Problem } from './sheetTables.js';

/**
 * Pure: what `check` would say about the department read from a workbook (the schema's
 * rules and characters the fonts lack), each at the cell the value came from. Problems at
 * a cell the reader already faulted are left out: one message per mistake.
 */
export function checkDepartment(read: DepartmentRead, covered: Coverage, fallback: string): Problem[] {
  const out: Problem[] = [];
  const faulted = new Set(read.problems.filter((p) => p.severity === 'error').map((p) => p.at));
  const add = (path: DataPath, message: string) => {
    const at = placeOf(read.places, path) ?? fallback;
    if (!faulted.has(at)) out.push({ at, severity: 'error', message });
  };
  const result = departmentSchema.safeParse(read.data);
  if (!result.success) {
    for (const p of describeIssues(result.error.issues, { root: departmentSchema, data: read.data, sourceText: () => undefined })) {
      add(p.path, p.message);
    }
  }
  visitStrings(read.data, [], (value, path) => {
    const seen = new Set<number>();
    for (const ch of value) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x09 || seen.has(cp)) continue;
      seen.add(cp);
      const problem = problemWith(cp, covered);
      if (problem) add(path, problem);
    }
  });
  return out;
}

/** The cell of a path, or of its nearest parent that has one. */
export function placeOf(places: ReadonlyMap<string, string>, path: DataPath): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const at = places.get(formatPath(path.slice(0, n)));
    if (at !== undefined) return at;
  }
  return undefined;
}

function visitStrings(value: unknown, path: DataPath, fn: (s: string, path: DataPath) => void): void {
  if (typeof value === 'string') fn(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => visitStrings(v, [...path, i], fn));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visitStrings(v, [...path, k], fn);
}
