import { z } from 'zod';
import { closest, idFromText } from './didYouMean.js';
import { formatPath, type DataPath } from './formatPath.js';
import type { Target } from './locate.js';
import { numberFromText, yearFromEra } from './numberHint.js';
import { ID_PATTERN } from './schema.js';
import { keysAt, schemaAt } from './schemaAt.js';

/** One problem to report: where (a data path and what to point at there) and what to say. */
export interface Problem {
  path: DataPath;
  target: Target;
  message: string;
  /** The character the message names (an index into the text value), to point at it. */
  index?: number;
}

export interface IssueContext {
  /** The schema the data was checked against. */
  root: z.ZodType;
  /** The data as parsed from YAML. */
  data: unknown;
  /** The value as written in the file (`0422`, not 422), when it is a scalar. */
  sourceText(path: DataPath): string | undefined;
}

/**
 * Pure: zod issues → messages people can act on, in Japanese then English,
 * each starting with the data path (`projects[2].title: …`).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): Problem[] {
  const problems: Problem[] = [];
  // A misspelt key also makes the real one "missing"; the did-you-mean says it all.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = dataPath(issue.path);
    for (const key of issue.keys) {
      const p = unknownKey(path, key, ctx);
      if (p.suggestion !== undefined) suggested.add(formatPath([...path, p.suggestion]));
      problems.push(p.problem);
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = dataPath(issue.path);
    if (isMissing(issue, path, ctx) && suggested.has(formatPath(path))) continue;
    problems.push(atCharacter(describe(issue, path, ctx), issue, ctx));
  }
  return problems;
}

/** 「title： 題名」 where a map was due is text with a full-width colon in it: point at the colon. */
function atCharacter(problem: Problem, issue: z.core.$ZodIssue, ctx: IssueContext): Problem {
  const value = valueAt(ctx.data, problem.path);
  const colon = issue.code === 'invalid_type' && issue.expected === 'object' && typeof value === 'string' ? value.indexOf('：') : -1;
  return colon < 0 ? problem : { ...problem, index: colon };
}

function describe(issue: z.core.$ZodIssue, path: DataPath, ctx: IssueContext): Problem {
  const value = valueAt(ctx.data, path);
  const field = schemaAt(ctx.root, path);
  const key = path[path.length - 1];
  const name = field?.title ?? (typeof key === 'string' ? key : 'この値');
  const at = (message: string, target: Target = 'value'): Problem => ({ path, target, message: prefix(path, message) });

  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) {
        if (path.length === 0) return at(emptyFile(ctx));
        return at(
          bi(
            `必須の項目「${String(key)}」（${name}）がありません。「${String(key)}: …」を書いてください`,
            `required "${String(key)}" is missing; add "${String(key)}: …"`,
          ),
          'parent',
        );
      }
      if (value === null) {
        if (path.length === 0) return at(emptyFile(ctx));
        return at(bi(`${name}が空です。「${String(key)}:」の後に書いてください`, `"${String(key)}" has no value; write it after "${String(key)}:"`));
      }
      return at(field?.hint?.wrongValue ?? wrongType(issue.expected, value, path, name, field?.hint?.yenPerUnit, ctx));

    case 'too_small':
      if (issue.origin === 'array') {
        return at(bi(`${name}が空です。少なくとも1つ書いてください`, `"${String(key)}" is empty; list at least one`));
      }
      if (issue.origin === 'number') return at(outOfRange(issue, value, name));
      break;

    case 'too_big':
      if (issue.origin === 'number') return at(outOfRange(issue, value, name));
      break;

    case 'invalid_value': {
      const values = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, values) : undefined;
      return at(
        bi(
          `「${String(value)}」は使えません。${values.join('、')} のどれかを書いてください` +
            (guess ? `（「${guess}」のことですか？）` : ''),
          `must be one of ${values.join(', ')}` + (guess ? `; did you mean "${guess}"?` : ''),
        ),
      );
    }

    case 'invalid_format':
      return at(badFormat(issue, value, name));

    case 'invalid_union':
      return at(
        field?.hint?.wrongValue ??
          bi(`${name}は数値か短い文字列で書いてください（例: 20、"策定"）`, `must be a number or a short text (e.g. 20 or "策定")`),
      );

    case 'custom':
      // Rules across fields (schema.ts refinements) carry their own bilingual message.
      return at(issue.message);
  }
  return at(bi(`${name}の値が正しくありません`, issue.message));
}

