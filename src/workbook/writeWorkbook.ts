import { displayWidth } from '../load/diagnostic.js';
import type { DepartmentFile } from '../load/schema.js';
import type { Terms } from '../model/types.js';
import { departmentRows, type Out } from './departmentRows.js';
import { loadExcel, rangeValidations, type Cell, type DataValidation, type Style, type Worksheet } from './excel.js';
import { cellAddress } from './grid.js';
import { guideLines } from './guide.js';
import {
  BUDGET_UNITS,
  FORM_COLUMNS,
  FORM_FIELDS,
  FORM_ROWS,
  INDICATORS,
  LIST_ROWS,
  LIST_SHEETS,
  PROJECTS,
  SECTIONS,
  SHEET,
  VALUE_KINDS,
  type Kind,
  type ListSheet,
} from './layout.js';
import { withFixedDates } from './stableZip.js';

export interface TemplateInput {
  readonly id: string;
  readonly department: DepartmentFile;
  readonly edition: {
    readonly fiscalYear: number;
    readonly eraLabel: string;
    readonly title: string;
    readonly city: string;
    /** YYYY-MM-DD: the workbook's creation date and every zip entry's date. */
    readonly documentDate: string;
    readonly terms: Terms;
  };
}

/** Rows below the data that keep the input style and validation, for additions. */
const SPARE_ROWS = 20;
/** How far down validations reach (so rows a department inserts get them too). */
const VALIDATED_TO = 2000;

const FONT = { name: 'BIZ UDゴシック', size: 10 } as const;
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;
const KEY_FONT = { ...FONT, size: 8, color: { argb: 'FF808080' } } as const;
const HELP_FONT = { ...FONT, size: 8, color: { argb: 'FF595959' } } as const;

/**
 * The department's workbook, prefilled with its data: a guide, the form, and one list
 * sheet each for sections, special topics, projects and indicators. Deterministic: the
 * same input gives the same bytes (dates come from the edition, not the clock).
 */
export async function writeWorkbook(input: TemplateInput): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const { edition: e, department: d } = input;
  const wb = new Excel.Workbook();
  const date = jstMidnight(e.documentDate);
  wb.creator = e.city;
  wb.lastModifiedBy = e.city;
  wb.created = date;
  wb.modified = date;
  wb.title = `${e.eraLabel} ${e.title} ${d.name}`;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];

  const rows = departmentRows(input.id, e.fiscalYear, d);
  await writeGuide(wb.addWorksheet(SHEET.guide), `${e.eraLabel}　${e.title}`, d.name, e.terms);
  await writeForm(wb.addWorksheet(SHEET.form), rows.form, `${d.name}（${input.id}）　${e.eraLabel}　${e.title}`, e.terms);
  const data = { sections: rows.sections, topics: rows.topics, projects: rows.projects, indicators: rows.indicators };
  for (const sheet of LIST_SHEETS) writeList(wb.addWorksheet(SHEET[sheet.sheet]), sheet, data[sheet.sheet as keyof typeof data], e.terms);

  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return withFixedDates(bytes, new Date(`${e.documentDate}T00:00:00Z`));
}

