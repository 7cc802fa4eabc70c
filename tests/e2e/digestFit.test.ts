// The newsletter digest of an edition a little too long for its page: set smaller, on one
// page, never below 7 pt (issue 13). One far too long (甲府市, 140 projects) keeps its size
// on two pages: tests/e2e/realEditions.test.ts.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { readInk } from '../helpers/layout.js';
import { readPdf, squash } from '../helpers/pdf.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
const added = Array.from({ length: 8 }, (_, k) => `追加の事業その${k + 1}として市民の暮らしを支える取り組みを進めます`);

beforeAll(async () => {
  tmp = await scratch();
  const dir = await copyEdition('2020', tmp.dir);
  await appendFile(join(dir, 'departments/kikaku.yaml'), added.map((t) => `  - title: ${t}\n`).join(''));
  const r = await cli(['build', dir, '--out', join(tmp.dir, 'out'), '--only', 'digest']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

it('a digest eight projects too long is set smaller on one page, never below 7 pt, every project in it', async () => {
  const bytes = new Uint8Array(await readFile(join(tmp.dir, 'out', 'digest.pdf')));
  const [page, ...more] = await readInk(bytes);
  expect(more).toHaveLength(0);
  const smallest = Math.min(...page!.texts.map((t) => t.size));
  expect(smallest).toBeGreaterThanOrEqual(7);
  expect(smallest).toBeLessThan(8.5); // the theme's small size: it was reduced
  const text = squash((await readPdf(bytes)).pages.join(''));
  for (const t of added) expect(text).toContain(t);
});
