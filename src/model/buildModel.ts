import type { ContactData, DepartmentFile, EditionFile, IndicatorData, IndicatorValueData, ProjectData } from '../load/schema.js';
import { eraMonthLabel, fiscalYearLabel } from './era.js';
import { marker, styleFor } from './numbering.js';
import { opt } from './optional.js';
import { departmentDocumentTitle, resolveTerms } from './terms.js';
import { oneLine, toRichText } from './text.js';
import type {
  BudgetUnit,
  Contact,
  Department,
  Edition,
  Indicator,
  IndicatorValue,
  Numbering,
  Project,
  ProjectBudget,
  DepartmentResources,
  Terms,
  Totals,
} from './types.js';

export interface ModelInput {
  readonly edition: EditionFile;
  readonly departments: readonly { readonly id: string; readonly data: DepartmentFile }[];
  /** The project's terms (booklet.config.yaml), which the edition's own override key by key. */
  readonly projectTerms?: EditionFile['terms'];
}

/** Yen per unit: sums across departments are taken in the smallest unit, so they stay exact. */
export const YEN_PER_UNIT: Readonly<Record<BudgetUnit, number>> = { 円: 1, 千円: 1000, 万円: 10_000, 百万円: 1_000_000 };
export const DEFAULT_BUDGET_UNIT: BudgetUnit = '千円';

/** Pure: validated data → the typed, numbered Edition. */
export function buildModel(input: ModelInput): Edition {
  const e = input.edition;
  const terms = resolveTerms(input.projectTerms ? { ...input.projectTerms, ...e.terms } : e.terms);
  const numbering: Numbering = e.numbering ?? 'auto';
  const title = oneLine(e.title);
  const eraLabel = oneLine(e.eraLabel) ?? fiscalYearLabel(e.fiscalYear);
  // 通し番号: one list through the booklet, so one style for all of it (chosen on the total)
  // and each department's numbers start where the one before it stopped.
  const counts = input.departments.map((d) => d.data.projects?.length ?? 0);
  const through = e.continuousNumbering === true;
  // starts[i]: projects before department i.
  const starts = [0];
  for (const n of counts) starts.push(starts.at(-1)! + n);
  const total = starts.at(-1)!;
  const departments = input.departments.map((d, i) =>
    buildDepartment(d.id, d.data, i + 1, {
      terms,
      numbering,
      editionTitle: title,
      ...(through ? { firstNumber: 1 + starts[i]!, styleCount: total } : {}),
    }),
  );
  const p = e.publisher;
  const issued = oneLine(p?.issued) ?? (e.issueDate !== undefined ? eraMonthLabel(e.issueDate) : undefined);
  return {
    fiscalYear: e.fiscalYear,
    eraLabel,
    status: e.status ?? 'draft',
    city: oneLine(e.city),
    title,
    ...opt('issueDate', e.issueDate),
    // April 1 starts the fiscal year: a stable PDF date when the data names no issue date.
    documentDate: e.issueDate ?? `${String(e.fiscalYear).padStart(4, '0')}-04-01`,
    introduction: toRichText(e.introduction),
    ...opt('contact', contactOf(e.contact)),
    distribution: {
      handedOut: (e.distribution?.handedOut ?? []).map((s) => oneLine(s)),
      readAt: (e.distribution?.readAt ?? []).map((s) => oneLine(s)),
      ...opt('online', oneLine(e.distribution?.online)),
    },
    publisher: {
      name: oneLine(p?.name) ?? oneLine(e.city),
      ...opt('address', oneLine(p?.address)),
      ...opt('phone', oneLine(p?.phone)),
      ...opt('web', oneLine(p?.web)),
      ...opt('issued', issued),
      given: p !== undefined,
    },
    terms,
    numbering,
    digest: {
      eraLines: (e.digest?.eraLines ?? eraLines(eraLabel)).map((s) => oneLine(s)),
      // The title itself: a headline of news (「…」を策定しました) is the editor's to write,
      // the data does not say what happened. The year is in the badge beside it.
      headline: oneLine(e.digest?.headline) ?? title,
      ...opt('kicker', oneLine(e.digest?.kicker)),
      ...opt('addendum', oneLine(e.digest?.addendum)),
    },
    departments,
    totals: totals(departments),
  };
}

/** The digest's corner badge is narrow: 令和2年度 is set as 令和 / 2年度, as the 2020 newsletter does. */
function eraLines(label: string): string[] {
  const m = /^(明治|大正|昭和|平成|令和)(.+)$/u.exec(label);
  return m ? [m[1]!, m[2]!] : [label];
}

function contactOf(c: ContactData | undefined): Contact | undefined {
  if (!c) return undefined;
  return {
    section: oneLine(c.section),
    ...opt('extension', oneLine(c.extension)),
    ...opt('phone', oneLine(c.phone)),
    ...opt('email', oneLine(c.email)),
    ...opt('web', oneLine(c.web)),
  };
}

interface DepartmentContext {
  readonly terms: Terms;
  readonly numbering: Numbering;
  readonly editionTitle: string;
  /** The number of the department's first project: 1, or where the one before stopped (continuousNumbering). */
  readonly firstNumber?: number;
  /** How many projects the numbering style is chosen for: the department's, or the whole booklet's. */
  readonly styleCount?: number;
}

