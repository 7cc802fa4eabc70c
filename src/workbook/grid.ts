/**
 * A worksheet as the reader sees it, independent of the workbook library: what each
 * non-blank cell holds once formulas, rich text and links are resolved. The cells a
 * merge covers (all but its top-left one) are blank, so a value is never read twice.
 */
export type CellValue =
  | { readonly type: 'text'; readonly text: string }
  /** `format` is the cell's number format when it is not General (e.g. `0000`). */
  | { readonly type: 'number'; readonly value: number; readonly format?: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: Date }
  /** An error value (#N/A, #DIV/0!), typed or computed. */
  | { readonly type: 'error'; readonly text: string }
  /** A formula saved without its result (written by a program that does not calculate). */
  | { readonly type: 'noResult'; readonly formula: string };

export interface Grid {
  readonly name: string;
  /** Row number → column number → value, both 1-based; blank cells are absent. */
  readonly rows: ReadonlyMap<number, ReadonlyMap<number, CellValue>>;
  /** Rows the department hid: still read (hiding is not deleting), but said. */
  readonly hiddenRows: ReadonlySet<number>;
}

/** `C12` from row 12, column 3. */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** The cell's text as a person would read it in the sheet: for finding keys in key rows. */
export function plainText(v: CellValue | undefined): string | undefined {
  if (!v) return undefined;
  switch (v.type) {
    case 'text':
      return v.text.trim();
    case 'number':
      return String(v.value);
    default:
      return undefined;
  }
}
