import type { DepartmentFile, IndicatorData, IndicatorValueData, LabelledValue } from '../load/schema.js';
import { INDICATORS, PROJECTS, SECTIONS, TOPICS, type Column, type ValueKindLabel } from './layout.js';

/** What one cell is written with: text stays text ("0312"), a number stays a number. */
export type Out = string | number | undefined;

/** The department as the rows of its workbook, each row's cells in the layout's column order. */
export interface DepartmentRows {
  /** Form field key → value. */
  readonly form: ReadonlyMap<string, Out>;
  readonly sections: readonly Out[][];
  readonly topics: readonly Out[][];
  readonly projects: readonly Out[][];
  readonly indicators: readonly Out[][];
}

type Cells = { readonly [key: string]: Out };

const row = (columns: readonly Column[], cells: Cells): Out[] => columns.map((c) => cells[c.key]);

/**
 * Pure: a department's data → its workbook rows, the exact inverse of readDepartment:
 * each value goes into one cell as it is. Projects are numbered 1, 2, … in order; each
 * indicator takes one row per value (baseline first, then its labelled values, then the
 * target), its name and unit on the first row only.
 */
export function departmentRows(id: string, fiscalYear: number, d: DepartmentFile): DepartmentRows {
  const r = d.resources;
  const c = d.contact;
  const form = new Map<string, Out>([
    ['id', id],
    ['fiscalYear', fiscalYear],
    ['name', d.name],
    ['mission', d.mission],
    ['policy', d.policy],
    ['resources.staff', r?.staff],
    ['resources.budget', r?.budget],
    ['resources.budgetUnit', r?.budgetUnit],
    ['resources.budgetNote', r?.budgetNote],
    ['resources.organization', r?.organization],
    ['contact.section', c?.section],
    ['contact.extension', c?.extension],
    ['contact.phone', c?.phone],
    ['contact.email', c?.email],
    ['contact.web', c?.web],
  ]);
  const sections = (d.sections ?? []).map((s) => row(SECTIONS.fields, { name: s.name, role: s.role, staff: s.staff }));
  const topics = (d.specialTopics ?? []).map((t) => row(TOPICS.fields, { title: t.title, body: t.body }));
  const projects: Out[][] = [];
  const indicators: Out[][] = [];
  (d.projects ?? []).forEach((p, i) => {
    const no = i + 1;
    const b = p.budget;
    const budget: Cells =
      typeof b === 'object'
        ? { 'budget.amount': b.amount, 'budget.unit': b.unit, 'budget.label': b.label, 'budget.note': b.note }
        : { 'budget.amount': b };
    projects.push(row(PROJECTS.fields, { no, title: p.title, summary: p.summary, section: p.section, ...budget }));
    for (const ind of p.indicators ?? []) indicators.push(...indicatorRows(no, ind));
  });
  return { form, sections, topics, projects, indicators };
}

function indicatorRows(project: number, ind: IndicatorData): Out[][] {
  const values: [ValueKindLabel, IndicatorValueData | LabelledValue][] = [
    ...(ind.baseline ? [['現状値', ind.baseline] as [ValueKindLabel, IndicatorValueData]] : []),
    ...(ind.values ?? []).map((v) => ['区分つき', v] as [ValueKindLabel, LabelledValue]),
    ...(ind.target ? [['目標値', ind.target] as [ValueKindLabel, IndicatorValueData]] : []),
  ];
  return values.map(([kind, v], i) =>
    row(INDICATORS.fields, {
      project,
      ...(i === 0 ? { 'indicator.name': ind.name, 'indicator.unit': ind.unit, 'indicator.note': ind.note } : {}),
      'value.kind': kind,
      'value.label': 'label' in v ? v.label : undefined,
      'value.value': v.value,
      'value.unit': v.unit,
      'value.year': v.year,
      'value.at': v.at,
      'value.note': v.note,
    }),
  );
}