function unknownKey(path: DataPath, key: string, ctx: IssueContext): { problem: Problem; suggestion?: string } {
  const known = keysAt(ctx.root, path);
  const full = [...path, key];
  const problem = (message: string): Problem => ({ path: full, target: 'key', message: prefix(full, message) });
  if (/^[\s\u3000]/.test(key)) {
    const trimmed = key.replace(/^[\s\u3000]+/, '');
    return {
      problem: problem(
        bi(
          '行頭に全角スペースがあります。字下げは半角スペースだけで行ってください',
          'the line starts with a full-width space; indent with ASCII spaces only',
        ),
      ),
      ...(known.includes(trimmed) ? { suggestion: trimmed } : {}),
    };
  }
  const guess = closest(key.normalize('NFKC'), known);
  const allowed = known.join(', ');
  if (guess !== undefined) {
    return {
      problem: problem(
        bi(`「${key}」という項目はありません。「${guess}」のことですか？`, `unknown key "${key}"; did you mean \`${guess}\`?`),
      ),
      suggestion: guess,
    };
  }
  return {
    problem: problem(
      bi(
        `「${key}」という項目はありません。使える項目: ${allowed}`,
        `unknown key "${key}"; allowed keys here: ${allowed}`,
      ),
    ),
  };
}

function wrongType(
  expected: string,
  value: unknown,
  path: DataPath,
  name: string,
  yenPerUnit: number | undefined,
  ctx: IssueContext,
): string {
  const key = String(path[path.length - 1] ?? '');
  const written = ctx.sourceText(path) ?? String(value);
  switch (expected) {
    case 'string':
      if (Array.isArray(value)) return bi(`${name}は1つの文字列で書いてください（リストではなく）`, 'must be a single text, not a list');
      if (typeof value === 'object') {
        return bi(
          `${name}は文字列で書いてください。文中に「: 」があるときは全体を "…" で囲んでください`,
          'must be text, not "key: value" pairs; if the text contains ": ", put it all in double quotes',
        );
      }
      return bi(
        `${name}は文字列で書いてください。"${written}" のように引用符で囲むと文字列になります`,
        `must be text; put it in quotes: "${written}"`,
      );
    case 'number':
    case 'int':
      if (typeof value === 'string') return notANumber(value, name, yenPerUnit);
      if (typeof value === 'number') {
        return bi(`${name}は整数で書いてください（${written} ではなく）`, `must be a whole number, not ${written}`);
      }
      return bi(`${name}は半角数字で書いてください`, 'must be a number');
    case 'array':
      if (typeof value === 'object') {
        return bi(`${name}はリストで書いてください。各項目は「- 」で始めます`, 'must be a list; start each item with "- "');
      }
      return bi(
        `${name}はリストで書いてください（例: ${key}: [${written}]）`,
        `must be a list, e.g. ${key}: [${written}]`,
      );
    case 'object':
      if (path.length === 0) {
        return bi('ファイル全体を「キー: 値」の形で書いてください', 'the file must be a mapping of "key: value" lines');
      }
      if (Array.isArray(value)) {
        return bi(`${name}は「キー: 値」の組で書いてください（「- 」は不要です）`, 'must be "key: value" pairs, not a list; remove the "- "');
      }
      if (typeof value === 'string' && value.includes('：')) {
        return bi(
          `全角の「：」が使われています。半角の「:」と空白で「キー: 値」と書いてください`,
          'a full-width colon "："; write "key: value" with an ASCII colon and a space',
        );
      }
      return bi(
        `${name}は「キー: 値」の組で書いてください（次の行から字下げして）`,
        'must be "key: value" pairs, indented on the lines below',
      );
  }
  return bi(`${name}の型が違います`, `expected ${expected}`);
}

