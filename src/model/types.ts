// The typed edition every later stage reads. Derived values (era label, numbering, file
// tags, terms, time points) are computed once here so templates and typesetting never
// recompute them. Everything optional in the data stays optional here: a later stage
// prints a sentence, label or row only when its value is present.

import type {
  BudgetUnit,
  ContactData,
  DepartmentFile,
  DigestData,
  DistributionData,
  EditionFile,
  EditionStatus,
  IndicatorData,
  IndicatorValueData,
  Numbering,
  ProjectBudgetData,
  ProjectData,
  PublisherData,
  ResourcesData,
  SectionData,
  SpecialTopicData,
  TermKey,
} from '../load/schema.js';

export type { BudgetUnit, EditionStatus, Numbering, TermKey };

/** One paragraph of running text (line breaks resolved, see model/text.ts). */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
}

/** Consecutive lines that started with a list mark (・, ①, (1) …). */
export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly ListItem[];
}

export interface ListItem {
  /** The mark as the editor wrote it: ・, ①, （1）, ※ … */
  readonly marker: string;
  readonly text: string;
}

export type TextBlock = ParagraphBlock | ListBlock;

/** A multi-paragraph text (mission, policy, summary, topic body, introduction), in order. */
export type RichText = readonly TextBlock[];

/** Every word the templates print that is not data (see TERM_DEFAULTS in load/schema.ts). */
export type Terms = Readonly<Record<TermKey, string>>;

/**
 * A shape of the data as the model holds it: read-only, with the fields of `R` put in
 * place of the data's own (their derived form) or added. The data's fields come from the
 * schema (load/schema.ts), so a field added there reaches every stage without a second
 * declaration here.
 */
type Modelled<T, R = object> = Readonly<Omit<T, keyof R>> & Readonly<R>;

export type IndicatorValue = Modelled<
  Omit<IndicatorValueData, 'at'>,
  {
    /** 基準値, 現状値, 目標値 …: the data's label, or terms.baseline / terms.target for the legacy keys. */
    label: string;
    /**
     * The time point as printed: `year` 2016 → 2016年度, `at` verbatim (2016年, H27〜30 …);
     * absent when the data gives neither.
     */
    timePoint?: string;
  }
>;

export type Indicator = Modelled<
  Pick<IndicatorData, 'name' | 'unit' | 'note'>,
  {
    /** baseline, then `values` in order, then target. Never empty. */
    values: readonly IndicatorValue[];
  }
>;

export type ProjectBudget = Modelled<
  Extract<ProjectBudgetData, object>,
  {
    /** 事業費 unless the data names it (予算額 …). */
    label: string;
    /** For a number: the given unit, else the department's budgetUnit (default 千円); for a text only a given unit. */
    unit?: string;
  }
>;

export type Project = Modelled<
  ProjectData,
  {
    /** 1-based position within the department. */
    number: number;
    /** ①, (1), 1. … in the department's one numbering style; '' for `numbering: none`. */
    marker: string;
    summary: RichText;
    budget?: ProjectBudget;
    indicators: readonly Indicator[];
  }
>;

export type Section = Modelled<SectionData>;

export type DepartmentResources = Modelled<
  ResourcesData,
  {
    /** Unit of `budget` and of the department's plain-number project budgets. */
    budgetUnit: BudgetUnit;
  }
>;

export type Topic = Modelled<SpecialTopicData, { body: RichText }>;

export type Contact = Modelled<ContactData>;

export type Department = Modelled<
  DepartmentFile,
  {
    id: string;
    /** 1-based position in the edition's order. */
    number: number;
    /** `NN-<id>`: the insert's file name without extension. */
    fileTag: string;
    /** Anchor used for 目次 page references and bookmarks. */
    anchor: string;
    /** The insert's document title, e.g. 企画部の運営方針と目標 (from the edition title and terms). */
    documentTitle: string;
    mission: RichText;
    sections: readonly Section[];
    /** Absent when the data has no `resources`. */
    resources?: DepartmentResources;
    policy: RichText;
    specialTopics: readonly Topic[];
    /** The department's own contact, when the data gives one. */
    contact?: Contact;
    /** May be empty (a warning says so at load). */
    projects: readonly Project[];
    /** The widest of its projects' markers: the marker box is sized to it, so no marker wraps. */
    widestMarker: string;
  }
>;

export type Distribution = Modelled<DistributionData, { handedOut: readonly string[]; readAt: readonly string[] }>;

export type Publisher = Modelled<
  PublisherData,
  {
    /** The issuing body: the data's `publisher.name`, else the city. */
    name: string;
    /** 発行年月 as printed: the data's text, else derived from issueDate (平成30年7月), else absent. */
    issued?: string;
    /** The data has a `publisher` block (then it is also printed on the inserts). */
    given: boolean;
  }
>;

export type DigestText = Modelled<DigestData, { eraLines: readonly string[]; headline: string }>;

/** Counts of what the edition lists, and sums only when every department states the figure. */
export interface Totals {
  readonly departments: number;
  readonly projects: number;
  readonly staff?: number;
  /** In `budgetUnit`: the smallest unit any department uses, so the sum is exact. */
  readonly budget?: number;
  readonly budgetUnit?: BudgetUnit;
}

export type Edition = Modelled<
  EditionFile,
  {
    eraLabel: string;
    /** YYYY-MM-DD stamped into every PDF: the issue date, or April 1 of the fiscal year. */
    documentDate: string;
    introduction: RichText;
    /** The editing section; absent when the data gives none. */
    contact?: Contact;
    distribution: Distribution;
    publisher: Publisher;
    terms: Terms;
    numbering: Numbering;
    digest: DigestText;
    departments: readonly Department[];
    totals: Totals;
  }
>;
