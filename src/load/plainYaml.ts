/**
 * A fast reader for YAML written the plain way the data is written: block mappings and
 * lists, one-line flow collections (`{ value: 92, year: 2023 }`, `[令和, 6年度]`), one-line
 * plain and double-quoted texts without escapes, `|` and `|-` blocks, comments.
 *
 * yaml's parseDocument builds a syntax tree with every node's place, which only a
 * diagnostic needs, and it took most of the load stage. This reader makes the plain data
 * in one pass over the lines and gives up (undefined) on anything outside that subset or
 * that might not be what the writer meant, so the full parse (parseYaml) handles it with
 * its positions and messages. What it does read, it reads as yaml 2 does with the YAML 1.2
 * core schema (tests/load/plainYaml.test.ts compares the two), and it vouches for more:
 * - yaml would find no error, no warning and no repeated key;
 * - every number is written as it prints (120000, -3, 0.25; not 0x1F, 1.50, 017);
 * - no text spreads over lines but a `|` block, so YAML joined no line into a space.
 */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  // Tabs, CR, control characters, BOMs and the Unicode line separators each have rules of their own.
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    const reader = new Reader(text);
    const value = reader.document();
    return value === undefined ? undefined : { value };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

const UNUSUAL_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Deeper nesting than data ever has is left to yaml (and to its limits), not to this reader's stack. */
const MAX_DEPTH = 50;

/** Thrown to leave the subset: the full parse takes over. */
const GIVE_UP: unique symbol = Symbol('not plain YAML');
function giveUp(): never {
  throw GIVE_UP;
}

/** A key as the schema spells them; not one of the words the core schema reads as null or a boolean. */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +|$)/;
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
/** Characters that may not begin a plain text (or that this reader leaves to yaml). */
const INDICATOR_FIRST = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?: |$))/;

// The YAML 1.2 core schema as yaml 2 resolves a plain scalar (schema/core, schema/common/null).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Anything the core schema reads as a number (int, octal, hex, float, exponent, inf, nan). */
const NUMBER_LIKE =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** A number written as it prints: no sign but -, no leading or trailing zero, at most 15 digits each side. */
const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{0,14}[1-9])?$/;

function scalar(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (!NUMBER_LIKE.test(s)) return s;
  const n = Number(s);
  // Any other form of number has a message of its own (numberForms.ts), which needs the full parse.
  if (!PLAIN_NUMBER.test(s) || String(n) !== s) giveUp();
  return n;
}

interface Line {
  /** Spaces before the content. */
  indent: number;
  /** The line without its indentation. */
  content: string;
}

class Reader {
  private readonly lines: Line[];
  private i = 0;
  private depth = 0;

  constructor(text: string) {
    this.lines = text.split('\n').map((raw) => {
      let indent = 0;
      while (raw.charCodeAt(indent) === 32) indent++;
      return { indent, content: raw.slice(indent) };
    });
  }

  document(): unknown {
    const first = this.next();
    // An empty document, or one that is not a mapping at the left margin: left to yaml.
    if (!first || first.indent !== 0) return undefined;
    const value = this.map(0);
    if (this.next()) giveUp();
    return value;
  }

