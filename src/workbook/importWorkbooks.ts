import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { readSources } from '../load/readSources.js';
import type { Resources } from '../resources.js';
import { pdfEngine } from '../engine/index.js';
import { planImport, type ImportPlan, type WorkbookSource } from './planImport.js';
import { readWorkbook } from './readWorkbook.js';
import { nodeFileSystem } from '../emit/fileSystem.js';
import { replaceFiles } from '../emit/replaceFiles.js';

export interface ImportRequest {
  /** Each workbook: as shown in messages, and where to read it. */
  readonly workbooks: readonly { readonly shown: string; readonly path: string }[];
  /** The edition folder as the loader reads it (and as messages show it). */
  readonly editionDir: string;
  readonly resources: Resources;
}

/** A workbook larger than this is not a department's form (the generated ones are ~20 kB). */
const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

/**
 * Reads the workbooks, plans the department files and, only when no workbook has an
 * error, writes every changed file as one set. Returns the plan either way.
 */
export async function importWorkbooks(req: ImportRequest): Promise<ImportPlan> {
  const sources: WorkbookSource[] = [];
  for (const w of req.workbooks) {
    const info = await stat(w.path).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`${w.shown}: no such workbook file`);
    if (info.size > MAX_WORKBOOK_BYTES) {
      sources.push({ shown: w.shown, read: { ok: false, message: `ファイルが大きすぎます（${(info.size / 1048576).toFixed(1)} MB） / the file is too large for a department's workbook` } });
      continue;
    }
    sources.push({ shown: w.shown, read: await readWorkbook(w.shown, new Uint8Array(await readFile(w.path))) });
  }
  const read = await readSources(req.editionDir);
  if (read.fatal) throw new UsageError(`--into ${req.editionDir}: no such edition folder (it must hold edition.yaml and departments/)`);
  const plan = planImport(sources, {
    dir: req.editionDir,
    files: read.files,
    covered: pdfEngine(req.resources.fonts).covers,
  });
  if (plan.diagnostics.some((d) => d.severity === 'error')) return plan;
  const changed = plan.files.filter((p) => p.status !== 'unchanged');
  await replaceFiles(nodeFileSystem, changed.map((p) => ({ path: resolve(req.editionDir, p.relPath), bytes: new TextEncoder().encode(p.text) })));
  return plan;
}
