/**
 * Bytes → text. Data files must be UTF-8; Japanese offices often save as
 * Shift_JIS or UTF-16 ("Unicode" in Excel and Notepad), and those must be
 * reported with what to do, not read as mojibake.
 */
export type Decoded =
  | { ok: true; text: string }
  /** `text` is a best-effort decoding, only for showing the offending line. */
  | { ok: false; text: string; line: number; column: number; message: string };

const SAVE_JA = 'エディタで文字コードを「UTF-8」にして保存し直してください';
const SAVE_EN = 'save the file again with the encoding "UTF-8"';

export function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return {
      ok: false,
      text: new TextDecoder(label).decode(bytes),
      line: 1,
      column: 1,
      message: `このファイルは UTF-16 で保存されています。${SAVE_JA} / this file is UTF-16; ${SAVE_EN}`,
    };
  }
  // A BOM is what Windows Notepad writes; it is harmless, so drop it.
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  // The native decoder checks well-formed UTF-8 as it decodes; the place of a bad byte is
  // looked for only when there is one.
  const strictText = decodeStrict(body);
  const bad = strictText === undefined ? firstInvalidUtf8(body) : -1;
  if (bad >= 0) {
    const { line, column } = positionOfByte(body, bad);
    const guess = looksLikeShiftJis(body) ? 'Shift_JIS' : undefined;
    const ja = guess ? ` UTF-8 ではありません（${guess} のようです）` : ' UTF-8 として読めない文字があります';
    const en = guess ? `this file is not UTF-8 (it looks like ${guess})` : 'this file is not valid UTF-8';
    return {
      ok: false,
      text: new TextDecoder('utf-8').decode(body),
      line,
      column,
      message: `このファイルは${ja}。${SAVE_JA} / ${en}; ${SAVE_EN}`,
    };
  }
  const text = strictText ?? new TextDecoder('utf-8').decode(body);
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // Valid UTF-8 but full of NULs: UTF-16 without a BOM, or not a text file at all.
    const line = text.slice(0, nul).split('\n').length;
    const column = nul - text.lastIndexOf('\n', nul - 1);
    return {
      ok: false,
      text,
      line,
      column,
      message:
        `このファイルには NUL 文字が含まれています（UTF-16 かテキスト以外のファイルのようです）。${SAVE_JA} / ` +
        `this file contains NUL bytes (UTF-16 or not a text file); ${SAVE_EN}`,
    };
  }
  return { ok: true, text };
}

const strict = new TextDecoder('utf-8', { fatal: true });

function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte that is not well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c === 0xe0) [need, min] = [2, 0xa0]; // no overlong forms
    else if (c === 0xed) [need, min, max] = [2, 0x80, 0x9f]; // no surrogates
    else if (c >= 0xe1 && c <= 0xef) [need, min] = [2, 0x80];
    else if (c === 0xf0) [need, min] = [3, 0x90];
    else if (c === 0xf4) [need, min, max] = [3, 0x80, 0x8f]; // nothing above U+10FFFF
    else if (c >= 0xf1 && c <= 0xf3) [need, min] = [3, 0x80];
    else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (x === undefined || x < lo || x > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count UTF-16 units of the (valid) text before the bad byte, as editors do.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}

function looksLikeShiftJis(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