/** JST midnight of a YYYY-MM-DD date, as the PDFs' and archives' dates are. */
function jstMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+09:00`));
}

async function writeGuide(ws: Worksheet, edition: string, department: string, terms: Terms): Promise<void> {
  ws.getColumn(1).width = 110;
  guideLines({ edition, department, terms }).forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line.text;
    cell.font = line.heading ? { ...FONT, bold: true, size: i === 0 ? 14 : 11 } : FONT;
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(i + 1).height = rowHeight([[line.text, 110]], line.heading ? 18 : 14);
  });
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

async function writeForm(ws: Worksheet, values: ReadonlyMap<string, Out>, title: string, terms: Terms): Promise<void> {
  const cols = [FORM_COLUMNS.label, FORM_COLUMNS.value, FORM_COLUMNS.help, FORM_COLUMNS.key];
  cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  titleCell(ws, title);
  cols.forEach((c, i) => {
    fixedCell(ws.getCell(FORM_ROWS.header, i + 1), c.header, { ...FONT, bold: true });
    fixedCell(ws.getCell(FORM_ROWS.key, i + 1), c.key, KEY_FONT);
  });
  FORM_FIELDS.forEach((f, i) => {
    const r = FORM_ROWS.firstData + i;
    fixedCell(ws.getCell(r, 1), f.header(terms), { ...FONT, bold: f.required === true });
    const value = ws.getCell(r, 2);
    if (f.kind === 'fixed') fixedCell(value, values.get(f.key), FONT);
    else inputCell(value, f.kind, values.get(f.key));
    fixedCell(ws.getCell(r, 3), f.help, HELP_FONT);
    fixedCell(ws.getCell(r, 4), f.key, KEY_FONT);
    const v = validation(f.kind);
    if (v) value.dataValidation = v;
    ws.getRow(r).height = rowHeight([[text(values.get(f.key)), FORM_COLUMNS.value.width], [f.help, FORM_COLUMNS.help.width]], 14);
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: FORM_ROWS.key, activeCell: 'B6' }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  // The form's rows are fixed: protected (without a password) so labels and keys stay put;
  // the value cells are unlocked.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatCells: true, formatColumns: true, formatRows: true });
}

function writeList(ws: Worksheet, sheet: ListSheet, rows: readonly Out[][], terms: Terms): void {
  const fields = sheet.fields;
  fields.forEach((f, i) => {
    const col = ws.getColumn(i + 1);
    col.width = f.width;
    // New cells a department types get the column's style: text stays text, lines wrap.
    col.style = columnStyle(f.kind);
  });
  titleCell(ws, sheet.title);
  fields.forEach((f, i) => {
    fixedCell(ws.getCell(LIST_ROWS.header, i + 1), f.header(terms), { ...FONT, bold: true });
    fixedCell(ws.getCell(LIST_ROWS.help, i + 1), f.help, HELP_FONT);
    fixedCell(ws.getCell(LIST_ROWS.key, i + 1), f.key, KEY_FONT);
  });
  ws.getRow(LIST_ROWS.header).height = rowHeight(fields.map((f) => [f.header(terms), f.width]), 16);
  ws.getRow(LIST_ROWS.help).height = rowHeight(fields.map((f) => [f.help, f.width]), 11);
  const total = rows.length + SPARE_ROWS;
  for (let i = 0; i < total; i++) {
    const r = LIST_ROWS.firstData + i;
    const row = rows[i];
    fields.forEach((f, c) => inputCell(ws.getCell(r, c + 1), f.kind, row?.[c]));
    if (row) ws.getRow(r).height = rowHeight(fields.map((f, c) => [text(row[c]), f.width]), 14);
  }
  fields.forEach((f, c) => {
    const v = validation(f.kind, listSource(sheet, f.key));
    const col = cellAddress(LIST_ROWS.firstData, c + 1).replace(/\d+$/, '');
    if (v) rangeValidations(ws).add(`${col}${LIST_ROWS.firstData}:${col}${VALIDATED_TO}`, v);
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: LIST_ROWS.key, activeCell: cellAddress(LIST_ROWS.firstData, 1) }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${LIST_ROWS.header}:${LIST_ROWS.header}` };
}

/** Where a list column's dropdown comes from, when it is another sheet's column. */
function listSource(sheet: ListSheet, key: string): string | undefined {
  const column = (of: ListSheet, k: string) => cellAddress(1, of.fields.findIndex((f) => f.key === k) + 1).replace(/\d+$/, '');
  const range = (of: ListSheet, k: string) => `'${SHEET[of.sheet]}'!$${column(of, k)}$${LIST_ROWS.firstData}:$${column(of, k)}$${VALIDATED_TO}`;
  if (sheet === INDICATORS && key === 'project') return range(PROJECTS, 'no');
  if (sheet === PROJECTS && key === 'section') return range(SECTIONS, 'name');
  return undefined;
}

function titleCell(ws: Worksheet, title: string): void {
  const cell = ws.getCell(1, 1);
  cell.value = title;
  cell.font = { ...FONT, bold: true, size: 12 };
}

