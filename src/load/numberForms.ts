import type { z } from 'zod';
import { formatPath, type DataPath } from './formatPath.js';
import { numberFormHint, printedDigits } from './numberHint.js';
import type { Position } from './locate.js';
import type { ParsedYaml } from './parseYaml.js';
import { forEachScalarValue } from './scalarValues.js';
import { schemaAt } from './schemaAt.js';

export interface NumberFormProblem {
  path: DataPath;
  at: Position;
  message: string;
}

/**
 * Pure: numbers that would not print as typed. Under YAML 1.2's core schema an unquoted
 * 0x1F is 31, 0o17 is 15, 1e3 is 1000, 017 is 17, 1.50 is 1.5, .5 is 0.5, +5 is 5,
 * .inf is infinity, and 12345678901234567890 cannot even be held exactly; the booklet
 * would print the number, not what the editor wrote. Only numbers written the way they
 * print (120000, -3, 0.25) pass. Strings that merely look like numbers (1_000, 1,000,
 * "0x1F") stay strings and print as typed; where a number is needed the schema says so.
 */
export function numberFormProblems(parsed: ParsedYaml, root: z.ZodType): NumberFormProblem[] {
  // The fast reader took only numbers written as they print.
  if (parsed.plainlyWritten) return [];
  const out: NumberFormProblem[] = [];
  forEachScalarValue(parsed.doc, (path, node) => {
    const value = node.value;
    if ((typeof value !== 'number' && typeof value !== 'bigint') || !node.range) return;
    const written = parsed.text.slice(node.range[0], node.range[1]);
    const n = Number(value);
    if (printedDigits(n) === written && (!Number.isInteger(n) || Number.isSafeInteger(n))) return;
    // A key the schema does not know is reported as such; its value does not matter.
    const field = schemaAt(root, path)?.schema;
    if (!field) return;
    const hint = numberFormHint(written, n, (v) => field.safeParse(v).success);
    if (hint === undefined) return;
    const { line, col } = parsed.lineCounter.linePos(node.range[0]);
    out.push({
      path,
      at: { line: Math.max(1, line), column: Math.max(1, col) },
      message: `${formatPath(path)}: ${hint}`,
    });
  });
  return out;
}
