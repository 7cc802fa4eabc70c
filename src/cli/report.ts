import { readFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../load/diagnostic.js';
import type { SourceFile } from '../load/index.js';

/**
 * Diagnostics as compiler-style text with code frames: from the texts the loader read,
 * or, for files it did not keep, read again here.
 */
export function reportText(diagnostics: readonly Diagnostic[], cwd: string, sources: readonly SourceFile[] = []): string {
  const texts = new Map<string, string | undefined>(sources.map((s) => [s.path, s.text]));
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file.startsWith('/') ? file : `${cwd}/${file}`, 'utf8'));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const lines = diagnostics.map((d) => formatDiagnostic(d, textOf(d.file)));
  const summary = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(', ');
  return `${lines.join('\n')}\n${summary ? `${summary}\n` : ''}`;
}

export function reportJson(diagnostics: readonly Diagnostic[], ok: boolean): string {
  return `${JSON.stringify({ ok, diagnostics }, null, 2)}\n`;
}
