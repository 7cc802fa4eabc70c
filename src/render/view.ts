// Presentation decisions the templates cannot make in Handlebars: which rows a table has
// (a row only for what the data gives), how an indicator table is laid out, how a contact
// line reads. Pure; every label comes from the edition's terms.

import type {
  Contact,
  Department,
  Edition,
  Indicator,
  IndicatorValue,
  Project,
  RichText,
  Terms,
} from '../model/types.js';
import { opt } from '../model/optional.js';
import { formatNumber, formatValue } from './helpers.js';

export interface LabelledRow {
  readonly label: string;
  /** Not `value`: that name is a template helper. */
  readonly content: string;
}

/** One value in an indicator table cell: the value with its unit (― when the data gives none), when, and a note. */
export interface ValueCell {
  readonly display: string;
  readonly timePoint?: string;
  readonly note?: string;
}

export interface IndicatorColumnsTable {
  readonly layout: 'columns';
  /** One column per label, in the order the labels first appear. */
  readonly labels: readonly string[];
  readonly rows: readonly { readonly name: string; readonly note?: string; readonly cells: readonly ValueCell[] }[];
}

/**
 * An indicator measured year by year, as the sources print it: its time points head the
 * columns, each label (目標, 実績 …) a row, each cell that label's value at that time point.
 */
export interface IndicatorGrid {
  readonly timePoints: readonly string[];
  /** A cell is ― when the data gives no value for that label at that time point. */
  readonly rows: readonly { readonly label: string; readonly cells: readonly ValueCell[] }[];
}

/**
 * One small table per indicator: its name heads the label column, each value a row; or,
 * for an indicator that qualifies (see indicatorGrid), a grid of labels × time points.
 */
export interface IndicatorRowsTable {
  readonly layout: 'rows';
  /** Columns after label and value, only when some value of the project has one (so its tables line up). */
  readonly hasTimePoint: boolean;
  readonly hasNote: boolean;
  readonly groups: readonly {
    readonly name: string;
    readonly note?: string;
    readonly values: readonly (ValueCell & { readonly label: string })[];
    readonly grid?: IndicatorGrid;
  }[];
}

export type IndicatorTable = IndicatorColumnsTable | IndicatorRowsTable;

/**
 * Up to this many labels (現状値, 目標値, 実績値, 長期目標) are columns beside the
 * indicator's name, as the committed editions print them; with more, a column would be
 * too narrow for a value and its time point, so each value gets a row of its own.
 */
export const MAX_VALUE_COLUMNS = 4;

/**
 * At most this many time points become a grid's columns. The smallest page (B5, 142 mm ≈ 403 pt
 * of text width) at the table size (9 pt) takes six columns of 5 em, the room for 「2016年度」 or
 * 「△16.29%」 unbroken (45 pt, 55.5 pt with paddings and rule: 333 pt), and leaves about 70 pt
 * (7 characters, enough for 目標, 実績, 現状値) for the labels; a seventh would squeeze them out.
 */
export const MAX_GRID_TIME_POINTS = 6;

/** A note printed in a table, marked as one (unless the editor already began it with ※ or 注). */
export function noteText(note: string): string {
  return /^[※＊*注]/u.test(note) ? note : `※${note}`;
}

/**
 * A value with a unit the data names for it: after a number (12件), else bracketed after
 * the text (策定（件）), so a unit written is never dropped.
 */
function withOwnUnit(value: number | string, unit: string): string {
  const shown = formatValue(value, unit);
  return unit !== '' && shown === formatValue(value, '') ? `${shown}（${unit}）` : shown;
}

/** The value with its unit; the indicator's unit after numbers only (the name shows it otherwise). */
function display(v: IndicatorValue, indicatorUnit: string | undefined): string {
  if (v.value === undefined) return '―';
  return v.unit !== undefined && v.unit !== indicatorUnit ? withOwnUnit(v.value, v.unit) : formatValue(v.value, v.unit);
}

/** A value's cell; in a grid without its time point, which heads the cell's column. */
function cell(v: IndicatorValue, indicatorUnit: string | undefined, inGrid = false): ValueCell {
  return {
    display: display(v, indicatorUnit),
    ...opt('timePoint', inGrid ? undefined : v.timePoint),
    ...opt('note', v.note === undefined ? undefined : noteText(v.note)),
  };
}

/**
 * The indicator's name as its table heads it: with 「（単位：件）」 when no value carries the
 * unit (text values such as 策定 take none), so a unit the data gives is always printed.
 */
function indicatorName(ind: Indicator, terms: Terms): string {
  const shown = ind.values.some((v) => v.value !== undefined && v.unit === ind.unit && formatValue(v.value, v.unit) !== formatValue(v.value, ''));
  return ind.unit === undefined || ind.unit === '' || shown ? ind.name : `${ind.name}（${terms.unit}：${ind.unit}）`;
}

