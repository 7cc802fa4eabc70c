import { LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { readPlainYaml } from './plainYaml.js';
import { aliasMessage, keyProblems, yamlErrorMessage, yamlErrorOffset } from './yamlMessages.js';

export interface ParsedYaml {
  file: string;
  /** The text that positions refer to (without a BOM). */
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain data, present only when the text is well-formed YAML. */
  data?: { value: unknown };
  diagnostics: Diagnostic[];
  /**
   * True when the fast reader read the file (see plainYaml.ts): then every number is
   * written as it prints and no text but a `|` block spans lines, and `doc` is parsed
   * only when a message needs a place.
   */
  plainlyWritten?: boolean;
}

/**
 * Each alias may expand to at most this many nodes in total; a few hand-written
 * aliases stay far below it, while a "billion laughs" file trips it at once
 * instead of eating all memory.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Pure: YAML text → document, its data and its problems, with 1-based positions. A file
 * written plainly (nearly every data file) is read by the fast reader, and the document
 * with its positions is parsed only if something is to be said about a place in it.
 */
export function parseYaml(file: string, source: string): ParsedYaml {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const plain = readPlainYaml(text);
  if (plain) {
    let full: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
    const parsed = () => (full ??= parseFull(text));
    return {
      file,
      text,
      get doc() {
        return parsed().doc;
      },
      get lineCounter() {
        return parsed().lineCounter;
      },
      data: plain,
      diagnostics: [],
      plainlyWritten: true,
    };
  }
  const { doc, lineCounter } = parseFull(text);
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const diagnostics: Diagnostic[] = [];
  const linesWithErrors = new Set<number>();
  const ctx = { text, doc, lineCounter };
  for (const error of doc.errors) {
    const pos = at(yamlErrorOffset(error, ctx));
    // One syntax slip often makes yaml report it twice on one line; the first says it best.
    if (linesWithErrors.has(pos.line)) continue;
    linesWithErrors.add(pos.line);
    diagnostics.push({ file, ...pos, severity: 'error', message: yamlErrorMessage(error, ctx) });
  }
  for (const warning of doc.warnings) {
    diagnostics.push({
      file,
      ...at(warning.pos[0]),
      severity: 'warning',
      message: yamlErrorMessage(warning, ctx),
    });
  }
  const badKeys = doc.errors.length > 0 ? [] : keyProblems(doc, lineCounter);
  for (const problem of badKeys) {
    const pos = at(problem.offset);
    if (linesWithErrors.has(pos.line)) continue;
    linesWithErrors.add(pos.line);
    diagnostics.push({ file, ...pos, severity: 'error', message: problem.message });
  }
  if (doc.errors.length > 0 || badKeys.length > 0) return { file, text, doc, lineCounter, diagnostics };

  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { file, text, doc, lineCounter, data: { value }, diagnostics };
  } catch (e) {
    // toJS throws only for aliases: too many expansions, or an alias before its anchor.
    if (!(e instanceof ReferenceError)) throw e;
    const exhausted = /resource exhaustion/.test(e.message);
    // An unresolved alias is named at the end of yaml's message; point at that alias.
    const alias = findAlias(doc, exhausted ? undefined : e.message.split(': ').pop());
    const pos = alias?.range ? at(alias.range[0]) : { line: 1, column: 1 };
    const message = aliasMessage(alias?.source ?? '', exhausted);
    diagnostics.push({ file, ...pos, severity: 'error', message });
    return { file, text, doc, lineCounter, diagnostics };
  }
}

function parseFull(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Repeated keys are found by keyProblems, in one pass (yaml compares pairwise).
    uniqueKeys: false,
    strict: true,
    version: '1.2',
    // Without `merge`, `<<` is an ordinary (and so unknown) key rather than hidden magic.
    merge: false,
  });
  return { doc, lineCounter };
}

function findAlias(doc: Document.Parsed, name: string | undefined): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}
