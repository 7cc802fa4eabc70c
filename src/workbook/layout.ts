import type { Terms } from '../model/types.js';

/**
 * The department workbook's layout: which sheets, which rows and columns, what each
 * holds. The writer and the reader both work from these tables, so a column cannot be
 * written one way and read another.
 *
 * Every sheet a department fills in has a row of keys (small, grey) above its data: the
 * reader finds its columns (or, on the form, its rows) by those keys, never by position,
 * so inserted or moved columns, extra rows above and renamed headers do not matter.
 */

/** How a cell is read and written. */
export type Kind =
  /** One line of text (a name, a unit, a phone number): stored as text, never as a number. */
  | 'text'
  /** Text with line breaks (a mission, a summary): stored as text, wrapped. */
  | 'paragraphs'
  /** A whole number ≥ 0 (staff, a budget). */
  | 'whole'
  /** A fiscal year in the Western calendar (2022 → 2022年度). */
  | 'year'
  /** A number or a text, as typed (an indicator's value, a project budget's amount). */
  | 'amount'
  /** One of 円・千円・万円・百万円. */
  | 'budgetUnit'
  /** Which slot an indicator row fills: 現状値 (baseline), 目標値 (target) or 区分つき (values). */
  | 'valueKind'
  /** A project's number, linking indicator rows to their project. */
  | 'ref'
  /** Written by the tool and not to be changed (the department's id, the year). */
  | 'fixed';

export interface Field {
  /** What the key row (or the form's key column) holds: a data path with dots, or a link. */
  readonly key: string;
  readonly header: (t: Terms) => string;
  readonly kind: Kind;
  /** One or two lines shown under the header (or beside the form's row). */
  readonly help: string;
  readonly required?: boolean;
}

/** A field that is a column of a list sheet. */
export interface Column extends Field {
  /** Column width in Excel's units (about one half-width character). */
  readonly width: number;
}

export const BUDGET_UNITS = ['円', '千円', '万円', '百万円'] as const;

/** The 種別 of an indicator row, and which key of the indicator it fills. */
export const VALUE_KINDS = { 現状値: 'baseline', 目標値: 'target', 区分つき: 'values' } as const;
export type ValueKindLabel = keyof typeof VALUE_KINDS;

export const SHEET = {
  guide: '記入方法',
  form: '基本情報',
  sections: '課',
  topics: '特記事項',
  projects: '主要事業',
  indicators: '目標指標',
} as const;
export type SheetKey = keyof typeof SHEET;

/** The form's columns, found by these keys in its key row. */
export const FORM_COLUMNS = {
  label: { key: 'item', header: '項目', width: 26 },
  value: { key: 'value', header: '記入欄', width: 80 },
  help: { key: 'help', header: '説明', width: 44 },
  key: { key: 'key', header: 'キー', width: 12 },
} as const;

/** The form (基本情報): one row per field of the department, in this order. */
export const FORM_FIELDS: readonly Field[] = [
  { key: 'id', header: (t) => `${t.department}のID`, kind: 'fixed', help: '取り込み先のファイル（departments/<ID>.yaml）を決めます。変更しないでください。' },
  { key: 'fiscalYear', header: () => '年度', kind: 'fixed', help: 'この様式を作った冊子の年度です。' },
  { key: 'name', header: (t) => `${t.department}の名前`, kind: 'text', required: true, help: '例: 企画部' },
  { key: 'mission', header: (t) => t.mission, kind: 'paragraphs', help: '空行で段落を分けます。行頭の「・」「①」などは箇条書きになります。' },
  { key: 'policy', header: (t) => t.policy, kind: 'paragraphs', help: '空行で段落を分けます。' },
  { key: 'resources.staff', header: (t) => `${t.staff}（人）`, kind: 'whole', help: '半角の整数。' },
  { key: 'resources.budget', header: (t) => t.departmentBudget, kind: 'whole', help: '半角の整数。単位は次の行で選びます。' },
  { key: 'resources.budgetUnit', header: () => '予算額の単位', kind: 'budgetUnit', help: '円・千円・万円・百万円から選びます（空欄は千円）。' },
  { key: 'resources.budgetNote', header: () => '予算額の注記', kind: 'text', help: '例: 一般会計当初予算' },
  { key: 'resources.organization', header: (t) => t.organization, kind: 'text', help: '書いたとおりに印刷します。例: 4課1室' },
  { key: 'contact.section', header: (t) => `${t.contact}：担当${t.section}`, kind: 'text', help: 'この部の問い合わせ先。ほかの問い合わせ欄を書くときは必ず書きます。' },
  { key: 'contact.extension', header: (t) => `${t.contact}：${t.extension}`, kind: 'text', help: '例: 2150（先頭の0も残ります）' },
  { key: 'contact.phone', header: (t) => `${t.contact}：${t.phone}`, kind: 'text', help: '例: 0422-45-1151' },
  { key: 'contact.email', header: (t) => `${t.contact}：${t.email}`, kind: 'text', help: '' },
  { key: 'contact.web', header: (t) => `${t.contact}：ホームページ`, kind: 'text', help: '書いたとおりに印刷します。' },
];

