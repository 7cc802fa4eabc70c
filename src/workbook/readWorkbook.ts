import { loadExcel, type Cell, type ExcelCellValue, type Worksheet } from './excel.js';
import type { CellValue, Grid } from './grid.js';

export type WorkbookFile = { readonly ok: true; readonly grids: Grid[] } | { readonly ok: false; readonly message: string };

const bi = (ja: string, en: string) => `${ja} / ${en}`;

const SAVE_AS_XLSX = 'Excel か LibreOffice で開き、「Excel ブック (.xlsx)」形式で保存し直してから取り込んでください';

/**
 * What the bytes are, before anything parses them: an .xlsx is a zip; an .xls (and an
 * .xlsx with a password) is an OLE compound file; anything else is not a workbook.
 */
export function formatProblem(name: string, bytes: Uint8Array): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) {
    return bi(`CSV は取り込めません（列やシートの区別、セル内の改行が失われるため）。${SAVE_AS_XLSX}`, 'CSV cannot be imported; save the workbook as .xlsx');
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole) {
    return lower.endsWith('.xls')
      ? bi(`古い Excel 形式（.xls）は読めません。${SAVE_AS_XLSX}`, 'the old .xls format cannot be read; save it as .xlsx')
      : bi(
          `パスワードで保護されたブックか、古い Excel 形式（.xls）です。パスワードを外し、${SAVE_AS_XLSX}`,
          'the workbook is password-protected or in the old .xls format; remove the password and save it as .xlsx',
        );
  }
  if (!zip) return bi(`Excel ブック（.xlsx）ではありません。${SAVE_AS_XLSX}`, 'this is not an .xlsx workbook');
  if (lower.endsWith('.ods')) return bi(`ODS 形式は読めません。${SAVE_AS_XLSX}`, 'the .ods format cannot be read; save it as .xlsx');
  return undefined;
}

/** Reads every worksheet into a Grid; a file that is not a readable workbook gets one message. */
export async function readWorkbook(name: string, bytes: Uint8Array): Promise<WorkbookFile> {
  const problem = formatProblem(name, bytes);
  if (problem) return { ok: false, message: problem };
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    return {
      ok: false,
      message: bi(
        `ブックを読めません（${(err as Error).message}）。壊れていないか確かめ、${SAVE_AS_XLSX}`,
        `the workbook cannot be read (${(err as Error).message}); check it is not damaged and save it again as .xlsx`,
      ),
    };
  }
  if (wb.worksheets.length === 0) {
    // exceljs finds no sheet in a Strict Open XML workbook (another namespace).
    return {
      ok: false,
      message: bi(
        `シートが1つも読めません（Strict Open XML 形式など）。${SAVE_AS_XLSX}`,
        'no sheet could be read (is it Strict Open XML?); save it as an ordinary .xlsx workbook',
      ),
    };
  }
  return { ok: true, grids: wb.worksheets.map(gridOf) };
}

function gridOf(ws: Worksheet): Grid {
  const rows = new Map<number, Map<number, CellValue>>();
  const hiddenRows = new Set<number>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (row.hidden) hiddenRows.add(r);
    const cells = new Map<number, CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = valueOf(cell);
      if (v !== undefined) cells.set(c, v);
    });
    if (cells.size > 0) rows.set(r, cells);
  });
  return { name: ws.name, rows, hiddenRows };
}

/** A cell's value once resolved; undefined for blanks and for the cells a merge covers. */
function valueOf(cell: Cell): CellValue | undefined {
  if (cell.isMerged && cell.master !== cell) return undefined;
  const format = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  return resolve(cell.value, format);
}

function resolve(v: ExcelCellValue | undefined, format: string | undefined): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : { type: 'text', text: v };
  if (typeof v === 'number') return format ? { type: 'number', value: v, format } : { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (v instanceof Date) return { type: 'date', value: v };
  if ('richText' in v) return textOf(v.richText.map((r) => r.text).join(''));
  if ('error' in v) return { type: 'error', text: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined || f.result === null) return { type: 'noResult', formula: f.formula ?? f.sharedFormula ?? '' };
    // A formula's result is a plain value, or an error value.
    if (typeof f.result === 'object' && f.result !== null && 'error' in f.result) return { type: 'error', text: String((f.result as { error: unknown }).error) };
    return resolve(f.result as ExcelCellValue, format);
  }
  if ('text' in v) {
    // A hyperlink: its shown text, which may itself be rich text.
    const t = (v as { text: unknown }).text;
    if (typeof t === 'string') return textOf(t);
    if (t && typeof t === 'object' && 'richText' in t) return textOf((t as { richText: { text: string }[] }).richText.map((r) => r.text).join(''));
  }
  return undefined;
}

function textOf(text: string): CellValue | undefined {
  return text === '' ? undefined : { type: 'text', text };
}
