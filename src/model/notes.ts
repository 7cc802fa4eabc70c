import type { Diagnostic } from '../load/diagnostic.js';
import type { LoadedEdition } from '../load/index.js';
import { countedNoun, type DepartmentFile, type EditionFile } from '../load/schema.js';
import { isRunningText } from '../load/runningText.js';
import { MAX_CIRCLED } from './numbering.js';
import { resolveTerms } from './terms.js';
import { digestListed } from './digestListing.js';
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
  /** For a text: the index (UTF-16, into the value) of the character the note is about. */
  readonly index?: number;
  readonly message: string;
}

const bi = (ja: string, en: string) => `${ja} / ${en}`;

/** The index of the first character of line `k` of a text (after its indentation). */
function lineStart(text: string, k: number): number {
  let at = 0;
  for (let i = 0; i < k; i++) {
    const next = text.slice(at).search(/\r\n|\r|\n/);
    if (next < 0) break;
    at += next + (text.startsWith('\r\n', at + next) ? 2 : 1);
  }
  return at + (/^[ \t\u3000]*/.exec(text.slice(at))?.[0].length ?? 0);
}

const more = (n: number) => ({ ja: n > 0 ? `（ほか${n}か所も同様）` : '', en: n > 0 ? ` (and ${n} more in this text)` : '' });

