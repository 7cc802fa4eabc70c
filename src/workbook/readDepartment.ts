import { formatPath, type DataPath } from '../load/formatPath.js';
import { ID_PATTERN } from '../load/schema.js';
import type { Grid } from './grid.js';
import { FORM_COLUMNS, FORM_FIELDS, INDICATORS, PROJECTS, SECTIONS, TOPICS, VALUE_KINDS, type ListSheet, type ValueKindLabel } from './layout.js';
import { findSheet, readForm, readTable, sortProblems, type FieldCell, type Problem, type TableRow } from './sheetTables.js';

/** A department as read from its workbook: the data (not yet checked against the schema) and where each value was. */
export interface DepartmentRead {
  readonly id: string | undefined;
  readonly fiscalYear: number | undefined;
  /** Shaped like departments/<id>.yaml, keys in the schema's order. */
  readonly data: { [key: string]: unknown };
  /** formatPath(data path) → `シート名!C12`, for values and for the blank cells where one is missing. */
  readonly places: ReadonlyMap<string, string>;
  readonly problems: readonly Problem[];
}

const bi = (ja: string, en: string) => `${ja} / ${en}`;

type Obj = { [key: string]: unknown };

/** Pure: the sheets of a filled-in workbook → the department's data and every problem, each at its cell. */
export function readDepartment(grids: readonly Grid[]): DepartmentRead {
  const problems: Problem[] = [];
  const places = new Map<string, string>();
  const mark = (path: DataPath, at: string) => {
    const k = formatPath(path);
    if (!places.has(k)) places.set(k, at);
  };
  const error = (at: string, ja: string, en: string) => problems.push({ at, severity: 'error', message: bi(ja, en) });
  /** Sets `obj[key]` from a cell, marking where it came from (also when blank, for later messages). */
  const put = (obj: Obj, path: DataPath, cell: FieldCell | undefined) => {
    if (!cell) return;
    mark(path, cell.at);
    if (cell.value !== undefined) obj[path[path.length - 1] as string] = cell.value;
  };

  const formGrid = findSheet(grids, 'form', [FORM_COLUMNS.key.key, FORM_COLUMNS.value.key], problems);
  const form = formGrid ? readForm(formGrid, FORM_FIELDS, { key: FORM_COLUMNS.key.key, value: FORM_COLUMNS.value.key }, problems) : undefined;
  const tables = {
    sections: table(grids, SECTIONS, problems),
    topics: table(grids, TOPICS, problems),
    projects: table(grids, PROJECTS, problems),
    indicators: table(grids, INDICATORS, problems),
  };

  const idCell = form?.get('id');
  const id = typeof idCell?.value === 'string' && ID_PATTERN.test(idCell.value) ? idCell.value : undefined;
  if (idCell && id === undefined) {
    error(
      idCell.at,
      `部のID「${idCell.value ?? ''}」がありません（または形が違います）。様式を作ったときのID（例: kikaku）に戻してください`,
      `the department id "${idCell.value ?? ''}" is missing or malformed; restore the id the template was made with (e.g. kikaku)`,
    );
  }
  if (idCell) mark(['id'], idCell.at);
  const yearCell = form?.get('fiscalYear');
  if (yearCell) mark(['fiscalYear'], yearCell.at);
  const fiscalYear = yearCell?.value !== undefined && /^\d{4}$/.test(String(yearCell.value)) ? Number(yearCell.value) : undefined;

  const data: Obj = {};
  const nameCell = form?.get('name');
  put(data, ['name'], nameCell);
  if (nameCell && nameCell.value === undefined) error(nameCell.at, '部の名前がありません', 'the department name is missing');
  put(data, ['mission'], form?.get('mission'));

  const sections = (tables.sections ?? []).map((r, i) => {
    const s: Obj = {};
    for (const key of ['name', 'role', 'staff']) put(s, ['sections', i, key], r.fields.get(key));
    requireField(r, 'name', s, '課名がありません', 'the section name is missing', error);
    return s;
  });
  if (sections.length > 0) data['sections'] = sections;

  const group = (prefix: string): Obj | undefined => {
    const obj: Obj = {};
    for (const f of FORM_FIELDS) {
      if (f.key.startsWith(`${prefix}.`)) put(obj, [prefix, f.key.slice(prefix.length + 1)], form?.get(f.key));
    }
    return Object.keys(obj).length > 0 ? obj : undefined;
  };
  const resources = group('resources');
  if (resources) data['resources'] = resources;
  put(data, ['policy'], form?.get('policy'));

  const topics = (tables.topics ?? []).map((r, i) => {
    const t: Obj = {};
    for (const key of ['title', 'body']) put(t, ['specialTopics', i, key], r.fields.get(key));
    requireField(r, 'title', t, '見出しがありません', 'the topic title is missing', error);
    requireField(r, 'body', t, '本文がありません', 'the topic body is missing', error);
    return t;
  });
  if (topics.length > 0) data['specialTopics'] = topics;

  const contact = group('contact');
  if (contact) {
    data['contact'] = contact;
    const sectionCell = form?.get('contact.section');
    if (contact['section'] === undefined && sectionCell) {
      error(sectionCell.at, '問い合わせ先の担当課がありません（ほかの問い合わせ欄を書くときは必ず書きます）', 'the contact section is missing (it is required when any contact field is given)');
    }
  }

  const projects = readProjects(tables.projects ?? [], tables.indicators ?? [], put, mark, error);
  if (projects.length > 0) data['projects'] = projects;

  // One error per cell: a cell that could not be read is not also said to be missing.
  const faulted = new Set<string>();
  const firstErrors = problems.filter((p) => p.severity !== 'error' || (!faulted.has(p.at) && faulted.add(p.at)));
  return { id, fiscalYear, data, places, problems: sortProblems(firstErrors, grids) };
}

