import type { Department, Edition } from '../model/types.js';
import type { TargetKind } from '../render/renderTarget.js';
import { UsageError } from '../errors.js';

/**
 * What `--only` can name. `print` is the press-ready booklet, made from the same layout;
 * `html` the HTML edition (html/), made after the PDFs it links to.
 */
export const OUTPUT_KINDS = ['booklet', 'print', 'inserts', 'digest', 'html'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export interface JobOutputs {
  /** The screen PDF as typeset (inserts padded to an even page count). */
  readonly screen?: string;
  /** Press-ready: bleed, crop marks, boxes, CMYK, a multiple of 4 pages. */
  readonly print?: string;
  /** Printer's spreads for saddle stitching, from the print PDF. */
  readonly imposed?: string;
}

/** One typesetting pass and the files made from it. */
export interface Job {
  readonly kind: TargetKind;
  readonly department?: Department;
  readonly outputs: JobOutputs;
}

export interface JobRequest {
  readonly only?: readonly OutputKind[];
  readonly dept?: string;
  readonly impose?: 'saddle';
}

export function planJobs(edition: Edition, req: JobRequest): Job[] {
  if (req.dept !== undefined && !edition.departments.some((d) => d.id === req.dept)) {
    throw new UsageError(`--dept ${req.dept}: no such department; this edition has ${edition.departments.map((d) => d.id).join(', ')}`);
  }
  const only = new Set<OutputKind>(req.only ?? (req.dept !== undefined ? ['inserts'] : OUTPUT_KINDS));
  const jobs: Job[] = [];
  const booklet: JobOutputs = {
    ...(only.has('booklet') ? { screen: 'booklet.pdf' } : {}),
    ...(only.has('print') || req.impose ? { print: 'booklet-print.pdf' } : {}),
    ...(req.impose ? { imposed: 'booklet-imposed.pdf' } : {}),
  };
  if (Object.keys(booklet).length > 0) jobs.push({ kind: 'booklet', outputs: booklet });
  if (only.has('inserts')) {
    for (const d of edition.departments) {
      if (req.dept === undefined || d.id === req.dept) jobs.push({ kind: 'insert', department: d, outputs: { screen: `inserts/${d.fileTag}.pdf` } });
    }
  }
  if (only.has('digest')) jobs.push({ kind: 'digest', outputs: { screen: 'digest.pdf' } });
  return jobs;
}
