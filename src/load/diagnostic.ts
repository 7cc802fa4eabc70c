/**
 * A problem found in the user's data, reported like a compiler does so that
 * editors and terminals can jump to it.
 *
 * `line` and `column` are 1-based; column counts UTF-16 code units, as editors
 * do. Both are 0 when the problem has no place inside the file (the file is
 * missing or unreadable).
 */
export interface Diagnostic {
  /** The edition dir as the user gave it, joined with the relative file, posix separators. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * `path:line:col: error: message`, then the source line with a caret under the
 * column when the text is given.
 */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const head = `${where}: ${d.severity}: ${d.message}`;
  if (sourceText === undefined || d.line <= 0) return head;
  const frame = codeFrame(sourceText, d.line, d.column);
  return frame === '' ? head : `${head}\n${frame}`;
}

/**
 * The source line as it may be shown on a terminal: control characters become their
 * Unicode pictures (␛ for ESC) and direction overrides become ⟨U+202E⟩, so data can never
 * clear the screen, colour it or reorder the line. One column each, like what they replace
 * as far as the caret is concerned.
 */
export function visible(line: string): string {
  return line
    .replace(/[\u0000-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\u007f/g, '\u2421')
    .replace(/[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

// The lines of the last text framed: a report frames many diagnostics of one file, and
// splitting the whole file for each was quadratic (16,000 diagnostics: 8.5 s).
let framed: { text: string; lines: string[] } | undefined;

function codeFrame(text: string, line: number, column: number): string {
  if (framed?.text !== text) framed = { text, lines: text.split('\n') };
  const lines = framed.lines;
  const raw = lines[line - 1];
  if (raw === undefined) return '';
  // Tabs would make the caret land in a different place on every terminal.
  const plain = raw.replace(/\r$/, '').replace(/\t/g, ' ');
  const src = visible(plain);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const before = visible(plain.slice(0, Math.max(0, column - 1)));
  const caret = ' '.repeat(displayWidth(before)) + '^';
  return `  ${gutter} | ${src}\n  ${pad} | ${caret}`;
}

/**
 * Terminal columns taken by `s`: Japanese text is mostly full-width, and a
 * caret counted in code units would point far to the left of the problem.
 */
export function displayWidth(s: string): number {
  let width = 0;
  // A combining mark (U+3099 after か) sits on the character before it.
  for (const ch of s) width += COMBINING.test(ch) ? 0 : isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

const COMBINING = /^[\p{Mn}\p{Me}]$/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Byte-wise (UTF-8) order, so results never depend on locale or file system. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareBytes(a.file, b.file) || a.line - b.line || a.column - b.column;
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  // Array.prototype.sort is stable, so problems at one place keep their order.
  return [...ds].sort(compareDiagnostics);
}