/** `1億2千万`, `１２３`, `1,234`: say which plain number to write instead. */
function notANumber(text: string, name: string, yenPerUnit: number | undefined): string {
  if (/^\d+$/.test(text)) {
    return bi(`${name}は数値なので引用符で囲まないでください（${text}）`, `a number is written without quotes: ${text}`);
  }
  const n = numberFromText(text) ?? yearFromEra(text);
  const ja = [`「${text}」は数値として読めません。${name}は半角数字だけで書いてください（全角数字・漢数字・カンマ・単位は不要）`];
  const en = [`"${text}" is not a number; write a plain number (no full-width digits, kanji numerals, commas or units)`];
  if (n !== undefined) {
    ja.push(`「${text}」なら ${n} です`);
    en.push(`"${text}" is written ${n}`);
  }
  if (yenPerUnit === 1000) {
    const inUnits = n !== undefined && n % 1000 === 0 ? n / 1000 : undefined;
    ja.push(
      inUnits !== undefined ? `ただし単位は千円なので、${n}円なら ${inUnits} と書きます` : 'ただし単位は千円です',
    );
    en.push(
      inUnits !== undefined
        ? `note the unit is thousand yen, so ¥${n} is written ${inUnits}`
        : 'note the unit is thousand yen',
    );
  }
  return bi(ja.join('。'), en.join('; '));
}

function outOfRange(
  issue: { code: 'too_small'; minimum: number | bigint } | { code: 'too_big'; maximum: number | bigint },
  value: unknown,
  name: string,
): string {
  const written = String(value);
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  if (Number(bound) === 1868 || Number(bound) === 2200) {
    // People write the era year (令和2) where the Western year (2020) is expected.
    const n = Number(value);
    const eraHint = Number.isInteger(n) && n >= 1 && n < 100 ? `（令和${n}年度なら ${2018 + n}）` : '';
    return bi(
      `${name}は1868〜2200の西暦で書いてください${eraHint}`,
      `must be a Western-calendar year from 1868 to 2200, not ${written}`,
    );
  }
  return issue.code === 'too_small'
    ? bi(`${name}は${bound}以上にしてください（${written} ではなく）`, `must be ${bound} or more, not ${written}`)
    : bi(`${name}は${bound}以下にしてください（${written} ではなく）`, `must be ${bound} or less, not ${written}`);
}

function badFormat(issue: { format: string; pattern?: string }, value: unknown, name: string): string {
  const text = String(value);
  if (issue.format === 'date') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return bi(`「${text}」という日付はありません`, `"${text}" is not a real date`);
    }
    const guess = dateFromText(text);
    return bi(
      `${name}は YYYY-MM-DD の形で書いてください（例: ${guess ?? '2020-07-01'}）`,
      `write the date as YYYY-MM-DD, e.g. ${guess ?? '2020-07-01'}`,
    );
  }
  if (issue.pattern === String(ID_PATTERN)) {
    const guess = idFromText(text);
    return bi(
      `「${text}」はIDに使えません。半角英小文字・数字をハイフンでつないでください（例: ${guess ?? 'kenko-fukushi'}）`,
      `"${text}" is not a valid id; use lower-case ASCII letters and digits joined by hyphens, e.g. ${guess ?? 'kenko-fukushi'}`,
    );
  }
  if (issue.pattern === String(/\S/)) {
    return bi(`${name}が空です。文字を書いてください`, 'is blank; write some text');
  }
  return bi(`${name}の書き方が正しくありません`, `does not match ${issue.pattern ?? issue.format}`);
}

function emptyFile(ctx: IssueContext): string {
  const root = schemaAt(ctx.root, [])?.schema;
  const shape: Record<string, z.ZodType> = root instanceof z.ZodObject ? root.shape : {};
  const required = Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
  return bi(
    `ファイルが空です。少なくとも ${required.join('、')} を書いてください`,
    `the file is empty; it needs at least ${required.join(', ')}`,
  );
}

function dateFromText(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC'));
  if (!m) return undefined;
  const [, y, mo, d] = m;
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function isMissing(issue: z.core.$ZodIssue, path: DataPath, ctx: IssueContext): boolean {
  return issue.code === 'invalid_type' && path.length > 0 && valueAt(ctx.data, path) === undefined;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let v = data;
  for (const seg of path) {
    // Own properties only: a key named `constructor` must not find Object.prototype's.
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function dataPath(path: readonly PropertyKey[]): DataPath {
  return path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
}

function prefix(path: DataPath, message: string): string {
  return path.length === 0 ? message : `${formatPath(path)}: ${message}`;
}

/** Japanese first for the people who edit the data, English for everyone else. */
function bi(ja: string, en: string): string {
  return `${ja} / ${en}`;
}
