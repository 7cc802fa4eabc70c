import { deflateSync } from 'node:zlib';

/**
 * A cross-reference stream (PDF 1.5, ISO 32000-1 §7.5.8) in place of pdfkit's classic
 * table: the table spends 20 bytes per object, and a tagged booklet has one object per
 * structure element, so for data/sample's booklet the table alone was 14 KB of 366 KB.
 * Each entry here is a type byte, the offset in as few bytes as the file needs and a
 * 2-byte generation, PNG-Up predicted (the offsets rise steadily, so their differences
 * deflate to little), ~1.5 KB for the same booklet. PDF/A-2 and PDF/UA allow it; the
 * print PDF (PDF/X-1a, PDF 1.3) is written by pdf-lib with a classic table.
 */
export interface XrefStream {
  /** Widths of the entry's three fields: type, offset, generation. */
  readonly widths: readonly [1, number, 2];
  /** The entries, predicted and deflated: the stream's bytes. */
  readonly data: Buffer;
  /** Bytes per entry, the predictor's /Columns. */
  readonly columns: number;
}

/**
 * `offsets[i]` is object i + 1's offset; the last of them is the cross-reference stream
 * itself (it lists itself). Object 0 heads the free list with generation 65535, as in a
 * classic table.
 */
export function xrefStream(offsets: readonly number[]): XrefStream {
  const max = offsets.reduce((m, o) => Math.max(m, o), 0);
  let width = 1;
  while (width < 4 && max >= 2 ** (8 * width)) width++;
  if (max >= 2 ** (8 * width)) throw new RangeError(`xref stream: offset ${max} needs more than 4 bytes`);
  const columns = 1 + width + 2;
  const rows = offsets.length + 1;
  const raw = Buffer.alloc(rows * columns);
  const put = (row: number, type: number, field: number, gen: number) => {
    const at = row * columns;
    raw[at] = type;
    for (let k = 0; k < width; k++) raw[at + 1 + k] = Math.floor(field / 2 ** (8 * (width - 1 - k))) & 0xff;
    raw[at + 1 + width] = gen >> 8;
    raw[at + 2 + width] = gen & 0xff;
  };
  put(0, 0, 0, 65535);
  offsets.forEach((o, i) => put(i + 1, 1, o, 0));
  // PNG Up (predictor 12): each row carries filter type 2 and its bytes minus the row above.
  const predicted = Buffer.alloc(rows * (columns + 1));
  for (let r = 0; r < rows; r++) {
    predicted[r * (columns + 1)] = 2;
    for (let c = 0; c < columns; c++) {
      const up = r > 0 ? raw[(r - 1) * columns + c]! : 0;
      predicted[r * (columns + 1) + 1 + c] = (raw[r * columns + c]! - up) & 0xff;
    }
  }
  return { widths: [1, width, 2], data: deflateSync(predicted), columns };
}