function table(grids: readonly Grid[], sheet: ListSheet, problems: Problem[]): TableRow[] | undefined {
  const grid = findSheet(grids, sheet.sheet, sheet.fields.map((f) => f.key), problems);
  return grid ? readTable(grid, sheet.fields, problems) : undefined;
}

type Put = (obj: Obj, path: DataPath, cell: FieldCell | undefined) => void;
type Mark = (path: DataPath, at: string) => void;
type ErrorAt = (at: string, ja: string, en: string) => void;

function requireField(r: TableRow, key: string, obj: Obj, ja: string, en: string, error: ErrorAt): void {
  const cell = r.fields.get(key);
  if (cell && obj[key] === undefined && cell.value === undefined) error(cell.at, ja, en);
}

/**
 * Projects in row order, then their indicators from the indicator sheet: a row with an
 * 指標名 starts an indicator of the project its 事業番号 names (blank: the row above's);
 * a row without one adds a value to the indicator above.
 */
function readProjects(projectRows: readonly TableRow[], indicatorRows: readonly TableRow[], put: Put, mark: Mark, error: ErrorAt): Obj[] {
  const byNumber = new Map<string, number>();
  // A row left with its number alone is a project the department emptied: no project.
  const rows = projectRows.filter((r) => [...r.fields].some(([key, cell]) => key !== 'no' && cell.value !== undefined));
  const projects = rows.map((r, i) => {
    const p: Obj = {};
    for (const key of ['title', 'summary', 'section']) put(p, ['projects', i, key], r.fields.get(key));
    requireField(r, 'title', p, '事業名がありません', 'the project title is missing', error);
    const budget = readBudget(r, ['projects', i, 'budget'], put, mark, error);
    if (budget !== undefined) p['budget'] = budget;
    const no = r.fields.get('no');
    if (no?.value !== undefined) {
      const key = String(no.value);
      if (byNumber.has(key)) error(no.at, `番号 ${key} が重複しています`, `the number ${key} is used twice`);
      else byNumber.set(key, i);
    }
    return p;
  });

  let currentProject: string | undefined;
  let current: { obj: Obj; path: DataPath; project: string } | undefined;
  const counts = new Map<number, number>();
  for (const r of indicatorRows) {
    const f = (key: string) => r.fields.get(key)!;
    const projectCell = f('project');
    const project = projectCell.value !== undefined ? String(projectCell.value) : currentProject;
    currentProject = project;
    const nameCell = f('indicator.name');
    const hasValuePart = ['value.kind', 'value.label', 'value.value', 'value.unit', 'value.year', 'value.at', 'value.note'].some(
      (k) => f(k).value !== undefined,
    );
    if (nameCell.value !== undefined) {
      const index = project === undefined ? undefined : byNumber.get(project);
      if (index === undefined) {
        error(
          projectCell.at,
          project === undefined ? '事業番号がありません' : `事業番号 ${project} の事業が主要事業シートにありません`,
          project === undefined ? 'the project number is missing' : `no project has the number ${project} on the 主要事業 sheet`,
        );
        current = undefined;
        continue;
      }
      const n = counts.get(index) ?? 0;
      counts.set(index, n + 1);
      const path: DataPath = ['projects', index, 'indicators', n];
      const obj: Obj = {};
      put(obj, [...path, 'name'], nameCell);
      put(obj, [...path, 'unit'], f('indicator.unit'));
      put(obj, [...path, 'note'], f('indicator.note'));
      mark(path, nameCell.at);
      const list = ((projects[index]!['indicators'] as Obj[] | undefined) ??= []);
      list.push(obj);
      current = { obj, path, project: project! };
    } else {
      if (!hasValuePart && f('indicator.unit').value === undefined && f('indicator.note').value === undefined) continue;
      if (!current || (project !== undefined && project !== current.project)) {
        error(nameCell.at, '指標名がありません（指標の最初の行には指標名を書きます）', 'the indicator name is missing (the first row of an indicator names it)');
        continue;
      }
      for (const [key, column] of [['unit', 'indicator.unit'], ['note', 'indicator.note']] as const) {
        const cell = f(column);
        if (cell.value !== undefined && cell.value !== current.obj[key]) {
          error(cell.at, `${column === 'indicator.unit' ? '指標の単位' : '指標の注記'}は指標名の行に書きます`, `write the indicator's ${key} on its first row (the one with its name)`);
        }
      }
    }
    if (hasValuePart && current) readValue(r, current.obj, current.path, put, error);
  }
  return projects;
}

