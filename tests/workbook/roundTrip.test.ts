import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseEdition } from '../../src/load/index.js';
import { buildModel } from '../../src/model/buildModel.js';
import { planImport } from '../../src/workbook/planImport.js';
import { readDepartment } from '../../src/workbook/readDepartment.js';
import { readWorkbook } from '../../src/workbook/readWorkbook.js';
import { writeWorkbook } from '../../src/workbook/writeWorkbook.js';
import { ROOT } from '../helpers/fixtures.js';
import { EDITIONS, editionFiles, fontCoverage, loaded, workbookOf } from './support.js';

/**
 * YAML → workbook → YAML for every department of every edition: the data read back from
 * the workbook is the data loaded from the YAML, and the YAML import makes of it loads to
 * that data again, whether it edits the existing file or writes a new one.
 */
describe.each(EDITIONS)('round trip of %s', (dir) => {
  it('every department reads back from its workbook as the same data', async () => {
    const edition = await loaded(dir);
    for (const d of edition.departments) {
      const read = await readWorkbook(`${d.id}.xlsx`, await workbookOf(edition, d.id));
      if (!read.ok) throw new Error(read.message);
      const back = readDepartment(read.grids);
      expect(back.problems, d.id).toEqual([]);
      expect(back.id).toBe(d.id);
      expect(back.fiscalYear).toBe(edition.edition.fiscalYear);
      expect(back.data, d.id).toStrictEqual(d.data);
    }
  });

  it('import leaves every existing file unchanged and writes new files that load to the same data', async () => {
    const edition = await loaded(dir);
    const files = await editionFiles(dir);
    const workbooks = [];
    for (const d of edition.departments) {
      const read = await readWorkbook(`${d.id}.xlsx`, await workbookOf(edition, d.id));
      workbooks.push({ shown: `${d.id}.xlsx`, read });
    }
    const covered = await fontCoverage();
    const editionDir = join(ROOT, dir);

    const same = planImport(workbooks, { dir: editionDir, files, covered });
    expect(same.diagnostics).toEqual([]);
    expect(same.files.map((f) => f.status)).toEqual(edition.departments.map(() => 'unchanged'));

    // A final edition's data may not change: the new files go into a draft of it.
    const withoutDepartments = files
      .filter((f) => !f.relPath.startsWith('departments/'))
      .map((f) => (f.relPath === 'edition.yaml' ? { ...f, bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace(/^status: final$/m, 'status: draft')) } : f));
    const fresh = planImport(workbooks, { dir: editionDir, files: withoutDepartments, covered });
    expect(fresh.diagnostics).toEqual([]);
    expect(fresh.files.map((f) => f.status)).toEqual(edition.departments.map(() => 'created'));
    const rebuilt = parseEdition(
      [...withoutDepartments, ...fresh.files.map((f) => ({ path: f.relPath, relPath: f.relPath, bytes: new TextEncoder().encode(f.text) }))],
      editionDir,
    );
    if (!rebuilt.ok) throw new Error(rebuilt.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
    expect(rebuilt.edition.departments.map((d) => d.data)).toStrictEqual(edition.departments.map((d) => d.data));
  });
});

describe('a written workbook', () => {
  it('is byte-identical for the same edition, every zip entry dated with the edition', async () => {
    const edition = await loaded('data/2020');
    const a = await workbookOf(edition, 'kikaku');
    await new Promise((r) => setTimeout(r, 1100));
    const b = await workbookOf(edition, 'kikaku');
    expect(Buffer.compare(a, b)).toBe(0);
    const zip = await JSZip.loadAsync(a);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    // data/2020 gives no issue date: April 1 of its fiscal year (zip times have no zone).
    expect([...dates]).toEqual(['2020-04-01T00:00:00.000Z']);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2020-03-31T15:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:creator>三鷹市</dc:creator>');
  });

  it('keeps a control character (which check refuses) as itself, so import reports it at its cell', async () => {
    const edition = await loaded('data/2020');
    const d = edition.departments[0]!;
    const model = buildModel(edition);
    const bytes = await writeWorkbook({ id: d.id, department: { ...d.data, mission: 'ベル\u0007と _x000D_ の文字' }, edition: model });
    const read = await readWorkbook('bell.xlsx', bytes);
    if (!read.ok) throw new Error(read.message);
    expect(readDepartment(read.grids).data['mission']).toBe('ベル\u0007と _x000D_ の文字');
    const plan = planImport([{ shown: 'bell.xlsx', read }], { dir: join(ROOT, 'data/2020'), files: await editionFiles('data/2020'), covered: await fontCoverage() });
    expect(plan.diagnostics.map((x) => `${x.file}: ${x.message.split(' / ')[0]}`)).toEqual(['bell.xlsx:基本情報!B7: 制御文字 U+0007 が含まれています。削除してください']);
    expect(plan.files).toEqual([]);
  });

  it('has the guide, the form and the four list sheets, the form protected and its values unlocked', async () => {
    const edition = await loaded('data/sample');
    const read = await readWorkbook('x.xlsx', await workbookOf(edition, 'kikaku-seisaku'));
    if (!read.ok) throw new Error(read.message);
    expect(read.grids.map((g) => g.name)).toEqual(['記入方法', '基本情報', '課', '特記事項', '主要事業', '目標指標']);
    const zip = await JSZip.loadAsync(await workbookOf(edition, 'kikaku-seisaku'));
    const form = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(form).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(form).not.toMatch(/<sheetProtection [^>]*hashValue/);
    const lists = await zip.file('xl/worksheets/sheet5.xml')!.async('string');
    expect(lists).not.toContain('<sheetProtection');
  });
});
