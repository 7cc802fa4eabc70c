import { numberFromText, yearFromEra } from '../load/numberHint.js';
import type { CellValue } from './grid.js';
import { BUDGET_UNITS, VALUE_KINDS, type Kind } from './layout.js';

/** A cell read as its field's kind: the value (undefined when blank), or what is wrong with it. */
export type Read = { readonly value: string | number | undefined } | { readonly problem: string };

const bi = (ja: string, en: string) => `${ja} / ${en}`;

/**
 * Text as the data holds it. Excel and LibreOffice keep a cell's line breaks as LF, but a
 * text pasted from elsewhere may bring CR LF; spaces at a line's end are invisible in the
 * cell and never meant. Whitespace alone is a blank cell.
 */
export function cleanText(text: string): string | undefined {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
  return /\S/.test(cleaned) ? cleaned : undefined;
}

/** A number as a text field holds it: `0312` when the cell's format pads it so (a 0000 format). */
function numberAsText(value: number, format: string | undefined): string {
  const pad = format !== undefined && /^0+$/.test(format) ? format.length : 0;
  return Number.isInteger(value) && value >= 0 ? String(value).padStart(pad, '0') : String(value);
}

const DATE_PROBLEM = bi(
  'Excel が日付として読み取っています。セルの書式を「文字列」にして書き直すか、先頭に \' を付けてください',
  'the cell holds a date; format the cell as text and type it again, or start it with \'',
);

/** Reads one cell as `kind`. Only the reading is checked here; the schema checks the data after. */
export function readCell(kind: Kind, cell: CellValue | undefined): Read {
  if (cell === undefined) return { value: undefined };
  switch (cell.type) {
    case 'error':
      return { problem: bi(`エラー値 ${cell.text} です。値を直してください`, `the cell holds the error value ${cell.text}; correct it`) };
    case 'noResult':
      return {
        problem: bi(
          `数式 =${cell.formula} の計算結果が保存されていません。Excel か LibreOffice で開いて保存し直すか、値を直接書いてください`,
          `the formula =${cell.formula} was saved without its result; open and save the workbook in Excel or LibreOffice, or type the value`,
        ),
      };
    case 'bool':
      return { problem: bi(`TRUE/FALSE は書けません。文字か数値を書いてください`, 'TRUE/FALSE is not a value here; write a text or a number') };
    case 'date':
      if (kind === 'year') {
        return { problem: bi('年度が日付になっています。西暦の年度を数字で書いてください（例: 2022）', 'the year is a date; write the fiscal year as a number, e.g. 2022') };
      }
      return { problem: DATE_PROBLEM };
    case 'number':
      return readNumber(kind, cell.value, cell.format);
    case 'text':
      return readText(kind, cell.text);
  }
}

function readNumber(kind: Kind, value: number, format: string | undefined): Read {
  switch (kind) {
    case 'whole':
      return wholeNumber(value);
    case 'year':
      return Number.isInteger(value) ? { value } : { problem: yearProblem(String(value)) };
    case 'amount':
      return { value };
    case 'ref':
      return { value: String(value) };
    case 'budgetUnit':
    case 'valueKind':
      return choice(kind, String(value));
    default:
      return { value: numberAsText(value, format) };
  }
}

function readText(kind: Kind, raw: string): Read {
  const text = cleanText(raw);
  if (text === undefined) return { value: undefined };
  switch (kind) {
    case 'whole': {
      // People type 1,234 or １２３ into a text cell; the number they meant is plain.
      const plain = text.normalize('NFKC').replace(/[\s,]/g, '');
      if (/^\d+$/.test(plain)) return wholeNumber(Number(plain));
      const meant = numberFromText(text);
      return {
        problem: bi(
          `「${text}」は整数ではありません。半角の整数で書いてください${meant !== undefined ? `（例: ${meant}）` : ''}`,
          `"${text}" is not a whole number; write it in digits${meant !== undefined ? `, e.g. ${meant}` : ''}`,
        ),
      };
    }
    case 'year': {
      const plain = text.normalize('NFKC').trim();
      const m = /^(\d{4})(年度)?$/.exec(plain);
      if (m) return { value: Number(m[1]) };
      return { problem: yearProblem(text) };
    }
    case 'ref':
      return { value: text.normalize('NFKC').trim() };
    case 'budgetUnit':
    case 'valueKind':
      return choice(kind, text.trim());
    default:
      return { value: text };
  }
}

function wholeNumber(value: number): Read {
  if (Number.isSafeInteger(value) && value >= 0) return { value };
  return { problem: bi(`${value} は 0 以上の整数ではありません`, `${value} is not a whole number ≥ 0`) };
}

function yearProblem(text: string): string {
  const western = yearFromEra(text);
  const hint = western !== undefined ? `（${text} なら ${western}）` : '';
  return bi(
    `「${text}」は西暦の年度ではありません。年度は 2022 のように数字で${hint}、それ以外の時点（2016年、令和4年度末など）は「時点」の欄に書いてください`,
    `"${text}" is not a fiscal year; write it as a number${western !== undefined ? ` (${western})` : ''}, or put any other time point in the 時点 column`,
  );
}

function choice(kind: 'budgetUnit' | 'valueKind', text: string): Read {
  const options: readonly string[] = kind === 'budgetUnit' ? BUDGET_UNITS : Object.keys(VALUE_KINDS);
  if (options.includes(text)) return { value: text };
  return {
    problem: bi(`「${text}」は選べません。${options.join('・')} のどれかを選んでください`, `"${text}" is not one of ${options.join(', ')}`),
  };
}