  /** The next line with content, skipping blank and comment lines; `this.i` is left on it. */
  private next(): Line | undefined {
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      if (line.content !== '' && line.content[0] !== '#') return line;
    }
    return undefined;
  }

  /**
   * A block mapping whose keys stand at `indent`; `first` is the rest of a list item's
   * line (`- title: …`), whose key starts the mapping.
   */
  private map(indent: number, first?: string): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) giveUp();
    const out: Record<string, unknown> = {};
    let content = first;
    while (true) {
      if (content === undefined) {
        const line = this.next();
        if (!line || line.indent < indent) {
          this.depth--;
          return out;
        }
        if (line.indent > indent) giveUp();
        content = line.content;
      }
      const m = KEY.exec(content);
      if (!m || SPECIAL_KEY.test(m[1]!) || Object.hasOwn(out, m[1]!)) giveUp();
      const rest = content.slice(m[0].length);
      this.i++;
      out[m[1]!] = rest === '' || rest[0] === '#' ? this.nested(indent) : this.inline(rest, indent);
      content = undefined;
    }
  }

  /** The value of `key:` with nothing after it: a block below it, a list at its own indentation, or null. */
  private nested(indent: number): unknown {
    const line = this.next();
    if (!line || line.indent < indent) return null;
    const item = isItem(line.content);
    if (line.indent === indent) return item ? this.list(indent) : null;
    return item ? this.list(line.indent) : this.map(line.indent);
  }

  /** A block list whose `-` stand at `indent`. */
  private list(indent: number): unknown[] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const out: unknown[] = [];
    while (true) {
      const line = this.next();
      if (!line || line.indent < indent || (line.indent === indent && !isItem(line.content))) {
        this.depth--;
        return out;
      }
      if (line.indent > indent) giveUp();
      const rest = line.content.slice(1).replace(/^ +/, '');
      const column = indent + line.content.length - rest.length;
      // An empty item and a list in a list are left to yaml.
      if (rest === '' || rest[0] === '#' || isItem(rest)) giveUp();
      if (KEY.test(rest)) {
        out.push(this.map(column, rest));
      } else {
        this.i++;
        out.push(this.inline(rest, indent));
      }
    }
  }

  /** A value written after `key: ` or `- `; `owner` is the indentation of what holds it. */
  private inline(rest: string, owner: number): unknown {
    if (rest[0] === '|') return this.block(rest, owner);
    let value: unknown;
    let after: string;
    if (rest[0] === '"') {
      const close = rest.indexOf('"', 1);
      // Escapes, and a text that goes on past its line, are left to yaml.
      if (close < 0 || rest.lastIndexOf('\\', close) > 0) giveUp();
      value = rest.slice(1, close);
      after = rest.slice(close + 1);
    } else if (rest[0] === '{' || rest[0] === '[') {
      const flow = new Flow(rest);
      value = flow.value();
      after = rest.slice(flow.at);
    } else {
      if (INDICATOR_FIRST.test(rest)) giveUp();
      const hash = rest.indexOf(' #');
      const s = (hash < 0 ? rest : rest.slice(0, hash)).replace(/ +$/, '');
      // `a: b` in a value makes yaml see a second key; a colon at its end, an empty value.
      if (s.includes(': ') || s.endsWith(':')) giveUp();
      value = scalar(s);
      after = '';
    }
    if (!/^(?: *$| +#)/.test(after)) giveUp();
    // A deeper line after it would continue the text on a new line (or be a mistake).
    for (let k = this.i; k < this.lines.length; k++) {
      const line = this.lines[k]!;
      if (line.content === '') continue;
      if (line.indent > owner) giveUp();
      if (line.content[0] !== '#') break;
    }
    return value;
  }

  /** A `|` or `|-` block: its lines as written, less the indentation of the first. */
  private block(header: string, owner: number): string {
    const keep = header.startsWith('|-') ? 2 : 1;
    // `|+`, `|2`, `>` and a comment after the header have rules of their own.
    if (!/^ *$/.test(header.slice(keep))) giveUp();
    const start = this.i;
    const first = this.lines[start];
    // A block that starts with an empty line, or is empty, is left to yaml.
    if (!first || first.content === '' || first.indent <= owner) giveUp();
    const indent = first.indent;
    let end = start;
    let last = start;
    for (; end < this.lines.length; end++) {
      const line = this.lines[end]!;
      if (line.content === '') {
        // A line of spaces only is more than this reader follows.
        if (line.indent > 0) giveUp();
        continue;
      }
      if (line.indent < indent) break;
      last = end;
    }
    const body: string[] = [];
    for (let k = start; k <= last; k++) {
      const line = this.lines[k]!;
      body.push(line.content === '' ? '' : ' '.repeat(line.indent - indent) + line.content);
    }
    this.i = end;
    // yaml clips to one line break even when the file's last line has none.
    return body.join('\n') + (keep === 1 ? '\n' : '');
  }
}

const isItem = (content: string) => content === '-' || content.startsWith('- ');

/** One flow collection on one line: `{ key: value, … }` or `[value, …]`, nested or not. */
class Flow {
  at = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  value(): unknown {
    this.spaces();
    const ch = this.s[this.at];
    if (ch === '{') return this.items('}', () => this.entry(), {} as Record<string, unknown>);
    if (ch === '[') return this.items(']', () => this.value(), [] as unknown[]);
    if (ch === '"') {
      const close = this.s.indexOf('"', this.at + 1);
      if (close < 0 || this.s.slice(this.at, close).includes('\\')) giveUp();
      const value = this.s.slice(this.at + 1, close);
      this.at = close + 1;
      return value;
    }
    // A plain text ends at , ] or }; one with a colon, a comment or a quote is left to yaml.
    const m = /^[^,[\]{}:#"']*/.exec(this.s.slice(this.at))!;
    const s = m[0].replace(/ +$/, '');
    if (s === '' || INDICATOR_FIRST.test(s)) giveUp();
    this.at += m[0].length;
    return scalar(s);
  }

  private entry(): [string, unknown] {
    this.spaces();
    const m = /^([A-Za-z_][A-Za-z0-9_-]{0,99}): /.exec(this.s.slice(this.at));
    if (!m || SPECIAL_KEY.test(m[1]!)) giveUp();
    this.at += m[0].length;
    return [m[1]!, this.value()];
  }

  private items<T extends unknown[] | Record<string, unknown>>(close: string, item: () => unknown, out: T): T {
    if (++this.depth > MAX_DEPTH) giveUp();
    this.at++;
    this.spaces();
    if (this.s[this.at] === close) {
      this.at++;
      this.depth--;
      return out;
    }
    while (true) {
      const v = item();
      if (Array.isArray(out)) out.push(v);
      else {
        const [k, value] = v as [string, unknown];
        if (Object.hasOwn(out, k)) giveUp();
        out[k] = value;
      }
      this.spaces();
      const ch = this.s[this.at++];
      if (ch === close) {
        this.depth--;
        return out;
      }
      if (ch !== ',') giveUp();
    }
  }

  private spaces(): void {
    while (this.s[this.at] === ' ') this.at++;
  }
}
