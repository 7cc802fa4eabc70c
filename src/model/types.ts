// The typed edition every later stage reads. Derived values (era label, numbering, file
// tags, terms, time points) are computed once here so templates and typesetting never
// recompute them. Everything optional in the data stays optional here: a later stage
// prints a sentence, label or row only when its value is present.

import type { BudgetUnit, EditionStatus, Numbering, TermKey } from '../load/schema.js';

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

export interface IndicatorValue {
  /** 基準値, 現状値, 目標値 …: the data's label, or terms.baseline / terms.target for the legacy keys. */
  readonly label: string;
  /** Absent: the data gives no value (printed ―). */
  readonly value?: number | string;
  /** The value's own unit, else the indicator's. */
  readonly unit?: string;
  /** A fiscal year from `year`. */
  readonly year?: number;
  /**
   * The time point as printed: `year` 2016 → 2016年度, `at` verbatim (2016年, H27〜30 …);
   * absent when the data gives neither.
   */
  readonly timePoint?: string;
  readonly note?: string;
}

export interface Indicator {
  readonly name: string;
  readonly unit?: string;
  readonly note?: string;
  /** baseline, then `values` in order, then target. Never empty. */
  readonly values: readonly IndicatorValue[];
}

export interface ProjectBudget {
  /** 事業費 unless the data names it (予算額 …). */
  readonly label: string;
  readonly amount: number | string;
  /** For a number: the given unit, else the department's budgetUnit (default 千円); for a text only a given unit. */
  readonly unit?: string;
  readonly note?: string;
}

export interface Project {
  /** 1-based position within the department. */
  readonly number: number;
  /** ①, (1), 1. … in the department's one numbering style; '' for `numbering: none`. */
  readonly marker: string;
  readonly title: string;
  readonly summary: RichText;
  /** The responsible section (担当). */
  readonly section?: string;
  readonly budget?: ProjectBudget;
  readonly indicators: readonly Indicator[];
}

export interface Section {
  readonly name: string;
  readonly role?: string;
  readonly staff?: number;
}

export interface DepartmentResources {
  readonly staff?: number;
  readonly budget?: number;
  /** Unit of `budget` and of the department's plain-number project budgets. */
  readonly budgetUnit: BudgetUnit;
  readonly budgetNote?: string;
  /** 組織 as the data states it (4課1室). */
  readonly organization?: string;
}

export interface Topic {
  readonly title: string;
  readonly body: RichText;
}

export interface Contact {
  readonly section: string;
  readonly extension?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly web?: string;
}

export interface Department {
  readonly id: string;
  /** 1-based position in the edition's order. */
  readonly number: number;
  /** `NN-<id>`: the insert's file name without extension. */
  readonly fileTag: string;
  /** Anchor used for 目次 page references and bookmarks. */
  readonly anchor: string;
  readonly name: string;
  /** The insert's document title, e.g. 企画部の運営方針と目標 (from the edition title and terms). */
  readonly documentTitle: string;
  readonly mission: RichText;
  readonly sections: readonly Section[];
  /** Absent when the data has no `resources`. */
  readonly resources?: DepartmentResources;
  readonly policy: RichText;
  readonly specialTopics: readonly Topic[];
  /** The department's own contact, when the data gives one. */
  readonly contact?: Contact;
  /** May be empty (a warning says so at load). */
  readonly projects: readonly Project[];
  /** The widest of its projects' markers: the marker box is sized to it, so no marker wraps. */
  readonly widestMarker: string;
}

export interface Distribution {
  readonly handedOut: readonly string[];
  readonly readAt: readonly string[];
  readonly online?: string;
}

export interface Publisher {
  /** The issuing body: the data's `publisher.name`, else the city. */
  readonly name: string;
  readonly address?: string;
  readonly phone?: string;
  readonly web?: string;
  /** 発行年月 as printed: the data's text, else derived from issueDate (平成30年7月), else absent. */
  readonly issued?: string;
  /** The data has a `publisher` block (then it is also printed on the inserts). */
  readonly given: boolean;
}

export interface DigestText {
  readonly eraLines: readonly string[];
  readonly kicker?: string;
  readonly headline: string;
  readonly addendum?: string;
}

/** Counts of what the edition lists, and sums only when every department states the figure. */
export interface Totals {
  readonly departments: number;
  readonly projects: number;
  readonly staff?: number;
  /** In `budgetUnit`: the smallest unit any department uses, so the sum is exact. */
  readonly budget?: number;
  readonly budgetUnit?: BudgetUnit;
}

export interface Edition {
  readonly fiscalYear: number;
  readonly eraLabel: string;
  readonly status: EditionStatus;
  readonly city: string;
  readonly title: string;
  /** YYYY-MM-DD as the data gives it. */
  readonly issueDate?: string;
  /** YYYY-MM-DD stamped into every PDF: the issue date, or April 1 of the fiscal year. */
  readonly documentDate: string;
  readonly introduction: RichText;
  /** The editing section; absent when the data gives none. */
  readonly contact?: Contact;
  readonly distribution: Distribution;
  readonly publisher: Publisher;
  readonly terms: Terms;
  readonly numbering: Numbering;
  readonly digest: DigestText;
  readonly departments: readonly Department[];
  readonly totals: Totals;
}