/** One value row into the indicator: its baseline, its target or one more labelled value. */
function readValue(r: TableRow, indicator: Obj, path: DataPath, put: Put, error: ErrorAt): void {
  const f = (key: string) => r.fields.get(key)!;
  const kindCell = f('value.kind');
  const labelCell = f('value.label');
  const kind: ValueKindLabel | undefined =
    (kindCell.value as ValueKindLabel | undefined) ?? (labelCell.value !== undefined ? '区分つき' : undefined);
  if (kind === undefined) {
    error(kindCell.at, '種別がありません。現状値・目標値・区分つき から選んでください', 'the kind is missing; choose 現状値, 目標値 or 区分つき');
    return;
  }
  const slot = VALUE_KINDS[kind];
  const value: Obj = {};
  let valuePath: DataPath;
  if (slot === 'values') {
    const list = ((indicator['values'] as Obj[] | undefined) ??= []);
    valuePath = [...path, 'values', list.length];
    put(value, [...valuePath, 'label'], labelCell);
    if (labelCell.value === undefined) error(labelCell.at, '区分つきの値には区分を書きます（例: 基準値、実績値）', 'a labelled value needs its label, e.g. 基準値');
    list.push(value);
  } else {
    valuePath = [...path, slot];
    if (labelCell.value !== undefined) {
      error(labelCell.at, `区分は「区分つき」の行にだけ書きます（${kind}の行では空欄に）`, `a label goes only on a 区分つき row; leave it empty on a ${kind} row`);
    }
    if (indicator[slot] !== undefined) {
      error(kindCell.at, `この指標の${kind}が2行あります。1つの指標に${kind}は1つです`, `the indicator has two ${kind} rows; it takes one`);
      return;
    }
    indicator[slot] = value;
  }
  put(value, [...valuePath, 'value'], f('value.value'));
  put(value, [...valuePath, 'unit'], f('value.unit'));
  put(value, [...valuePath, 'year'], f('value.year'));
  const at = f('value.at');
  if (at.value !== undefined && value['year'] !== undefined) {
    error(at.at, '年度と時点は片方だけ書きます（年度なら年度の欄、それ以外の時点は時点の欄）', 'give the year or the time point, not both');
  } else {
    put(value, [...valuePath, 'at'], at);
  }
  put(value, [...valuePath, 'note'], f('value.note'));
  // The indicator's keys in the schema's order, whatever order its rows came in.
  reorder(indicator, ['name', 'unit', 'note', 'baseline', 'values', 'target']);
}

/**
 * A project budget: a plain whole number when that is all the row says, else the object
 * form ({ amount, unit, label, note }); no amount with the rest given is an error.
 */
function readBudget(r: TableRow, path: DataPath, put: Put, mark: Mark, error: ErrorAt): unknown {
  const amount = r.fields.get('budget.amount')!;
  const rest = ['unit', 'label', 'note'].map((k) => [k, r.fields.get(`budget.${k}`)!] as const);
  const given = rest.filter(([, c]) => c.value !== undefined);
  if (amount.value === undefined) {
    put({}, [...path, 'amount'], amount);
    if (given.length > 0) error(amount.at, '事業費の金額がありません（単位・名称・注記だけは書けません）', 'the budget amount is missing');
    return undefined;
  }
  if (given.length === 0 && typeof amount.value === 'number' && Number.isSafeInteger(amount.value) && amount.value >= 0) {
    mark(path, amount.at);
    return amount.value;
  }
  const obj: Obj = {};
  put(obj, [...path, 'amount'], amount);
  for (const [k, c] of rest) put(obj, [...path, k], c);
  return obj;
}

function reorder(obj: Obj, order: readonly string[]): void {
  const entries = order.filter((k) => k in obj).map((k) => [k, obj[k]] as const);
  for (const [k] of entries) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}
