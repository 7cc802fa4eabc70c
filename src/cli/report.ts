import { readFileSync, statSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../load/diagnostic.js';
import type { SourceFile } from '../load/index.js';
import type { TypesetReport } from '../typeset/report.js';

/**
 * Diagnostics as compiler-style text with code frames: from the texts the loader read,
 * or, for files it did not keep, read again here.
 */
export function reportText(diagnostics: readonly Diagnostic[], cwd: string, sources: readonly SourceFile[] = []): string {
  const texts = new Map<string, string | undefined>(sources.map((s) => [s.path, s.text]));
  // Only regular files of a sane size are read again for a frame: a FIFO would block
  // forever, a link to /dev/zero would never end.
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) {
      try {
        const path = file.startsWith('/') ? file : `${cwd}/${file}`;
        const info = statSync(path);
        texts.set(file, info.isFile() && info.size <= 2 * 1024 * 1024 ? readFileSync(path, 'utf8') : undefined);
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const lines = diagnostics.map((d) => formatDiagnostic(d, d.line > 0 ? textOf(d.file) : undefined));
  const summary = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(', ');
  return `${lines.join('\n')}\n${summary ? `${summary}\n` : ''}`;
}

/**
 * JSON for other tools. JSON.stringify escapes C0 controls but not DEL, C1 or direction
 * marks; they are escaped too (\u2066…), so the text reaches a terminal harmless and
 * parses back to the same strings.
 */
export function reportJson(diagnostics: readonly Diagnostic[], ok: boolean): string {
  const json = JSON.stringify({ ok, diagnostics }, null, 2).replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}

/** One line of `build --report` per document: what the typesetting report counts. */
export function typesetReportText(reports: Readonly<Record<string, TypesetReport>>): string {
  return Object.entries(reports)
    .map(
      ([file, r]) =>
        `${file.padEnd(34)} ${String(r.lines).padStart(5)} lines, ${String(r.paragraphs).padStart(4)} paragraphs, ` +
        `${r.shortLastLines} short last lines, largest squeeze ${r.maxSqueezeEm.toFixed(2)} em, ` +
        `largest spread ${r.maxStretchEm.toFixed(3)} em, ${r.violations} violations\n`,
    )
    .join('');
}
