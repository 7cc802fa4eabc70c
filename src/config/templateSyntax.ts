import Handlebars from 'handlebars';

export interface TemplateProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A Handlebars syntax error as line, column (1-based) and message; undefined when the template compiles. */
export function templateSyntax(text: string): TemplateProblem | undefined {
  try {
    Handlebars.precompile(text, { strict: true });
    return undefined;
  } catch (err) {
    const e = err as { message?: string; lineNumber?: number; column?: number };
    const message = String(e.message ?? err);
    // The parser's message: "Parse error on line N:\n<excerpt>\n---^\nExpecting …".
    const parse = /^Parse error on line (\d+):\n(.*)\n(-*)\^\n(.*)/.exec(message);
    if (parse) {
      const line = Number(parse[1]);
      return { line, column: parseErrorColumn(text, line, parse[2]!.slice(0, parse[3]!.length)), message: `Handlebars: ${parse[4]}; check the braces here (a value is {{name}}, a block {{#if x}}…{{/if}}, a partial {{> name}})` };
    }
    const at = / - (\d+):(\d+)$/.exec(message);
    return {
      line: e.lineNumber ?? (at ? Number(at[1]) : 1),
      column: (e.column ?? (at ? Number(at[2]) : 0)) + 1,
      message: `Handlebars: ${message.replace(/ - \d+:\d+$/, '')}`,
    };
  }
}

/**
 * Where on its line the parser stopped. The parser names only the line; its excerpt is up
 * to 20 characters read before the failing token, newlines dropped ("..." when cut), with
 * the caret after them: the column is where the text before it ends with those characters.
 * 1 when the excerpt does not place it on that line.
 */
function parseErrorColumn(text: string, line: number, before: string): number {
  const past = before.startsWith('...') ? before.slice(3) : before;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return 1;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end < 0 ? text.length : end;
  // The text before each place on the line, newlines dropped, as the excerpt shows it.
  const head = text.slice(0, start).replace(/\n/g, '');
  for (let i = lineEnd; i >= start; i--) {
    if ((head + text.slice(start, i)).endsWith(past)) return i - start + 1;
  }
  return 1;
}
