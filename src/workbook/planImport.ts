import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../load/diagnostic.js';
import { parseEdition, type SourceFile } from '../load/index.js';
import { parseYaml } from '../load/parseYaml.js';
import type { RawFile } from '../load/readSources.js';
import { departmentSchema, editionSchema, type EditionFile } from '../load/schema.js';
import { displayPath, EDITION_FILE } from '../load/sourceFiles.js';
import type { Coverage } from '../typeset/glyphCheck.js';
import { changedPaths } from './alignLists.js';
import { checkDepartment } from './checkDepartment.js';
import { comparable, departmentYaml } from './departmentYaml.js';
import type { Grid } from './grid.js';
import { SHEET } from './layout.js';
import { readDepartment, type DepartmentRead } from './readDepartment.js';
import { sortProblems, type Problem } from './sheetTables.js';

/** A workbook as the command read it: its sheets, or why it could not be read. */
export interface WorkbookSource {
  /** As the user gave it, for messages. */
  readonly shown: string;
  readonly read: { readonly ok: true; readonly grids: readonly Grid[] } | { readonly ok: false; readonly message: string };
}

export interface ImportContext {
  /** The edition folder as shown in messages. */
  readonly dir: string;
  /** The edition's files as they are now. */
  readonly files: readonly RawFile[];
  readonly covered: Coverage;
}

export interface PlannedFile {
  /** departments/<id>.yaml */
  readonly relPath: string;
  readonly text: string;
  /** `replaced`: the old file was not readable YAML, so it was written anew (its comments are gone). */
  readonly status: 'created' | 'updated' | 'unchanged' | 'replaced';
  /** The workbook it came from, as shown. */
  readonly from: string;
  /** Data paths whose value changed (updated files). */
  readonly changes: readonly string[];
}

export interface ImportPlan {
  /** Errors (nothing may be written then) and warnings, every one at its workbook cell. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly PlannedFile[];
  /** The YAML this import made, for the code frames of a problem found in it. */
  readonly sources: readonly SourceFile[];
}

const bi = (ja: string, en: string) => `${ja} / ${en}`;

/**
 * Pure: filled-in workbooks → the department files they make, or every problem found in
 * any of them. Each workbook is read, checked as `check` would check its YAML (schema and
 * fonts) and its department must be one the edition lists, once; the YAML is then made
 * (existing files edited in place) and the whole edition with it checked in memory.
 */
export function planImport(workbooks: readonly WorkbookSource[], ctx: ImportContext): ImportPlan {
  const diagnostics: Diagnostic[] = [];
  const edition = editionOf(ctx, diagnostics);
  const seen = new Map<string, string>();
  const reads: { source: WorkbookSource; read: DepartmentRead; id: string }[] = [];
  for (const source of workbooks) {
    if (!source.read.ok) {
      diagnostics.push(at(source.shown, { at: '', severity: 'error', message: source.read.message }));
      continue;
    }
    const grids = source.read.grids;
    const read = readDepartment(grids);
    const problems: Problem[] = [...read.problems, ...checkDepartment(read, ctx.covered, SHEET.form)];
    const idAt = read.places.get('id') ?? `${SHEET.form}`;
    if (read.id !== undefined && edition) {
      if (!edition.departments.includes(read.id)) {
        problems.push({
          at: idAt,
          severity: 'error',
          message: bi(
            `部のID「${read.id}」は ${displayPath(ctx.dir, EDITION_FILE)} の departments にありません。この冊子の様式か確かめてください（新しい部なら先に departments に加えます）`,
            `"${read.id}" is not in the edition's departments; is this workbook for this edition? (add a new department to departments first)`,
          ),
        });
      } else if (seen.has(read.id)) {
        problems.push({
          at: idAt,
          severity: 'error',
          message: bi(`部「${read.id}」のブックが2つあります（${seen.get(read.id)} も同じ部）`, `two workbooks for "${read.id}" (${seen.get(read.id)} too)`),
        });
      }
      if (read.fiscalYear !== undefined && read.fiscalYear !== edition.fiscalYear) {
        problems.push({
          at: read.places.get('fiscalYear') ?? idAt,
          severity: 'warning',
          message: bi(
            `この様式は${read.fiscalYear}年度の冊子から作られました。取り込み先は${edition.fiscalYear}年度です`,
            `the workbook was made for fiscal year ${read.fiscalYear}; it is imported into ${edition.fiscalYear}`,
          ),
        });
      }
      seen.set(read.id, source.shown);
    }
    diagnostics.push(...sortProblems(problems, grids).map((p) => at(source.shown, p)));
    if (read.id !== undefined) reads.push({ source, read, id: read.id });
  }
  if (!edition || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, files: [], sources: [] };

  const files = reads.map(({ source, read, id }) => planFile(ctx, id, read, source.shown));
  diagnostics.push(...checkEdition(ctx, files));
  const changing = files.filter((f) => f.status !== 'unchanged');
  if (edition.status === 'final' && changing.length > 0) {
    diagnostics.push({
      file: displayPath(ctx.dir, EDITION_FILE),
      line: 0,
      column: 0,
      severity: 'error',
      message: bi(
        `この冊子は確定版（status: final）なので、データを変えられません（${changing.map((f) => f.relPath).join(', ')} が変わります）。直すときは status: draft にしてから取り込みます`,
        `this edition is final (published): its data may not change (${changing.map((f) => f.relPath).join(', ')} would); set status: draft to revise it`,
      ),
    });
  }
  const sources = files.map((f) => {
    const bytes = new TextEncoder().encode(f.text);
    return { path: displayPath(ctx.dir, f.relPath), relPath: f.relPath, text: f.text, bytes };
  });
  return { diagnostics, files: diagnostics.some((d) => d.severity === 'error') ? [] : files, sources };
}