function joinNote(file: string, path: (string | number)[], text: string): DataNote[] {
  const { joinedLines } = readText(text);
  const first = joinedLines[0];
  if (first === undefined) return [];
  const m = more(joinedLines.length - 1);
  return [
    {
      file,
      path,
      index: lineStart(text, first),
      message: bi(
        `文の途中で改行されています。この行は前の行につなげて印刷します${m.ja}。段落を分けるなら前の行を「。」で終えるか空行を入れ、箇条書きなら行頭に「・」などの記号を付けてください`,
        `a line break in the middle of a sentence: this line is joined to the one before${m.en}; end the line before with 。 or leave a blank line for a new paragraph, or start the line with a list mark such as ・`,
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
    index: lineStart(text, line),
    message: bi(
      'この項目は1行で印刷するため、改行をつなげて印刷します',
      'this field is printed on one line, so its line break is joined',
    ),
  };
}

/** Every string of a file: running texts checked for joined lines, the rest for line breaks at all. */
function textNotes(file: string, value: unknown, path: (string | number)[] = []): DataNote[] {
  if (typeof value === 'string') {
    if (isRunningText(path)) return joinNote(file, path, value);
    return /\S[ \t\u3000]*(\r?\n[ \t\u3000]*)+\S/.test(value) ? [oneLineNote(file, path, value)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => textNotes(file, v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textNotes(file, v, [...path, k]));
  return [];
}

function departmentNotes(id: string, d: DepartmentFile, e: EditionFile, digestSkips: boolean): DataNote[] {
  const notes = textNotes(id, d);
  const count = d.projects?.length ?? 0;
  if (count === 0) {
    // The edition's own word for its projects (重点課題がありません), as its counter uses it.
    const what = e.terms?.projects !== undefined ? countedNoun(e.terms.projects) : '主要事業';
    // Quoted as printed, so the editor finds in the booklet the words the warning names.
    const terms = resolveTerms(e.terms);
    notes.push({
      file: id,
      path: d.projects ? ['projects'] : ['name'],
      message: bi(
        `${what}がありません。この${terms.department}は見出しと本文だけを印刷${digestSkips ? 'し、ダイジェストには載せません' : 'します'}（本文もなければ見出しの下に「${terms.nothingListed}」と印刷します）`,
        `no key projects: the department is printed with its heading and texts only${digestSkips ? ', and left out of the digest' : ''} (with no texts either, its heading is followed by the line "${terms.nothingListed}")`,
      ),
    });
  }
  if (e.numbering === 'circled' && e.continuousNumbering !== true && count > MAX_CIRCLED) {
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

/** 通し番号 that cannot be what the editor meant: past ㊿ in circled numbers, or with no numbers at all. */
function continuousNotes(e: EditionFile, total: number): DataNote[] {
  if (e.continuousNumbering !== true) return [];
  if (e.numbering === 'bullet' || e.numbering === 'none') {
    return [
      {
        file: 'edition',
        path: ['continuousNumbering'],
        message: bi(
          `numbering: ${e.numbering} は番号を付けないため、通し番号にはなりません。通し番号にするなら numbering を auto・circled・parenthesized・arabic のどれかにしてください`,
          `numbering: ${e.numbering} prints no numbers, so there is nothing to number on; set numbering to auto, circled, parenthesized or arabic`,
        ),
      },
    ];
  }
  if (e.numbering === 'circled' && total > MAX_CIRCLED) {
    return [
      {
        file: 'edition',
        path: ['numbering'],
        message: bi(
          `①〜㊿の番号は${MAX_CIRCLED}件までです。通し番号で${total}件ある主要事業には 1. 2. … と番号を付けます`,
          `circled numbers stop at ${MAX_CIRCLED}; the edition's ${total} projects, numbered on through it, are numbered 1. 2. … instead`,
        ),
      },
    ];
  }
  return [];
}

/** Pure: the notes on an edition's data, by data path. */
export function dataNotes(edition: EditionFile, departments: readonly { readonly id: string; readonly data: DepartmentFile }[]): DataNote[] {
  const count = (d: (typeof departments)[number]) => d.data.projects?.length ?? 0;
  // Whether the digest leaves out a department without projects, by the digest's own rule.
  const digestSkips = digestListed(departments, count).length < departments.length;
  const total = departments.reduce((n, d) => n + count(d), 0);
  return [
    ...textNotes('edition', edition),
    ...continuousNotes(edition, total),
    ...departments.flatMap((d) => departmentNotes(d.id, d.data, edition, digestSkips)),
  ];
}

/** Every text value of a file, with its path. */
function textsOf(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsOf(v, [...path, k]));
  return [];
}

const LATIN = /[\x21-\x7e]/;

/**
 * A text written on several lines without `|` (plain, quoted or `>`): YAML itself turned
 * each line break into a space before the booklet sees the text. Between Latin words that
 * is right; next to Japanese it prints a stray space (行政の デジタル化), so it is named.
 */
function foldedNotes(loaded: LoadedEdition, file: string, id: string, value: unknown): DataNote[] {
  return textsOf(value).flatMap(({ path, text }) => {
    const spaces = loaded.joinedLineBreaks(file, path).filter((i) => !(LATIN.test(text[i - 1] ?? '') && LATIN.test(text[i + 1] ?? '')));
    const first = spaces[0];
    if (first === undefined) return [];
    const m = more(spaces.length - 1);
    return [
      {
        file: id,
        path,
        index: first,
        message: bi(
          `複数行に書かれた文の改行が、YAMLの規則で空白になっています${m.ja}。日本語の間に空白が入るので、行をつなげるか、「${String(path[path.length - 1])}: |」の形で書いてください`,
          `YAML turned this line break into a space${m.en}, which prints between Japanese characters; join the lines, or write the text as a block ("${String(path[path.length - 1])}: |")`,
        ),
      },
    ];
  });
}

/** The notes as warnings at their place in the files. */
export function dataWarnings(loaded: LoadedEdition): Diagnostic[] {
  const editionFile = loaded.sources.find((s) => s.relPath === 'edition.yaml')?.path ?? 'edition.yaml';
  const pathOf = (id: string) =>
    id === 'edition' ? editionFile : (loaded.departments.find((x) => x.id === id)?.file ?? `departments/${id}.yaml`);
  const notes = [
    ...dataNotes(loaded.edition, loaded.departments),
    ...foldedNotes(loaded, editionFile, 'edition', loaded.edition),
    ...loaded.departments.flatMap((d) => foldedNotes(loaded, d.file, d.id, d.data)),
  ];
  return notes.map((note) => {
    const file = pathOf(note.file);
    const place = loaded.positionOf(file, [...note.path], note.index) ?? loaded.positionOf(file, [...note.path]) ?? { line: 1, column: 1 };
    const where = note.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    return { file, line: place.line, column: place.column, severity: 'warning' as const, message: where ? `${where}: ${note.message}` : note.message };
  });
}