function buildDepartment(id: string, d: DepartmentFile, number: number, ctx: DepartmentContext): Department {
  const name = oneLine(d.name);
  const budgetUnit = d.resources?.budgetUnit ?? DEFAULT_BUDGET_UNIT;
  const projectData = d.projects ?? [];
  const style = styleFor(ctx.numbering, ctx.styleCount ?? projectData.length);
  const first = ctx.firstNumber ?? 1;
  const projects = projectData.map((p, i) => buildProject(p, marker(style, first + i), i + 1, budgetUnit, ctx.terms));
  const r = d.resources;
  const resources: DepartmentResources | undefined = r
    ? {
        ...opt('staff', r.staff),
        ...opt('budget', r.budget),
        budgetUnit,
        ...opt('budgetNote', oneLine(r.budgetNote)),
        ...opt('organization', oneLine(r.organization)),
      }
    : undefined;
  return {
    id,
    number,
    fileTag: `${String(number).padStart(2, '0')}-${id}`,
    anchor: `dept-${id}`,
    name,
    documentTitle: departmentDocumentTitle(ctx.editionTitle, name, ctx.terms),
    mission: toRichText(d.mission),
    sections: (d.sections ?? []).map((s) => ({
      name: oneLine(s.name),
      ...opt('role', oneLine(s.role)),
      ...opt('staff', s.staff),
    })),
    ...opt('resources', resources),
    policy: toRichText(d.policy),
    specialTopics: (d.specialTopics ?? []).map((t) => ({ title: oneLine(t.title), body: toRichText(t.body) })),
    ...opt('contact', contactOf(d.contact)),
    projects,
    widestMarker: projects.length > 0 ? marker(style, projects.length) : '',
  };
}

function buildProject(p: ProjectData, mark: string, number: number, budgetUnit: BudgetUnit, terms: Terms): Project {
  return {
    number,
    marker: mark,
    title: oneLine(p.title),
    summary: toRichText(p.summary),
    ...opt('section', oneLine(p.section)),
    ...opt('budget', projectBudget(p.budget, budgetUnit, terms)),
    indicators: (p.indicators ?? []).map((ind) => buildIndicator(ind, terms)),
  };
}

function projectBudget(b: ProjectData['budget'], budgetUnit: BudgetUnit, terms: Terms): ProjectBudget | undefined {
  if (b === undefined) return undefined;
  if (typeof b === 'number') return { label: terms.budget, amount: b, unit: budgetUnit };
  const amount = typeof b.amount === 'string' ? oneLine(b.amount) : b.amount;
  // A text amount (約12億円) is printed as written: only a unit the data names is added.
  const unit = b.unit ?? (typeof amount === 'number' ? budgetUnit : undefined);
  return { label: oneLine(b.label) ?? terms.budget, amount, ...opt('unit', unit), ...opt('note', oneLine(b.note)) };
}

/** 2016 (a fiscal year) → 2016年度; `at` exactly as written. A calendar year is never made a 年度. */
export function timePointOf(v: { readonly year?: number | undefined; readonly at?: string | undefined }): string | undefined {
  if (v.year !== undefined) return `${v.year}年度`;
  return oneLine(v.at);
}

function valueOf(v: IndicatorValueData, label: string, indicatorUnit: string | undefined): IndicatorValue {
  const unit = oneLine(v.unit) ?? indicatorUnit;
  return {
    label: oneLine(label),
    ...opt('value', typeof v.value === 'string' ? oneLine(v.value) : v.value),
    ...opt('unit', unit),
    ...opt('year', v.year),
    ...opt('timePoint', timePointOf(v)),
    ...opt('note', oneLine(v.note)),
  };
}

function buildIndicator(ind: IndicatorData, terms: Terms): Indicator {
  const unit = oneLine(ind.unit);
  const values: IndicatorValue[] = [
    ...(ind.baseline ? [valueOf(ind.baseline, terms.baseline, unit)] : []),
    ...(ind.values ?? []).map((v) => valueOf(v, v.label, unit)),
    ...(ind.target ? [valueOf(ind.target, terms.target, unit)] : []),
  ];
  return { name: oneLine(ind.name), ...opt('unit', unit), ...opt('note', oneLine(ind.note)), values };
}

function totals(departments: readonly Department[]): Totals {
  const all = <T>(pick: (d: Department) => T | undefined): T[] | undefined => {
    const values = departments.map(pick);
    // A total is only honest when every department gave the figure.
    return values.length > 0 && values.every((v) => v !== undefined) ? (values as T[]) : undefined;
  };
  const staff = all((d) => d.resources?.staff)?.reduce((a, b) => a + b, 0);
  const budgets = all((d) => (d.resources?.budget !== undefined ? { amount: d.resources.budget, unit: d.resources.budgetUnit } : undefined));
  let budget: { amount: number; unit: BudgetUnit } | undefined;
  if (budgets) {
    const unit = budgets.map((b) => b.unit).reduce((a, b) => (YEN_PER_UNIT[b] < YEN_PER_UNIT[a] ? b : a));
    const amount = budgets.reduce((sum, b) => sum + b.amount * (YEN_PER_UNIT[b.unit] / YEN_PER_UNIT[unit]), 0);
    // Past 2^53 the sum would no longer be the exact figure: then there is no total.
    if (Number.isSafeInteger(amount)) budget = { amount, unit };
  }
  return {
    departments: departments.length,
    projects: departments.reduce((n, d) => n + d.projects.length, 0),
    ...opt('staff', staff),
    ...(budget ? { budget: budget.amount, budgetUnit: budget.unit } : {}),
  };
}
