import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadEdition, type LoadedEdition } from '../../src/load/index.js';
import { readSources, type RawFile } from '../../src/load/readSources.js';
import { buildModel } from '../../src/model/buildModel.js';
import { loadResources } from '../../src/resources.js';
import { pdfEngine } from '../../src/engine/index.js';
import type { Coverage } from '../../src/typeset/glyphCheck.js';
import { writeWorkbook } from '../../src/workbook/writeWorkbook.js';
import { ROOT } from '../helpers/fixtures.js';

/** Every edition the round trip must hold for: the committed two and the real fixtures. */
export const EDITIONS: readonly string[] = [
  'data/2020',
  'data/sample',
  ...readdirSync(join(ROOT, 'tests/fixtures/real'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `tests/fixtures/real/${d.name}`),
];

export const WORKBOOKS = join(ROOT, 'tests/fixtures/workbooks');

export async function loaded(dir: string): Promise<LoadedEdition> {
  const r = await loadEdition(join(ROOT, dir));
  if (!r.ok) throw new Error(`${dir} does not load: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.edition;
}

/** The edition's files as import reads them. */
export async function editionFiles(dir: string): Promise<RawFile[]> {
  return (await readSources(join(ROOT, dir))).files;
}

let coverage: Coverage | undefined;
export async function fontCoverage(): Promise<Coverage> {
  if (!coverage) {
    coverage = pdfEngine((await loadResources()).fonts).covers;
  }
  return coverage;
}

/** The workbook `template` writes for one department of a loaded edition. */
export function workbookOf(edition: LoadedEdition, id: string): Promise<Uint8Array> {
  const model = buildModel(edition);
  const d = edition.departments.find((x) => x.id === id)!;
  return writeWorkbook({ id, department: d.data, edition: model });
}