export interface ListSheet {
  readonly sheet: SheetKey;
  /** The first line of the sheet: what one row is. */
  readonly title: string;
  readonly fields: readonly Column[];
}

export const SECTIONS: ListSheet = {
  sheet: 'sections',
  title: '1行に1つの課を、冊子に載せる順に書きます。',
  fields: [
    { key: 'name', header: (t) => t.sectionName, kind: 'text', width: 24, required: true, help: '例: 企画経営課' },
    { key: 'role', header: (t) => t.role, kind: 'paragraphs', width: 70, help: '省略できます。' },
    { key: 'staff', header: (t) => `${t.staff}（人）`, kind: 'whole', width: 12, help: '半角の整数。省略できます。' },
  ],
};

export const TOPICS: ListSheet = {
  sheet: 'topics',
  title: 'その年の特記事項（例: 新型コロナウイルス感染症への対応）。1行に1つ。',
  fields: [
    { key: 'title', header: () => '見出し', kind: 'text', width: 36, required: true, help: '例: 新型コロナウイルス感染症への対応' },
    { key: 'body', header: () => '本文', kind: 'paragraphs', width: 90, required: true, help: '空行で段落を分けます。' },
  ],
};

export const PROJECTS: ListSheet = {
  sheet: 'projects',
  title: '1行に1つの事業を、冊子に載せる順に書きます（行の順が①②…の順）。番号は目標指標シートの事業番号と対応します。',
  fields: [
    { key: 'no', header: () => '番号', kind: 'ref', width: 7, help: '重複しない番号' },
    { key: 'title', header: () => '事業名', kind: 'text', width: 40, required: true, help: '' },
    { key: 'summary', header: () => '事業の概要', kind: 'paragraphs', width: 70, help: '空行で段落を分けます。' },
    { key: 'section', header: (t) => `担当${t.section}`, kind: 'text', width: 16, help: '省略できます。' },
    { key: 'budget.amount', header: (t) => t.budget, kind: 'amount', width: 14, help: '数値（単位は右の欄、空欄は部の予算額の単位）か文字。' },
    { key: 'budget.unit', header: (t) => `${t.budget}の単位`, kind: 'budgetUnit', width: 10, help: '円・千円・万円・百万円' },
    { key: 'budget.label', header: (t) => `${t.budget}の名称`, kind: 'text', width: 12, help: `空欄は「事業費」。例: 予算額` },
    { key: 'budget.note', header: (t) => `${t.budget}の注記`, kind: 'text', width: 18, help: '例: 一般会計' },
  ],
};

export const INDICATORS: ListSheet = {
  sheet: 'indicators',
  title:
    '1行に1つの値。指標名のある行から新しい指標が始まり、指標名が空の行は上の指標の続きです。事業番号が空の行は上の行と同じ事業です。',
  fields: [
    { key: 'project', header: () => '事業番号', kind: 'ref', width: 8, required: true, help: '主要事業シートの番号。' },
    { key: 'indicator.name', header: () => '指標名', kind: 'text', width: 30, help: '指標の最初の行にだけ書きます。' },
    { key: 'indicator.unit', header: () => '指標の単位', kind: 'text', width: 9, help: '例: 人、%' },
    { key: 'indicator.note', header: () => '指標の注記', kind: 'text', width: 16, help: '例: 各年4月1日現在' },
    { key: 'value.kind', header: () => '種別', kind: 'valueKind', width: 9, help: '現状値・目標値・区分つき' },
    { key: 'value.label', header: () => '区分', kind: 'text', width: 12, help: '区分つきの行だけ。例: 基準値、実績値' },
    { key: 'value.value', header: () => '値', kind: 'amount', width: 12, help: '数値か文字（例: 策定）。空欄は ― と印刷。' },
    { key: 'value.unit', header: () => '値の単位', kind: 'text', width: 8, help: '指標の単位と違うときだけ。' },
    { key: 'value.year', header: () => '年度', kind: 'year', width: 8, help: '西暦の年度（2022 → 2022年度）。' },
    { key: 'value.at', header: () => '時点', kind: 'text', width: 14, help: '年度以外の時点を書いたとおりに（例: 2016年、令和4年度末）。' },
    { key: 'value.note', header: () => '値の注記', kind: 'text', width: 12, help: '例: 見込み' },
  ],
};

export const LIST_SHEETS: readonly ListSheet[] = [SECTIONS, TOPICS, PROJECTS, INDICATORS];

/** Row numbers (1-based) of a list sheet as the writer makes it; the reader finds the key row itself. */
export const LIST_ROWS = { title: 1, header: 2, help: 3, key: 4, firstData: 5 } as const;
/** Row numbers of the form as the writer makes it. */
export const FORM_ROWS = { title: 1, header: 2, key: 3, firstData: 4 } as const;
