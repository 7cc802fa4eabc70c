import type * as ExcelJS from 'exceljs';

/**
 * The one place that loads exceljs. It is large (it brings its own zip and XML stacks),
 * and only `template` and `import` need it: loaded on first use, so no other command
 * pays for it at start-up.
 */
export type Excel = typeof ExcelJS;

let loaded: Promise<Excel> | undefined;

export function loadExcel(): Promise<Excel> {
  loaded ??= import('exceljs').then((m) => ((m as unknown as { default?: Excel }).default ?? m) as Excel);
  return loaded;
}

export type { Workbook, Worksheet, Cell, CellValue as ExcelCellValue, DataValidation, Style } from 'exceljs';

/** Range-wide data validation: in exceljs's model but not in its type declarations. */
export function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}
