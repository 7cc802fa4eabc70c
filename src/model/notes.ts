import type { Diagnostic } from '../load/diagnostic.js';
import type { LoadedEdition } from '../load/index.js';
import type { DepartmentFile, EditionFile } from '../load/schema.js';
import { MAX_CIRCLED } from './numbering.js';
import { readText } from './text.js';

/**
 * What the booklet will do with data that is valid but may not say what the editor
 * meant: a department without key projects, a line break it joins, circled numbers
 * asked for past ㊿. Warnings, not errors (`check --strict` fails on them).
 */
export interface DataNote {
  /** 'edition' for edition.yaml, else the department id. */
  readonly file: string;
  readonly path: readonly (string | number)[];
  /** For a multi-line text: the 0-based line inside the value the note is about. */
  readonly line?: number;
  readonly message: string;
}

const bi = (ja: string, en: string) => `${ja} / ${en}`;

/** The multi-paragraph texts, by the path of their key: everything else is printed on one line. */
const RUNNING_TEXT = /^(introduction|mission|policy|specialTopics\.\d+\.body|projects\.\d+\.summary)$/;

function joinNote(file: string, path: (string | number)[], text: string): DataNote[] {
  const { joinedLines } = readText(text);
  const first = joinedLines[0];
  if (first === undefined) return [];
  const more = joinedLines.length - 1;
  return [
    {
      file,
      path,
      line: first,
      message: bi(
        `文の途中で改行されています。この行は前の行につなげて印刷します${more > 0 ? `（ほか${more}か所も同様）` : ''}。段落を分けるなら前の行を「。」で終えるか空行を入れ、箇条書きなら行頭に「・」などの記号を付けてください`,
        `a line break in the middle of a sentence: this line is joined to the one before${more > 0 ? ` (and ${more} more in this text)` : ''}; end the line before with 。 or leave a blank line for a new paragraph, or start the line with a list mark such as ・`,
      ),
    },
  ];
}

function oneLineNote(file: string, path: (string | number)[], text: string): DataNote {
  // The first line that was joined to one before it.
  const lines = text.split(/\r\n?|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const line = lines.findIndex((l, i) => i > first && l.trim() !== '');
  return {
    file,
    path,
    line,
    message: bi(
      'この項目は1行で印刷するため、改行をつなげて印刷します',
      'this field is printed on one line, so its line break is joined',
    ),
  };
}

/** Every string of a file: running texts checked for joined lines, the rest for line breaks at all. */
function textNotes(file: string, value: unknown, path: (string | number)[] = []): DataNote[] {
  if (typeof value === 'string') {
    if (RUNNING_TEXT.test(path.join('.'))) return joinNote(file, path, value);
    return /\S[ \t\u3000]*(\r?\n[ \t\u3000]*)+\S/.test(value) ? [oneLineNote(file, path, value)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => textNotes(file, v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textNotes(file, v, [...path, k]));
  return [];
}

function departmentNotes(id: string, d: DepartmentFile, e: EditionFile): DataNote[] {
  const notes = textNotes(id, d);
  const count = d.projects?.length ?? 0;
  if (count === 0) {
    notes.push({
      file: id,
      path: d.projects ? ['projects'] : ['name'],
      message: bi(
        '主要事業がありません。この部は見出しと本文だけを印刷します',
        'no key projects: the department is printed with its heading and texts only',
      ),
    });
  }
  if (e.numbering === 'circled' && count > MAX_CIRCLED) {
    notes.push({
      file: id,
      path: ['projects'],
      message: bi(
        `①〜㊿の番号は${MAX_CIRCLED}件までです。${count}件あるこの部の主要事業には 1. 2. … と番号を付けます`,
        `circled numbers stop at ${MAX_CIRCLED}; this department's ${count} projects are numbered 1. 2. … instead`,
      ),
    });
  }
  return notes;
}

/** Pure: the notes on an edition's data, by data path. */
export function dataNotes(edition: EditionFile, departments: readonly { readonly id: string; readonly data: DepartmentFile }[]): DataNote[] {
  return [...textNotes('edition', edition), ...departments.flatMap((d) => departmentNotes(d.id, d.data, edition))];
}

/**
 * The source line of line `k` inside the value at `at`: a block scalar (`|`) starts on
 * the line after its indicator and keeps one source line per value line; other scalars
 * have no such mapping, so the value's own start is given.
 */
function lineInValue(text: string | undefined, at: { line: number; column: number }, k: number): { line: number; column: number } {
  const lines = text?.split(/\r?\n/) ?? [];
  const start = lines[at.line - 1]?.slice(at.column - 1) ?? '';
  if (!/^[|>]/.test(start)) return at;
  const line = at.line + 1 + k;
  const source = lines[line - 1];
  if (source === undefined) return at;
  return { line, column: source.length - source.trimStart().length + 1 };
}

/** The notes as warnings at their place in the files. */
export function dataWarnings(loaded: LoadedEdition): Diagnostic[] {
  const editionFile = loaded.sources.find((s) => s.relPath === 'edition.yaml');
  const fileOf = (note: DataNote): { path: string; text: string | undefined } => {
    if (note.file === 'edition') return { path: editionFile?.path ?? 'edition.yaml', text: editionFile?.text };
    const path = loaded.departments.find((x) => x.id === note.file)?.file ?? `departments/${note.file}.yaml`;
    return { path, text: loaded.sources.find((s) => s.path === path)?.text };
  };
  return dataNotes(loaded.edition, loaded.departments).map((note) => {
    const { path, text } = fileOf(note);
    const at = loaded.positionOf(path, [...note.path]) ?? { line: 1, column: 1 };
    const place = note.line !== undefined ? lineInValue(text, at, note.line) : at;
    const where = note.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    return { file: path, ...place, severity: 'warning' as const, message: where ? `${where}: ${note.message}` : note.message };
  });
}
