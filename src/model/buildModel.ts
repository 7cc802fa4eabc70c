import type { DepartmentFile, EditionFile } from '../load/schema.js';
import { circledNumber } from './circled.js';
import { fiscalYearLabel } from './era.js';
import { toParagraphs } from './paragraphs.js';
import type { Department, Edition, Project, Resources, Totals } from './types.js';

export interface ModelInput {
  readonly edition: EditionFile;
  readonly departments: readonly { readonly id: string; readonly data: DepartmentFile }[];
}

/** Pure: validated data → the typed, numbered Edition. */
export function buildModel(input: ModelInput): Edition {
  const e = input.edition;
  const departments = input.departments.map((d, i) => buildDepartment(d.id, d.data, i + 1));
  return {
    fiscalYear: e.fiscalYear,
    eraLabel: e.eraLabel ?? fiscalYearLabel(e.fiscalYear),
    status: e.status ?? 'draft',
    city: e.city,
    title: e.title,
    ...(e.issueDate !== undefined ? { issueDate: e.issueDate } : {}),
    // April 1 starts the fiscal year: a stable PDF date when the data names no issue date.
    documentDate: e.issueDate ?? `${String(e.fiscalYear).padStart(4, '0')}-04-01`,
    introduction: toParagraphs(e.introduction),
    contact: { ...e.contact },
    distribution: {
      handedOut: [...e.distribution.handedOut],
      readAt: [...(e.distribution.readAt ?? [])],
      ...(e.distribution.online !== undefined ? { online: e.distribution.online } : {}),
    },
    digest: {
      eraLines: e.digest?.eraLines ?? [e.eraLabel ?? fiscalYearLabel(e.fiscalYear)],
      headline: e.digest?.headline ?? `「${e.title}」を策定しました`,
      ...(e.digest?.kicker !== undefined ? { kicker: e.digest.kicker } : {}),
      ...(e.digest?.addendum !== undefined ? { addendum: e.digest.addendum } : {}),
    },
    departments,
    totals: totals(departments),
  };
}

function buildDepartment(id: string, d: DepartmentFile, number: number): Department {
  const sections = (d.sections ?? []).map((s) => ({ ...s }));
  const projects: Project[] = d.projects.map((p, i) => ({
    number: i + 1,
    marker: circledNumber(i + 1),
    title: p.title,
    summary: toParagraphs(p.summary),
    indicators: (p.indicators ?? []).map((ind) => ({ ...ind })),
  }));
  const resources: Resources | undefined =
    d.resources || sections.length > 0
      ? { ...(d.resources ?? {}), sectionCount: sections.length }
      : undefined;
  return {
    id,
    number,
    fileTag: `${String(number).padStart(2, '0')}-${id}`,
    anchor: `dept-${id}`,
    name: d.name,
    mission: toParagraphs(d.mission),
    sections,
    ...(resources ? { resources } : {}),
    policy: toParagraphs(d.policy),
    specialTopics: (d.specialTopics ?? []).map((t) => ({ title: t.title, body: toParagraphs(t.body) })),
    projects,
  };
}

function totals(departments: readonly Department[]): Totals {
  const sum = (pick: (d: Department) => number | undefined): number | undefined => {
    const values = departments.map(pick);
    // A total is only honest when every department gave the figure.
    return values.every((v) => v !== undefined) && values.length > 0
      ? values.reduce<number>((a, v) => a + (v ?? 0), 0)
      : undefined;
  };
  const staff = sum((d) => d.resources?.staff);
  const budget = sum((d) => d.resources?.budget);
  return {
    departments: departments.length,
    projects: departments.reduce((n, d) => n + d.projects.length, 0),
    ...(staff !== undefined ? { staff } : {}),
    ...(budget !== undefined ? { budget } : {}),
  };
}
