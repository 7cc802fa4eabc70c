import type { Edition } from '../model/types.js';
import type { DocumentInfo } from '../typeset/toDocDefinition.js';
import { sha256 } from './manifest.js';
import type { Job } from './targets.js';

/** Printed behind every page of an edition in this status; a final edition has none. */
const WATERMARKS: Readonly<Record<Edition['status'], string | undefined>> = { draft: '校正', sample: '見本', final: undefined };

/** What a document says about itself besides its pages: PDF metadata, running head and watermark. */
export interface DocumentFacts {
  readonly info: DocumentInfo;
  /** The left-hand running head: the edition's name. */
  readonly editionHead: string;
  /** 校正 or 見本 behind every page; absent for a final edition. */
  readonly watermark?: string;
}

/** The edition's name as running heads and the press slug print it. */
export function editionHead(edition: Edition): string {
  return `${edition.eraLabel}　${edition.title}`;
}

/**
 * The digest's title: its headline and the year in brackets as wide as the headline's own
 * (各部(局)の… keeps (令和6年度); any other Japanese headline takes （令和6年度）, as the
 * inserts' 「総務課（業務目標）」 do), so one edition's titles never mix the two.
 */
export function digestTitle(headline: string, eraLabel: string): string {
  return /[()]/u.test(headline) && !/[（）]/u.test(headline) ? `${headline}(${eraLabel})` : `${headline}（${eraLabel}）`;
}

/**
 * The one place PDF metadata comes from (Info, XMP and the /ID's digest; the print and
 * imposed PDFs take theirs from the screen PDF). `markup` is the document's content and
 * `resources` the digest of the templates, theme and fonts: what the file shows and how,
 * so an unchanged insert keeps its bytes when another department's data changes, and two
 * different documents never share an /ID.
 */
export function documentFacts(edition: Edition, job: Job, markup: string, tool: { readonly version: string; readonly resources: string }): DocumentFacts {
  const subject = `${edition.eraLabel} ${job.department ? job.department.documentTitle : edition.title}`;
  return {
    info: {
      title: job.kind === 'digest' ? digestTitle(edition.digest.headline, edition.eraLabel) : subject,
      author: edition.city,
      subject,
      keywords: [edition.city, edition.title, edition.eraLabel, ...(job.department ? [job.department.name] : [])].join(', '),
      creator: `plan-booklet ${tool.version}`,
      issueDate: edition.documentDate,
      sourceDigest: sha256(`${job.kind}:${job.department?.id ?? ''}\n${tool.resources}\n${markup}`),
      coverage: `${edition.eraLabel} (FY${edition.fiscalYear})`,
    },
    editionHead: editionHead(edition),
    ...(WATERMARKS[edition.status] ? { watermark: WATERMARKS[edition.status]! } : {}),
  };
}
