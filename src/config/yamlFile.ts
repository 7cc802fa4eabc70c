import type { z } from 'zod';
import { decodeText } from '../load/decode.js';
import type { Diagnostic } from '../load/diagnostic.js';
import type { SourceFile } from '../load/index.js';
import { describeIssues } from '../load/issueMessage.js';
import { findChar, locate, sourceTextAt, type Position } from '../load/locate.js';
import { parseYaml, type ParsedYaml } from '../load/parseYaml.js';

export interface CheckedYaml<T> {
  /** The data, when the file has no error. */
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
  /** For code frames. */
  readonly source: SourceFile;
  /** Where a value is in the file (its key for an empty one); 1:1 when the path is not there. */
  at(path: readonly (string | number)[]): Position;
}

/**
 * A settings file (the config, a city's theme) read like the data: the same decoding,
 * YAML rules and bilingual messages at file:line:col (src/load), checked against `schema`.
 */
export function checkYaml<S extends z.ZodType>(schema: S, shown: string, relPath: string, bytes: Uint8Array): CheckedYaml<z.output<S>> {
  const decoded = decodeText(bytes);
  const source: SourceFile = { path: shown, relPath, text: decoded.text, bytes };
  if (!decoded.ok) {
    const d: Diagnostic = { file: shown, line: decoded.line, column: decoded.column, severity: 'error', message: decoded.message };
    return { diagnostics: [d], source, at: () => ({ line: 1, column: 1 }) };
  }
  const parsed: ParsedYaml = parseYaml(shown, decoded.text);
  const at = (path: readonly (string | number)[]) => locate(parsed, [...path]);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (!parsed.data) return { diagnostics, source, at };
  // An empty file (or one of comments only) sets nothing.
  const data = parsed.data.value ?? {};
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics, source, at };
  const problems = describeIssues(result.error.issues, { root: schema, data, sourceText: (path) => sourceTextAt(parsed, path) });
  for (const p of problems) {
    const pos = (p.index !== undefined ? findChar(parsed, p.path, p.index) : undefined) ?? locate(parsed, p.path, p.target);
    diagnostics.push({ file: shown, ...pos, severity: 'error', message: p.message });
  }
  return { diagnostics, source, at };
}
