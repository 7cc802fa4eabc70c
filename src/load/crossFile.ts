import type { Diagnostic } from './diagnostic.js';
import { closest, idFromText } from './didYouMean.js';
import { locate } from './locate.js';
import type { ParsedYaml } from './parseYaml.js';
import { ID_PATTERN } from './schema.js';

export interface EditionSource {
  path: string;
  /** Absent when the file could not be read or decoded (already reported). */
  parsed?: ParsedYaml;
}

export interface DepartmentSource {
  /** The file name without `.yaml`. */
  id: string;
  path: string;
  parsed?: ParsedYaml;
}

/**
 * Pure: the rules that tie edition.yaml's `departments` list to the files in
 * departments/. A file counts as present even when it could not be read, so a
 * Shift_JIS file is reported once (as Shift_JIS), not also as missing.
 */
export function crossFileDiagnostics(edition: EditionSource | undefined, departments: readonly DepartmentSource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const present = new Map<string, DepartmentSource>();
  for (const d of departments) {
    if (ID_PATTERN.test(d.id)) {
      present.set(d.id, d);
      continue;
    }
    const guess = idFromText(d.id);
    out.push({
      file: d.path,
      line: 1,
      column: 1,
      severity: 'error',
      message:
        `ファイル名「${d.id}.yaml」は部のIDとして使えません。半角英小文字・数字とハイフンだけの名前にしてください` +
        (guess ? `（例: ${guess}.yaml）` : '') +
        ` / the file name "${d.id}.yaml" is not a valid department id; use lower-case ASCII letters, digits and hyphens` +
        (guess ? `, e.g. ${guess}.yaml` : ''),
    });
  }

  const list = listedIds(edition);
  // Without a readable list there is nothing to compare the files with; its own errors say why.
  if (!edition?.parsed || !list) return out;
  const parsed = edition.parsed;

  const firstIndex = new Map<string, number>();
  const unlisted = [...present.keys()].filter((id) => !list.some((item) => item.id === id));
  for (const { id, index } of list) {
    // Placed only when there is something to say: a place needs the file's full parse.
    const at = () => locate(parsed, ['departments', index]);
    const first = firstIndex.get(id);
    if (first !== undefined) {
      const firstLine = locate(parsed, ['departments', first]).line;
      out.push({
        file: edition.path,
        ...at(),
        severity: 'error',
        message:
          `departments[${index}]: 「${id}」が2回書かれています（最初は departments[${first}]、${firstLine}行目）。1回だけにしてください / ` +
          `"${id}" is listed twice (first as departments[${first}], line ${firstLine}); list each department once`,
      });
      continue;
    }
    firstIndex.set(id, index);
    if (present.has(id)) continue;
    const guess = closest(id, unlisted);
    out.push({
      file: edition.path,
      ...at(),
      severity: 'error',
      message:
        `departments[${index}]: departments/${id}.yaml がありません。ファイルを作るか、この行を消してください` +
        (guess ? `（departments/${guess}.yaml のことですか？）` : '') +
        ` / no file departments/${id}.yaml; create it or remove "${id}" from the list` +
        (guess ? ` (did you mean \`${guess}\`?)` : ''),
    });
  }

  for (const id of unlisted) {
    const d = present.get(id)!;
    out.push({
      file: d.path,
      line: 1,
      column: 1,
      severity: 'error',
      message:
        `この部（${id}）は edition.yaml の departments にありません。掲載する順の位置に「${id}」を加えるか、このファイルを削除してください / ` +
        `department "${id}" is not listed in edition.yaml's departments; add "${id}" there (the list gives the booklet order) or delete this file`,
    });
  }
  return out;
}

/** The well-formed ids in the `departments` list, with their index; bad items are the schema's to report. */
function listedIds(edition: EditionSource | undefined): { id: string; index: number }[] | undefined {
  const value = edition?.parsed?.data?.value;
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, 'departments')) return undefined;
  const list = (value as { departments: unknown }).departments;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((id: unknown, index) => (typeof id === 'string' && ID_PATTERN.test(id) ? [{ id, index }] : []));
}