/**
 * The time points in the order the grid prints them: ascending when every one is a year in
 * figures (all `year`, or all `at` such as "2004"), since then the order is never in doubt;
 * else as they first appear in the data, never reordered as text.
 */
function gridOrder(values: readonly IndicatorValue[], timePoints: string[]): string[] {
  const allYears = values.every((v) => v.year !== undefined);
  const allFigures = values.every((v) => v.year === undefined && /^\d+$/u.test(v.timePoint ?? ''));
  if (!allYears && !allFigures) return timePoints;
  const key = (tp: string): number => {
    const v = values.find((x) => x.timePoint === tp);
    return v?.year ?? Number(tp);
  };
  return [...timePoints].sort((a, b) => key(a) - key(b));
}

/**
 * Pure: an indicator as a grid (labels × time points) when it is one in the data: every value
 * has a time point, some label has values at two or more, no label has two values at one time
 * point (a cell never holds two), and the time points fit the measure (MAX_GRID_TIME_POINTS).
 * Otherwise undefined, and it prints a row per value.
 */
export function indicatorGrid(ind: Indicator): IndicatorGrid | undefined {
  const labels: string[] = [];
  const timePoints: string[] = [];
  const pairs = new Set<string>();
  const perLabel = new Map<string, number>();
  for (const v of ind.values) {
    if (v.timePoint === undefined) return undefined;
    const pair = JSON.stringify([v.label, v.timePoint]);
    if (pairs.has(pair)) return undefined;
    pairs.add(pair);
    perLabel.set(v.label, (perLabel.get(v.label) ?? 0) + 1);
    if (!labels.includes(v.label)) labels.push(v.label);
    if (!timePoints.includes(v.timePoint)) timePoints.push(v.timePoint);
  }
  if (timePoints.length > MAX_GRID_TIME_POINTS || ![...perLabel.values()].some((n) => n >= 2)) return undefined;
  const columns = gridOrder(ind.values, timePoints);
  return {
    timePoints: columns,
    rows: labels.map((label) => ({
      label,
      cells: columns.map((tp) => {
        const v = ind.values.find((x) => x.label === label && x.timePoint === tp);
        return v === undefined ? { display: '―' } : cell(v, ind.unit, true);
      }),
    })),
  };
}

/** Pure: a project's indicators → one table, labels as columns when they fit, else one row per value. */
export function indicatorTable(indicators: readonly Indicator[], terms: Terms): IndicatorTable | undefined {
  if (indicators.length === 0) return undefined;
  const labels: string[] = [];
  let repeated = false;
  for (const ind of indicators) {
    const seen = new Set<string>();
    for (const v of ind.values) {
      if (seen.has(v.label)) repeated = true;
      seen.add(v.label);
      if (!labels.includes(v.label)) labels.push(v.label);
    }
  }
  if (!repeated && labels.length <= MAX_VALUE_COLUMNS) {
    return {
      layout: 'columns',
      labels,
      rows: indicators.map((ind) => ({
        name: indicatorName(ind, terms),
        ...opt('note', ind.note === undefined ? undefined : noteText(ind.note)),
        cells: labels.map((label) => {
          const v = ind.values.find((x) => x.label === label);
          return v ? cell(v, ind.unit) : { display: '―' };
        }),
      })),
    };
  }
  const all = indicators.flatMap((i) => i.values);
  const hasTimePoint = all.some((v) => v.timePoint !== undefined);
  const hasNote = all.some((v) => v.note !== undefined);
  return {
    layout: 'rows',
    hasTimePoint,
    hasNote,
    groups: indicators.map((ind) => ({
      name: indicatorName(ind, terms),
      ...opt('note', ind.note === undefined ? undefined : noteText(ind.note)),
      values: ind.values.map((v) => ({ label: v.label, ...cell(v, ind.unit) })),
      ...opt('grid', indicatorGrid(ind)),
    })),
  };
}

/** 企画経営課（内線2150）　電話 0422-45-1151　メール …　https://… — only what the data gives. */
export function contactText(c: Contact, terms: Terms): string {
  return [
    `${c.section}${c.extension !== undefined ? `（${terms.extension}${c.extension}）` : ''}`,
    ...(c.phone !== undefined ? [`${terms.phone} ${c.phone}`] : []),
    ...(c.email !== undefined ? [`${terms.email} ${c.email}`] : []),
    ...(c.web !== undefined ? [c.web] : []),
  ].join('　');
}