/** The edition's own settings (the departments it lists, its year), or its errors. */
function editionOf(ctx: ImportContext, diagnostics: Diagnostic[]): EditionFile | undefined {
  const file = ctx.files.find((f) => f.relPath === EDITION_FILE);
  const shown = displayPath(ctx.dir, EDITION_FILE);
  const parsed = file ? parseYaml(shown, new TextDecoder().decode(file.bytes)) : undefined;
  const result = parsed?.data ? editionSchema.safeParse(parsed.data.value) : undefined;
  if (result?.success) return result.data;
  diagnostics.push({
    file: shown,
    line: 0,
    column: 0,
    severity: 'error',
    message: file
      ? bi('edition.yaml に誤りがあるので取り込めません。booklet check で確かめて直してください', 'edition.yaml has errors; run booklet check and fix it first')
      : bi('edition.yaml がありません。取り込み先の冊子のフォルダ（例: data/2021）を --into に指定してください', 'no edition.yaml; give the edition folder with --into'),
  });
  return undefined;
}

function planFile(ctx: ImportContext, id: string, read: DepartmentRead, from: string): PlannedFile {
  const relPath = `departments/${id}.yaml`;
  const shown = displayPath(ctx.dir, relPath);
  const existing = ctx.files.find((f) => f.relPath === relPath);
  const oldText = existing ? new TextDecoder().decode(existing.bytes).replace(/^\uFEFF/, '') : undefined;
  const old = oldText === undefined ? undefined : parseYaml(shown, oldText);
  // A file that is not readable YAML cannot be edited in place: the workbook replaces it.
  const editable = old?.data !== undefined && !old.diagnostics.some((d) => d.severity === 'error') ? oldText : undefined;
  const text = departmentYaml(read.data, editable, editable === undefined ? schemaHeader(ctx) : undefined);
  const made = parseYaml(shown, text).data?.value;
  const valid = departmentSchema.safeParse(made);
  // The YAML must hold what the workbook said: anything else is this tool's bug.
  if (!valid.success || !isDeepStrictEqual(comparable(valid.data), comparable(read.data))) {
    throw new Error(`import: the YAML made for ${relPath} does not hold the workbook's data`);
  }
  if (oldText === undefined) return { relPath, text, status: 'created', from, changes: [] };
  if (editable === undefined) return { relPath, text, status: 'replaced', from, changes: [] };
  const before = old!.data!.value;
  if (text === oldText || isDeepStrictEqual(before, made)) return { relPath, text: oldText, status: 'unchanged', from, changes: [] };
  return { relPath, text, status: 'updated', from, changes: changedPaths(before, made) };
}

/** A new department file starts with its siblings' editor schema line, when they have one. */
function schemaHeader(ctx: ImportContext): string | undefined {
  for (const f of ctx.files) {
    if (!f.relPath.startsWith('departments/')) continue;
    const m = /^#\s*(yaml-language-server:\s*\$schema=\S+)/.exec(new TextDecoder().decode(f.bytes.subarray(0, 300)));
    if (m) return ` ${m[1]}`;
  }
  return undefined;
}

/** The edition with the new files, checked as `check` loads it: only problems in the files this import writes stop it. */
function checkEdition(ctx: ImportContext, planned: readonly PlannedFile[]): Diagnostic[] {
  const replaced = new Map(planned.map((p) => [p.relPath, new TextEncoder().encode(p.text)]));
  const files = ctx.files.filter((f) => !replaced.has(f.relPath)).map((f) => ({ ...f }));
  for (const [relPath, bytes] of replaced) files.push({ path: displayPath(ctx.dir, relPath), relPath, bytes });
  const result = parseEdition(files, ctx.dir);
  if (result.ok) return [];
  const ours = new Set([...replaced.keys()].map((r) => displayPath(ctx.dir, r)));
  return result.diagnostics.filter((d) => d.severity === 'error' && ours.has(d.file));
}

/** `file.xlsx:シート名!C12` as a diagnostic's place (line 0: a workbook has no lines to frame). */
function at(shown: string, p: Problem): Diagnostic {
  return { file: p.at === '' ? shown : `${shown}:${p.at}`, line: 0, column: 0, severity: p.severity, message: p.message };
}
