// The typed edition every later stage reads. Derived values (era label, numbering, file
// tags, totals) are computed once here so templates and typesetting never recompute them.

export type EditionStatus = 'draft' | 'final' | 'sample';

/** A text split into paragraphs at blank lines; line breaks inside a paragraph removed. */
export type Paragraphs = readonly string[];

export interface IndicatorValue {
  readonly value: number | string;
  readonly year?: number;
}

export interface Indicator {
  readonly name: string;
  readonly unit?: string;
  readonly baseline?: IndicatorValue;
  readonly target: IndicatorValue;
}

export interface Project {
  /** 1-based position within the department. */
  readonly number: number;
  /** ①, ②, … ⑳, ㉑ … */
  readonly marker: string;
  readonly title: string;
  readonly summary: Paragraphs;
  readonly indicators: readonly Indicator[];
}

export interface Section {
  readonly name: string;
  readonly role: string;
  readonly staff?: number;
}

export interface Resources {
  readonly staff?: number;
  /** Thousands of yen. */
  readonly budget?: number;
  readonly budgetNote?: string;
  readonly sectionCount: number;
}

export interface Topic {
  readonly title: string;
  readonly body: Paragraphs;
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
  readonly mission: Paragraphs;
  readonly sections: readonly Section[];
  readonly resources?: Resources;
  readonly policy: Paragraphs;
  readonly specialTopics: readonly Topic[];
  readonly projects: readonly Project[];
}

export interface Contact {
  readonly section: string;
  readonly extension?: string;
  readonly phone?: string;
}

export interface Distribution {
  readonly handedOut: readonly string[];
  readonly readAt: readonly string[];
  readonly online?: string;
}

export interface DigestText {
  readonly eraLines: readonly string[];
  readonly kicker?: string;
  readonly headline: string;
  readonly addendum?: string;
}

export interface Totals {
  readonly departments: number;
  readonly projects: number;
  readonly staff?: number;
  readonly budget?: number;
}

export interface Edition {
  readonly fiscalYear: number;
  readonly eraLabel: string;
  readonly status: EditionStatus;
  readonly city: string;
  readonly title: string;
  /** YYYY-MM-DD as the data gives it; printed on the back cover only when given. */
  readonly issueDate?: string;
  /** YYYY-MM-DD stamped into every PDF: the issue date, or April 1 of the fiscal year. */
  readonly documentDate: string;
  readonly introduction: Paragraphs;
  readonly contact: Contact;
  readonly distribution: Distribution;
  readonly digest: DigestText;
  readonly departments: readonly Department[];
  readonly totals: Totals;
}