/** The 部の経営資源 rows the data supports; an empty list prints no heading and no table. */
export function resourceRows(d: Department, terms: Terms): LabelledRow[] {
  const r = d.resources;
  if (!r) return [];
  const rows: LabelledRow[] = [];
  if (r.organization !== undefined) rows.push({ label: terms.organization, content: r.organization });
  // Only labelled as what it is: the number of sections this booklet lists.
  else if (d.sections.length > 0) rows.push({ label: terms.sectionCount, content: `${d.sections.length}${terms.section}` });
  if (r.staff !== undefined) rows.push({ label: terms.staff, content: `${formatNumber(r.staff)}${terms.persons}` });
  const note = r.budgetNote !== undefined ? `（${r.budgetNote}）` : '';
  if (r.budget !== undefined) rows.push({ label: terms.departmentBudget, content: `${formatNumber(r.budget)}${r.budgetUnit}${note}` });
  else if (r.budgetNote !== undefined) rows.push({ label: terms.departmentBudget, content: r.budgetNote });
  return rows;
}

/** 担当 and 事業費 of a project, as one line of labelled values; empty when the data gives neither. */
export function projectFacts(p: Project, terms: Terms): LabelledRow[] {
  const rows: LabelledRow[] = [];
  if (p.section !== undefined) rows.push({ label: terms.responsible, content: p.section });
  const b = p.budget;
  if (b) {
    const amount = typeof b.amount === 'number' ? `${formatNumber(b.amount)}${b.unit ?? ''}` : b.unit !== undefined ? withOwnUnit(b.amount, b.unit) : b.amount;
    rows.push({ label: b.label, content: `${amount}${b.note !== undefined ? `（${b.note}）` : ''}` });
  }
  return rows;
}

/** The はじめに facts: what the edition is and what it lists, sums labelled as sums. */
export function factRows(e: Edition): LabelledRow[] {
  const { terms, totals } = e;
  return [
    { label: terms.fiscalYear, content: `${e.eraLabel}（${e.fiscalYear}年度）` },
    { label: terms.departmentCount, content: `${totals.departments}${terms.department}` },
    { label: terms.projectCount, content: `${totals.projects}${terms.projectUnit}` },
    ...(totals.staff !== undefined ? [{ label: terms.staffTotal, content: `${formatNumber(totals.staff)}${terms.persons}` }] : []),
    ...(totals.budget !== undefined ? [{ label: terms.budgetTotal, content: `${formatNumber(totals.budget)}${totals.budgetUnit ?? ''}` }] : []),
  ];
}

/** The digest's lead: the introduction with the addendum after its last paragraph (or as its own). */
export function digestLead(e: Edition): RichText {
  const blocks = [...e.introduction];
  const addendum = e.digest.addendum;
  if (addendum === undefined) return blocks;
  const last = blocks[blocks.length - 1];
  if (last?.kind === 'paragraph') blocks[blocks.length - 1] = { kind: 'paragraph', text: `${last.text}${addendum}` };
  else blocks.push({ kind: 'paragraph', text: addendum });
  return blocks;
}

/** The lines of the publisher block: issuing body, address, phone and web page (issued is printed apart). */
export function publisherLines(e: Edition): string[] {
  const p = e.publisher;
  const reach = [...(p.phone !== undefined ? [`${e.terms.phone} ${p.phone}`] : []), ...(p.web !== undefined ? [p.web] : [])];
  return [`${e.terms.publisher}　${p.name}`, ...(p.address !== undefined ? [p.address] : []), ...(reach.length > 0 ? [reach.join('　')] : [])];
}

export interface ProjectView extends Project {
  readonly facts: readonly LabelledRow[];
  readonly table?: IndicatorTable;
  /** The department's widest marker, so every project's marker box has its width. */
  readonly widestMarker: string;
}

export interface DepartmentView extends Department {
  readonly resourceRows: readonly LabelledRow[];
  readonly hasRoles: boolean;
  readonly hasStaff: boolean;
  readonly contactText?: string;
  readonly projects: readonly ProjectView[];
  /**
   * Nothing to print under the title band (no text, table, topic, project or contact): the
   * band gets a line saying so (terms.nothingListed), so it never stands alone at the
   * foot of a page or right above the next department's band, as if its content were lost.
   */
  readonly nothingListed: boolean;
}

export function departmentView(d: Department, terms: Terms): DepartmentView {
  const rows = resourceRows(d, terms);
  const nothingListed =
    d.mission.length + d.sections.length + rows.length + d.policy.length + d.specialTopics.length + d.projects.length === 0 && d.contact === undefined;
  return {
    ...d,
    nothingListed,
    resourceRows: rows,
    hasRoles: d.sections.some((s) => s.role !== undefined),
    hasStaff: d.sections.some((s) => s.staff !== undefined),
    ...opt('contactText', d.contact ? contactText(d.contact, terms) : undefined),
    projects: d.projects.map((p) => ({
      ...p,
      facts: projectFacts(p, terms),
      ...opt('table', indicatorTable(p.indicators, terms)),
      widestMarker: d.widestMarker,
    })),
  };
}
