import { join } from 'node:path';
import { BookletError, DataError, UsageError } from '../errors.js';
import { formatPath } from '../load/formatPath.js';
import { loadEdition } from '../load/index.js';
import type { Diagnostic } from '../load/diagnostic.js';
import { buildModel } from '../model/buildModel.js';
import { nodeFileSystem } from '../emit/fileSystem.js';
import { replaceFiles } from '../emit/replaceFiles.js';
import { writeWorkbook } from './writeWorkbook.js';
import type { EditionFile } from '../load/schema.js';

export interface TemplatesRequest {
  /** The edition folder as the loader reads it. */
  readonly editionDir: string;
  /** Absolute folder for the workbooks. */
  readonly outDir: string;
  readonly dept?: string;
  /** The city project's terms (booklet.config.yaml), which the edition's own override. */
  readonly projectTerms?: EditionFile['terms'];
}

export interface WrittenTemplate {
  /** `NN-<id>.xlsx` */
  readonly name: string;
  readonly bytes: number;
}

/**
 * One workbook per department of the edition (or the one --dept names), prefilled with
 * its data, written into `outDir` as one set: `NN-<id>.xlsx`, numbered as the inserts.
 */
export async function writeTemplates(req: TemplatesRequest): Promise<{ files: WrittenTemplate[]; warnings: Diagnostic[] }> {
  const loaded = await loadEdition(req.editionDir);
  if (!loaded.ok) throw new DataError(loaded.diagnostics, loaded.sources);
  const edition = buildModel(req.projectTerms ? { ...loaded.edition, projectTerms: req.projectTerms } : loaded.edition);
  const departments = loaded.edition.departments;
  if (req.dept !== undefined && !departments.some((d) => d.id === req.dept)) {
    throw new UsageError(`--dept ${req.dept}: no such department; this edition has ${departments.map((d) => d.id).join(', ')}`);
  }
  for (const d of departments) {
    if (req.dept === undefined || d.id === req.dept) refuseOverlongTexts(d.file, d.data);
  }
  const files: { path: string; bytes: Uint8Array; name: string }[] = [];
  for (const [i, d] of departments.entries()) {
    if (req.dept !== undefined && d.id !== req.dept) continue;
    const bytes = await writeWorkbook({ id: d.id, department: d.data, edition });
    const name = `${edition.departments[i]!.fileTag}.xlsx`;
    files.push({ path: join(req.outDir, name), bytes, name });
  }
  await replaceFiles(nodeFileSystem, files);
  return { files: files.map((f) => ({ name: f.name, bytes: f.bytes.byteLength })), warnings: loaded.warnings };
}

/** An Excel cell holds at most this many characters (Excel's specification and limits). */
const CELL_LIMIT = 32_767;

/** A text longer than a cell can hold would be cut by Excel: said before anything is written. */
function refuseOverlongTexts(file: string, data: unknown, path: (string | number)[] = []): void {
  if (typeof data === 'string' && data.length > CELL_LIMIT) {
    throw new BookletError(
      `${file}: ${formatPath(path)} has ${data.length} characters; an Excel cell holds at most ${CELL_LIMIT}. Shorten it (or split it) before making the workbook / ` +
        `${formatPath(path)} は ${data.length} 文字あり、Excel のセルに入りません（上限 ${CELL_LIMIT} 文字）`,
    );
  }
  if (Array.isArray(data)) data.forEach((v, i) => refuseOverlongTexts(file, v, [...path, i]));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) refuseOverlongTexts(file, v, [...path, k]);
}
