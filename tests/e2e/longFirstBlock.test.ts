// A department whose first block after its title band is a long topic box (no mission or
// policy before it): bound whole to the band, the box was taller than a page and pdfmake
// dropped it without a word. Read back from the PDF: every sentence of it is printed, and
// it starts on the band's page.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { loadResources } from '../../src/resources.js';
import { resolveTheme } from '../../src/typeset/theme.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
const sentence = '市民の暮らしを支える施策を着実に進めます。';
const body = `　${sentence.repeat(180)}`;

beforeAll(async () => {
  tmp = await scratch();
  const dir = await copyEdition('sample', tmp.dir);
  await writeFile(join(dir, 'departments/kikaku-seisaku.yaml'), `name: 企画政策部\nspecialTopics:\n  - title: 特集の記事\n    body: |\n      ${body}\nprojects:\n  - title: 事業\n`);
  const edition = join(dir, 'edition.yaml');
  await writeFile(edition, (await readFile(edition, 'utf8')).replace(/^status: .*$/m, 'status: draft'));
  const r = await cli(['build', dir, '--out', join(tmp.dir, 'out'), '--only', 'booklet']);
  expect(r.code, r.err).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

it('a topic longer than a page as the first block under a title band is printed whole, starting on the band’s page', async () => {
  const frame = resolveTheme((await loadResources()).theme, 'rgb').margins;
  const pdf = await readPdf(new Uint8Array(await readFile(join(tmp.dir, 'out', 'booklet.pdf'))), frame);
  expect(squash(pdf.body.join(''))).toContain(squash(body));
  const bandPage = pdf.pages.findLastIndex((p) => squash(p).includes('01企画政策部'));
  expect(squash(pdf.pages[bandPage]!)).toContain(`01企画政策部特集の記事${sentence}`);
});