/** A cell the tool writes and does not read back (or reads but must not change): grey and locked. */
function fixedCell(cell: Cell, value: Out, font: Partial<Style['font']>): void {
  cell.value = escapeText(value) ?? null;
  cell.font = font;
  cell.fill = GREY;
  cell.border = BORDER;
  cell.alignment = { wrapText: true, vertical: 'top' };
  cell.protection = { locked: true };
}

function inputCell(cell: Cell, kind: Kind, value: Out): void {
  cell.style = { ...columnStyle(kind), border: BORDER };
  cell.value = escapeText(value) ?? null;
}

/** A column's style, for the cells written and those typed later (no border: it would run to the sheet's end). */
function columnStyle(kind: Kind): Partial<Style> {
  return {
    font: FONT,
    alignment: { wrapText: kind === 'paragraphs' || kind === 'text' || kind === 'amount', vertical: 'top' },
    protection: { locked: false },
    numFmt: NUMBER_FORMAT[kind],
  };
}

/**
 * Text columns are formatted as text, so that 0312 keeps its zero and 2016年 does not turn
 * into a date when typed; numbers get digits without a date's chance.
 */
const NUMBER_FORMAT: Readonly<Record<Kind, string>> = {
  text: '@',
  paragraphs: '@',
  whole: '#,##0',
  year: '0',
  amount: 'General',
  budgetUnit: '@',
  valueKind: '@',
  ref: 'General',
  fixed: '@',
};

function validation(kind: Kind, source?: string): DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' } as const;
  switch (kind) {
    case 'whole':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], errorTitle: '整数', error: '0 以上の整数を半角で書いてください。' };
    case 'year':
      return { ...common, type: 'whole', operator: 'between', formulae: [1868, 2200], errorTitle: '年度', error: '西暦の年度を数字で書いてください（例: 2022）。それ以外の時点は「時点」の欄に。' };
    case 'budgetUnit':
      return { ...common, type: 'list', formulae: [`"${BUDGET_UNITS.join(',')}"`], errorTitle: '単位', error: `${BUDGET_UNITS.join('・')} から選んでください。` };
    case 'valueKind':
      return { ...common, type: 'list', formulae: [`"${Object.keys(VALUE_KINDS).join(',')}"`], errorTitle: '種別', error: '現状値・目標値・区分つき から選んでください。' };
    case 'ref':
    case 'text':
      // Another sheet's column as a dropdown: a project's number must be one of them; a
      // section need not be (a project may name a section the workbook does not list).
      if (source === undefined) return undefined;
      return kind === 'ref'
        ? { ...common, type: 'list', formulae: [source], errorTitle: '事業番号', error: '主要事業シートの番号を書いてください。' }
        : { ...common, type: 'list', formulae: [source], errorStyle: 'information', errorTitle: '担当課', error: '課シートにない名前です。このままでよければ OK を押してください。' };
    default:
      return undefined;
  }
}

/**
 * The file format escapes characters XML cannot hold as `_xHHHH_`, and exceljs reads such
 * a sequence back as the character: a text holding one literally gets its underscore
 * escaped (`_x005F_`, as Excel does), and a control character (which `check` reports) is
 * written escaped, so it comes back as itself and is reported at its cell on import.
 */
function escapeText(value: Out): Out {
  if (typeof value !== 'string') return value;
  return value
    .replace(/_(x[0-9A-F]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

function text(v: Out): string {
  return v === undefined ? '' : String(v);
}

/**
 * A row tall enough for its longest wrapped cell, estimated from each text's width
 * (full-width characters count two) against its column's: Excel does not grow rows for
 * wrapped text written by a program, so without this a paragraph would show one line.
 */
function rowHeight(cells: readonly (readonly [string, number])[], perLine: number): number {
  let lines = 1;
  for (const [t, width] of cells) {
    const usable = Math.max(4, width - 2);
    const n = t.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
    lines = Math.max(lines, n);
  }
  // Excel's limit for a row's height is 409 points.
  return Math.min(409, lines * perLine + 4);
}
