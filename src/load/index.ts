import { decodeText } from './decode.js';
import { compareBytes, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import type { DataPath } from './formatPath.js';
import { find, findChar, findJoinedLineBreaks } from './locate.js';
import { parseYaml, type ParsedYaml } from './parseYaml.js';
import { readSources } from './readSources.js';
import type { DepartmentFile, EditionFile } from './schema.js';
import {
  departmentIdOf,
  displayPath,
  EDITION_FILE,
  MAX_FILE_BYTES,
  tooLargeMessage,
} from './sourceFiles.js';
import { validateSources, type DepartmentSource, type EditionSource } from './validate.js';

export type { Diagnostic } from './diagnostic.js';
export { formatDiagnostic } from './diagnostic.js';
export type {
  ContactData,
  DepartmentFile,
  DigestData,
  DistributionData,
  EditionFile,
  EditionStatus,
  IndicatorData,
  IndicatorValueData,
  ProjectData,
  ResourcesData,
  SectionData,
  SpecialTopicData,
} from './schema.js';

export interface SourceFile {
  /** As shown in diagnostics. */
  path: string;
  /** Posix, relative to the edition dir, e.g. departments/kikaku.yaml. */
  relPath: string;
  /** Decoded text without a BOM (best effort when the file is not UTF-8), for code frames. */
  text: string;
  bytes: Uint8Array;
}

export interface LoadedDepartment {
  id: string;
  /** As shown in diagnostics, e.g. data/2020/departments/kikaku.yaml. */
  file: string;
  data: DepartmentFile;
}

export interface LoadedEdition {
  dir: string;
  edition: EditionFile;
  /** In edition.yaml order. */
  departments: LoadedDepartment[];
  /** Sorted by relPath. */
  sources: SourceFile[];
  /**
   * Where a value came from, for later stages' errors (e.g. a missing glyph).
   * `file` is a path as in diagnostics or a relPath; undefined when there is no such value.
   * With `index`, the place of that character (UTF-16 index into the text as loaded) of a
   * text value: its own line and column even inside a block or folded text, a line
   * break's at the end of the line it breaks.
   */
  positionOf(file: string, path: readonly (string | number)[], index?: number): { line: number; column: number } | undefined;
  /**
   * The indexes (into the text as loaded) of the spaces that YAML made from line breaks in
   * the text value at `path`: a plain or quoted text continued on the next line, or a `>`
   * text. positionOf(file, path, index) places each at the end of the line it joined.
   */
  joinedLineBreaks(file: string, path: readonly (string | number)[]): number[];
}

export type LoadResult =
  | { ok: true; edition: LoadedEdition; warnings: Diagnostic[] }
  /** `sources` lets the caller print code frames with formatDiagnostic. */
  | { ok: false; diagnostics: Diagnostic[]; sources: SourceFile[] };

/** Reads and checks the edition in `dir`: readSources + parseEdition. */
export async function loadEdition(dir: string): Promise<LoadResult> {
  const read = await readSources(dir);
  if (read.fatal) return { ok: false, diagnostics: sortDiagnostics(read.diagnostics), sources: [] };
  return analyze(read.files, dir, read.unreadable, read.diagnostics);
}

/** Pure: the files of an edition → its checked data, or every problem found. */
export function parseEdition(files: { path: string; relPath: string; bytes: Uint8Array }[], dir: string): LoadResult {
  return analyze(files, dir, [], []);
}

type InputFile = { path: string; relPath: string; bytes: Uint8Array };

function analyze(
  files: readonly InputFile[],
  dir: string,
  unreadable: readonly string[],
  earlier: readonly Diagnostic[],
): LoadResult {
  const { sources, parsed, diagnostics } = parseFiles(files);
  diagnostics.unshift(...earlier);
  // Unreadable files count as present, so they are not also reported as missing.
  for (const relPath of unreadable) parsed.set(relPath, undefined);

  const sourceOf = (relPath: string) => {
    const p = parsed.get(relPath);
    return { path: displayPath(dir, relPath), ...(p ? { parsed: p } : {}) };
  };
  const edition: EditionSource | undefined = parsed.has(EDITION_FILE) ? sourceOf(EDITION_FILE) : undefined;
  if (!edition) {
    diagnostics.push({
      file: displayPath(dir, EDITION_FILE),
      line: 0,
      column: 0,
      severity: 'error',
      message:
        'edition.yaml がありません。冊子1冊分のデータのフォルダ（例: data/2020）を指定してください / ' +
        'no edition.yaml; give an edition folder such as data/2020',
    });
  }
  const departments: DepartmentSource[] = [...parsed.keys()].sort(compareBytes).flatMap((relPath) => {
    const id = departmentIdOf(relPath);
    return id === undefined ? [] : [{ id, ...sourceOf(relPath) }];
  });

  const validated = validateSources(edition, departments);
  if (!validated.ok || diagnostics.some((d) => d.severity === 'error')) {
    const all = [...diagnostics, ...(validated.ok ? validated.warnings : validated.diagnostics)];
    return { ok: false, diagnostics: sortDiagnostics(all), sources };
  }
  return {
    ok: true,
    edition: {
      dir,
      edition: validated.edition,
      departments: validated.departments.map((d) => ({ id: d.id, file: d.path, data: d.data })),
      sources,
      ...positionFinders(parsed),
    },
    warnings: sortDiagnostics([...diagnostics, ...validated.warnings]),
  };
}

/** Decodes and parses each file; `parsed` maps every relPath, to undefined when it could not be parsed. */
function parseFiles(files: readonly InputFile[]) {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceFile[] = [];
  const parsed = new Map<string, ParsedYaml | undefined>();
  for (const f of [...files].sort((a, b) => compareBytes(a.relPath, b.relPath))) {
    if (f.bytes.length > MAX_FILE_BYTES) {
      diagnostics.push({ file: f.path, line: 0, column: 0, severity: 'error', message: tooLargeMessage(f.bytes.length) });
      sources.push({ ...f, text: '' });
      parsed.set(f.relPath, undefined);
      continue;
    }
    const decoded = decodeText(f.bytes);
    sources.push({ ...f, text: decoded.text });
    if (decoded.ok) {
      parsed.set(f.relPath, parseYaml(f.path, decoded.text));
    } else {
      const { line, column, message } = decoded;
      diagnostics.push({ file: f.path, line, column, severity: 'error', message });
      parsed.set(f.relPath, undefined);
    }
  }
  return { sources, parsed, diagnostics };
}

function positionFinders(
  parsed: ReadonlyMap<string, ParsedYaml | undefined>,
): Pick<LoadedEdition, 'positionOf' | 'joinedLineBreaks'> {
  const byFile = new Map<string, ParsedYaml>();
  for (const [relPath, p] of parsed) {
    if (!p) continue;
    byFile.set(relPath, p);
    byFile.set(p.file, p);
  }
  return {
    positionOf(file: string, path: DataPath, index?: number) {
      const p = byFile.get(file);
      if (!p) return undefined;
      return index === undefined ? find(p, path) : findChar(p, path, index);
    },
    joinedLineBreaks(file: string, path: DataPath) {
      const p = byFile.get(file);
      return p ? findJoinedLineBreaks(p, path) : [];
    },
  };
}
