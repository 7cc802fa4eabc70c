import type { z } from 'zod';
import { composeData } from './composeText.js';
import { crossFileDiagnostics, type DepartmentSource, type EditionSource } from './crossFile.js';
import type { Diagnostic } from './diagnostic.js';
import { formatPath } from './formatPath.js';
import { describeIssues } from './issueMessage.js';
import { findChar, locate, sourceTextAt } from './locate.js';
import { numberFormProblems } from './numberForms.js';
import type { ParsedYaml } from './parseYaml.js';
import { departmentSchema, editionSchema, type DepartmentFile, type EditionFile } from './schema.js';
import { textWarnings } from './textWarnings.js';

export type { DepartmentSource, EditionSource } from './crossFile.js';

export interface ValidDepartment {
  id: string;
  path: string;
  data: DepartmentFile;
}

export type Validated =
  | { ok: true; edition: EditionFile; departments: ValidDepartment[]; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Pure: parsed files → checked data, or every problem in every file at once,
 * so one run shows a department's editor all they have to fix.
 * `edition` is undefined when there is no edition.yaml (the caller reports that).
 * Diagnostics come unsorted; the caller sorts them with those it found itself.
 */
export function validateSources(edition: EditionSource | undefined, departments: readonly DepartmentSource[]): Validated {
  const diagnostics: Diagnostic[] = [];
  const editionData = edition?.parsed ? check(editionSchema, edition.parsed, diagnostics) : undefined;
  const valid = new Map<string, ValidDepartment>();
  for (const d of departments) {
    if (!d.parsed) continue;
    const data = check(departmentSchema, d.parsed, diagnostics);
    if (data !== undefined) valid.set(d.id, { id: d.id, path: d.path, data });
  }
  diagnostics.push(...crossFileDiagnostics(edition, departments));

  if (editionData === undefined || diagnostics.some((d) => d.severity === 'error')) {
    return { ok: false, diagnostics };
  }
  // No errors means every listed id has a valid file, so this keeps the booklet order.
  const ordered = editionData.departments.flatMap((id) => {
    const d = valid.get(id);
    return d ? [d] : [];
  });
  return { ok: true, edition: editionData, departments: ordered, warnings: diagnostics };
}

/**
 * Parse problems, text warnings, numbers that would not print as written and schema
 * problems of one file; the data (its texts composed, see composeText) only when it has
 * no error.
 */
function check<S extends z.ZodType>(schema: S, parsed: ParsedYaml, out: Diagnostic[]): z.output<S> | undefined {
  out.push(...parsed.diagnostics);
  if (!parsed.data) return undefined;
  out.push(...textWarnings(parsed));
  const data = composeData(parsed.data.value);
  const result = schema.safeParse(data);
  // A number that would not print as written (0x1F) is said so, rather than "must be text".
  const numbers = numberFormProblems(parsed, schema);
  for (const n of numbers) out.push({ file: parsed.file, ...n.at, severity: 'error', message: n.message });
  const said = new Set(numbers.map((n) => formatPath(n.path)));
  const problems = result.success
    ? []
    : describeIssues(result.error.issues, { root: schema, data, sourceText: (path) => sourceTextAt(parsed, path) });
  for (const p of problems) {
    if (p.target === 'value' && said.has(formatPath(p.path))) continue;
    const at = (p.index !== undefined ? findChar(parsed, p.path, p.index) : undefined) ?? locate(parsed, p.path, p.target);
    out.push({ file: parsed.file, ...at, severity: 'error', message: p.message });
  }
  return result.success && numbers.length === 0 ? result.data : undefined;
}
