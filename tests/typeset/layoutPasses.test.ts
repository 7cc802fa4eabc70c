// How many times pdfmake lays a booklet out (calls to LayoutBuilder.tryLayoutDocument,
// counted, not timed). Pagination starts the departments where their guessed heights put
// them and lays the document out again only when the layout proves a guess wrong
// (tests/typeset/pagination.test.ts): the departments of the synthetic editions `npm run
// bench` sets each start a page, five of data/2020's run on below the one before, and
// either booklet is laid out once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources, type Resources } from '../../src/resources.js';
import { pdfmakeModule } from '../../src/engine/modules.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { writeSyntheticEdition } from '../helpers/synthetic.js';

interface LayoutBuilderProto {
  tryLayoutDocument(...args: unknown[]): unknown;
}

let tmp: Awaited<ReturnType<typeof scratch>>;
let resources: Resources;
beforeAll(async () => {
  tmp = await scratch();
  resources = await loadResources();
});
afterAll(() => tmp.cleanup());

/** Builds the booklet alone; the layout passes it took and where its departments landed. */
async function booklet(editionDir: string, out: string) {
  const proto = pdfmakeModule<{ prototype: LayoutBuilderProto }>('LayoutBuilder').prototype;
  const layout = proto.tryLayoutDocument;
  let passes = 0;
  proto.tryLayoutDocument = function counted(this: LayoutBuilderProto, ...args: unknown[]) {
    passes++;
    return layout.apply(this, args);
  };
  try {
    const result = await buildEdition({ editionDir, outDir: join(tmp.dir, out), only: ['booklet'] }, resources);
    const parts = result.files.find((f) => f.path === 'booklet.pdf')!.parts ?? [];
    return { passes, departments: parts.filter((p) => p.kind === 'department') };
  } finally {
    proto.tryLayoutDocument = layout;
  }
}

describe('layout passes of a booklet', () => {
  it('lays a booklet whose departments each start a page out once', async () => {
    const edition = join(tmp.dir, 'synthetic');
    await writeSyntheticEdition(edition, { departments: 3 });
    const { passes, departments } = await booklet(edition, 'out-synthetic');
    expect(departments).toHaveLength(3);
    departments.forEach((d, i) => i > 0 && expect(d.firstPage).toBe(departments[i - 1]!.lastPage + 1));
    expect(passes).toBe(1);
  }, 60_000);

  it('lays a booklet whose departments run on below the one before out once (data/2020)', async () => {
    const { passes, departments } = await booklet(join(ROOT, 'data/2020'), 'out-2020');
    const runOn = departments.filter((d, i) => i > 0 && d.firstPage === departments[i - 1]!.lastPage);
    expect(runOn).toHaveLength(5);
    expect(passes).toBe(1);
  }, 60_000);
});
