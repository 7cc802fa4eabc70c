import { isCollection, isMap, isScalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';

interface Context {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * yaml's messages are written for programmers ("Implicit map keys need to be
 * followed by map values"); these say, in Japanese and English, what the
 * person editing the file most likely did and how to fix it.
 */
const FULL_WIDTH_COLON =
  '全角の「：」が使われています。半角の「:」と空白で「キー: 値」と書いてください / ' +
  'a full-width colon "："; write "key: value" with an ASCII colon and a space';
/** A line that would be `key: value` but for its colon: `name：総務部`, `- title：…`. */
const FULL_WIDTH_KEY = /^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*：/;

/**
 * A colon slip on the error's line, with the offset of the colon to point at: a key
 * written with a full-width colon (`name：総務部`), or ": " inside a value
 * (`title: 第5次基本計画: 策定`), which makes yaml see a second key.
 */
function colonSlip(error: YAMLError, ctx: Context): { kind: 'full-width' | 'in-value'; offset: number } | undefined {
  const line = lineAt(ctx, error.pos[0]);
  const start = lineStart(ctx, error.pos[0]);
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (FULL_WIDTH_KEY.test(line)) return { kind: 'full-width', offset: start + line.indexOf('：') };
      const valueStart = line.indexOf(': ') + 2;
      const inValue = /\S: /.exec(line.slice(valueStart));
      return inValue ? { kind: 'in-value', offset: start + valueStart + inValue.index + 1 } : undefined;
    }
    case 'MISSING_CHAR':
      if (/quote/.test(error.message) || !line.includes('：')) return undefined;
      return { kind: 'full-width', offset: start + line.indexOf('：') };
    default:
      return undefined;
  }
}

export function yamlErrorMessage(error: YAMLError, ctx: Context): string {
  const line = lineAt(ctx, error.pos[0]);
  const slip = colonSlip(error, ctx);
  if (slip?.kind === 'full-width') return FULL_WIDTH_COLON;
  if (slip?.kind === 'in-value') {
    return (
      '値の中に「: 」（コロンと空白）があります。値全体を "…" で囲んでください / ' +
      'the value contains ": "; put the whole value in double quotes'
    );
  }
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return '字下げにタブ文字が使われています。半角スペースで字下げしてください / a tab is used for indentation; indent with spaces';
    case 'MULTIPLE_DOCS':
      return (
        '「---」の後に2つ目の文書があります。1つのファイルには1つだけ書いてください / ' +
        'a second document starts after "---"; a file holds only one'
      );
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return '字下げがずれています。同じ階層の行と字下げをそろえてください / the indentation is off; align it with the lines at the same level';
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) {
        return '引用符（" または \'）が閉じられていません / a quote (" or \') is not closed';
      }
      if (/Sequence item without/.test(error.message)) {
        return '字下げがずれています。リストの項目は「- 」の後の文字とそろえてください / the indentation is off; align list item keys with the text after "- "';
      }
      if (/Implicit map keys need to be followed/.test(error.message)) {
        return '「キー: 値」の「:」がありません（「:」の後には空白が必要です） / a "key: value" line lacks its ":" (a space must follow the colon)';
      }
      return generic(error);
    case 'BAD_INDENT':
      if (/end with a [\]}]/.test(error.message)) {
        return '[ ] や { } の閉じ括弧がないか、字下げがずれています / a closing ] or } is missing, or the indentation is off';
      }
      return '字下げがずれています。同じ階層の行と字下げをそろえてください / the indentation is off; align it with the lines at the same level';
    case 'TAG_RESOLVE_FAILED':
      return `不明なタグは無視されます（${error.message}） / unknown tag ignored (${error.message})`;
    default:
      return generic(error);
  }
}

/**
 * Where to point for an error. yaml reports an unclosed quote at the end of
 * the file, far from the cause; the opening quote is where to look. A colon
 * slip is pointed at the colon.
 */
export function yamlErrorOffset(error: YAMLError, ctx: Context): number {
  const slip = colonSlip(error, ctx);
  if (slip) return slip.offset;
  if (error.code !== 'MISSING_CHAR' || !/quote/.test(error.message)) return error.pos[0];
  let offset = error.pos[0];
  visit(ctx.doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (!quoted || node.range?.[1] !== error.pos[0]) return undefined;
      offset = node.range[0];
      return visit.BREAK;
    },
  });
  return offset;
}

export function aliasMessage(name: string, exhausted: boolean): string {
  return exhausted
    ? `エイリアス（*${name}）の展開が多すぎます。エイリアスを使わず値をそのまま書いてください / ` +
        `aliases (*${name}) expand to too much data; write the values out instead of using aliases`
    : `エイリアス *${name} の前に、対応するアンカー &${name} がありません / alias *${name} has no anchor &${name} before it`;
}

function generic(error: YAMLError): string {
  return `YAML の書き方に誤りがあります / YAML syntax error: ${error.message}`;
}

function lineStart(ctx: Context, offset: number): number {
  const { line } = ctx.lineCounter.linePos(offset);
  return ctx.lineCounter.lineStarts[line - 1] ?? 0;
}

function lineAt(ctx: Context, offset: number): string {
  const { line } = ctx.lineCounter.linePos(offset);
  const start = ctx.lineCounter.lineStarts[line - 1] ?? 0;
  const end = ctx.text.indexOf('\n', start);
  return ctx.text.slice(start, end < 0 ? undefined : end);
}

export interface KeyProblem {
  /** Where the mistake is: the second (and any later) occurrence of a repeated key. */
  readonly offset: number;
  readonly message: string;
}

/**
 * Keys the data cannot have, in one pass with a set per mapping:
 * - a repeated key (yaml's own `uniqueKeys` check compares each key with all keys before
 *   it: 30,000 keys took 41 s);
 * - a key that is a list or mapping (`? [a, b]`): no field is named like that, and yaml
 *   would turn it into text with a Node warning printed to the editor's terminal.
 */
export function keyProblems(doc: Document.Parsed, lineCounter: LineCounter): KeyProblem[] {
  const out: KeyProblem[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (isCollection(pair.key) && pair.key.range) {
          out.push({
            offset: pair.key.range[0],
            message: '項目名がリストや対応表になっています。「title: …」のように名前だけを書いてください / a key is a list or mapping; a key is a plain name, as in "title: …"',
          });
          continue;
        }
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, pair.key.range[0]);
          continue;
        }
        const firstLine = lineCounter.linePos(first).line;
        out.push({
          offset: pair.key.range[0],
          message: `「${key}」が2回書かれています（最初は${firstLine}行目）。1つにまとめてください / "${key}" appears twice (first at line ${firstLine}); keep only one`,
        });
      }
      return undefined;
    },
  });
  return out;
}
