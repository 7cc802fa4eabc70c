import { readCell } from './cellValues.js';
import { cellAddress, plainText, type CellValue, type Grid } from './grid.js';
import { SHEET, type Field, type SheetKey } from './layout.js';

/** Something wrong (or worth saying) at a place in the workbook: `シート名!C12`, or a sheet's name alone. */
export interface Problem {
  readonly at: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** One field of one row as read: where it is, and its value (undefined when blank or unreadable). */
export interface FieldCell {
  readonly at: string;
  readonly value: string | number | undefined;
}

/** A data row of a sheet: its number and every field by key. */
export interface TableRow {
  readonly row: number;
  readonly fields: ReadonlyMap<string, FieldCell>;
}

const bi = (ja: string, en: string) => `${ja} / ${en}`;

/** How far down a key row may have moved (rows a department inserted above it). */
const KEY_ROW_SEARCH = 40;

export const where = (grid: Grid, row: number, col: number) => `${grid.name}!${cellAddress(row, col)}`;

/**
 * The sheet of the layout: by its name, else (renamed by the department) the one sheet
 * whose key row has every key. Undefined, with an error, when there is none.
 */
export function findSheet(grids: readonly Grid[], sheet: SheetKey, keys: readonly string[], problems: Problem[]): Grid | undefined {
  const name = SHEET[sheet];
  const named = grids.find((g) => g.name === name);
  if (named) return named;
  const likely = grids.filter((g) => {
    const found = keyRow(g, keys);
    return found !== undefined && keys.every((k) => found.columns.has(k));
  });
  if (likely.length === 1) return likely[0];
  problems.push({
    at: name,
    severity: 'error',
    message: bi(
      `シート「${name}」がありません。この様式のシートは削除・改名しないでください（書くことがなければ行を空にします）`,
      `there is no sheet "${name}"; keep the template's sheets (leave their rows empty when there is nothing to say)`,
    ),
  });
  return undefined;
}

/** The first row holding at least two of the keys, and the column of each key in it. */
function keyRow(grid: Grid, keys: readonly string[]): { row: number; columns: Map<string, number> } | undefined {
  const wanted = new Set(keys);
  const rows = [...grid.rows.keys()].filter((r) => r <= KEY_ROW_SEARCH).sort((a, b) => a - b);
  for (const row of rows) {
    const columns = new Map<string, number>();
    for (const [col, v] of grid.rows.get(row)!) {
      const text = plainText(v);
      if (text !== undefined && wanted.has(text) && !columns.has(text)) columns.set(text, col);
    }
    if (columns.size >= 2) return { row, columns };
  }
  return undefined;
}

/**
 * The columns of a list sheet by key, and every data row below the key row, each field
 * read as its kind. Rows with no value in any known column are skipped; unreadable cells
 * are reported and read as blank; values in columns the layout does not know are said
 * once per column, since the tool will not import them.
 */
export function readTable(grid: Grid, fields: readonly Field[], problems: Problem[]): TableRow[] | undefined {
  const keys = fields.map((f) => f.key);
  const found = keyRow(grid, keys);
  const missing = fields.filter((f) => !found?.columns.has(f.key));
  if (!found || missing.length > 0) {
    problems.push({
      at: grid.name,
      severity: 'error',
      message: bi(
        `キーの行（灰色の小さな文字の行）に ${missing.map((f) => f.key).join(', ')} がありません。様式の列と灰色の行は削除しないでください`,
        `the key row (small grey text) lacks ${missing.map((f) => f.key).join(', ')}; do not delete the template's columns or grey rows`,
      ),
    });
    return undefined;
  }
  const known = new Set(found.columns.values());
  const unknownWithData = new Map<number, number>();
  const records: TableRow[] = [];
  for (const row of [...grid.rows.keys()].filter((r) => r > found.row).sort((a, b) => a - b)) {
    const cells = grid.rows.get(row)!;
    const fieldsOfRow = new Map<string, FieldCell>();
    let any = false;
    for (const f of fields) {
      const col = found.columns.get(f.key)!;
      const before = problems.length;
      const cell = readField(grid, row, col, f, cells.get(col), problems);
      // A cell that could not be read counts as written: its row must not vanish.
      if (cell.value !== undefined || problems.length > before) any = true;
      fieldsOfRow.set(f.key, cell);
    }
    for (const col of cells.keys()) if (!known.has(col) && !unknownWithData.has(col)) unknownWithData.set(col, row);
    if (!any) continue;
    if (grid.hiddenRows.has(row)) problems.push(hiddenRow(grid, row));
    records.push({ row, fields: fieldsOfRow });
  }
  for (const [col, row] of unknownWithData) problems.push(unknownColumn(grid, found.row, col, row));
  return records;
}

export function readField(grid: Grid, row: number, col: number, f: Field, v: CellValue | undefined, problems: Problem[]): FieldCell {
  const at = where(grid, row, col);
  const read = readCell(f.kind, v);
  if ('problem' in read) {
    problems.push({ at, severity: 'error', message: read.problem });
    return { at, value: undefined };
  }
  return { at, value: read.value };
}

/**
 * The form: the value column and every row by the key in its key column. A row of the
 * layout that is missing is an error (its data would vanish); rows the department added
 * with something in the value column are said, since the tool will not import them.
 */
export function readForm(
  grid: Grid,
  fields: readonly Field[],
  columns: { key: string; value: string },
  problems: Problem[],
): Map<string, FieldCell> | undefined {
  const found = keyRow(grid, [columns.key, columns.value, 'item', 'help']);
  const keyCol = found?.columns.get(columns.key);
  const valueCol = found?.columns.get(columns.value);
  if (!found || keyCol === undefined || valueCol === undefined) {
    problems.push({
      at: grid.name,
      severity: 'error',
      message: bi(
        `キーの行（灰色の小さな文字の行: ${columns.key}, ${columns.value}）がありません。様式の列と灰色の行は削除しないでください`,
        `the key row (${columns.key}, ${columns.value}) is missing; do not delete the template's columns or grey rows`,
      ),
    });
    return undefined;
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out = new Map<string, FieldCell>();
  for (const row of [...grid.rows.keys()].filter((r) => r > found.row).sort((a, b) => a - b)) {
    const cells = grid.rows.get(row)!;
    const key = plainText(cells.get(keyCol));
    const f = key === undefined ? undefined : byKey.get(key);
    if (!f) {
      if (cells.has(valueCol)) {
        problems.push({
          at: where(grid, row, valueCol),
          severity: 'warning',
          message: bi('この行は様式にない行なので取り込みません', 'this row is not part of the template and is not imported'),
        });
      }
      continue;
    }
    if (out.has(f.key)) {
      problems.push({
        at: where(grid, row, keyCol),
        severity: 'error',
        message: bi(`キー ${f.key} の行が2つあります。片方を削除してください`, `the row ${f.key} is there twice; delete one`),
      });
      continue;
    }
    if (grid.hiddenRows.has(row) && cells.has(valueCol)) problems.push(hiddenRow(grid, row));
    out.set(f.key, readField(grid, row, valueCol, f, cells.get(valueCol), problems));
  }
  const missing = fields.filter((f) => !out.has(f.key));
  if (missing.length > 0) {
    problems.push({
      at: grid.name,
      severity: 'error',
      message: bi(
        `行 ${missing.map((f) => f.key).join(', ')} がありません。様式の行は削除しないでください`,
        `the rows ${missing.map((f) => f.key).join(', ')} are missing; do not delete the template's rows`,
      ),
    });
  }
  return out;
}

function hiddenRow(grid: Grid, row: number): Problem {
  return {
    at: `${grid.name}!${row}:${row}`,
    severity: 'warning',
    message: bi('非表示の行ですが、値があるので取り込みます。載せないなら行を削除してください', 'the row is hidden but holds values, so it is imported; delete the row to leave it out'),
  };
}

function unknownColumn(grid: Grid, keyRowNumber: number, col: number, firstRow: number): Problem {
  const heading = [...grid.rows.entries()]
    .filter(([r]) => r < keyRowNumber)
    .map(([, cells]) => plainText(cells.get(col)))
    .find((t) => t !== undefined);
  return {
    at: where(grid, firstRow, col),
    severity: 'warning',
    message: bi(
      `この列${heading ? `（${heading}）` : ''}は様式にない列なので取り込みません`,
      `this column${heading ? ` (${heading})` : ''} is not part of the template and is not imported`,
    ),
  };
}

/** In the workbook's order: by sheet, then row, then column. */
export function sortProblems(problems: readonly Problem[], grids: readonly Grid[]): Problem[] {
  const key = (p: Problem) => {
    const [sheet, cell = ''] = p.at.split('!');
    const m = /^([A-Z]*)(\d*)/.exec(cell)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const index = grids.findIndex((g) => g.name === sheet);
    return [index < 0 ? grids.length : index, Number(m[2] || 0), col] as const;
  };
  return [...problems].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}

