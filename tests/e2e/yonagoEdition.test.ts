/**
 * What a city editor would not accept in the real 米子市 令和6年度 edition
 * (tests/fixtures/real/yonago-2024): two departments with no 重点課題 (DX推進監(情報政策課),
 * 淀江支所), a renamed projects heading, half-width brackets in names and title, and no
 * digest headline of its own. Read back from the PDFs it builds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf, squash, type PdfText } from '../helpers/pdf.js';

const EDITION = join(ROOT, 'tests/fixtures/real/yonago-2024');
const NOTHING = '（重点課題の掲載はありません）';

let tmp: Awaited<ReturnType<typeof scratch>>;
let out: string;
let err: string;
const pdf = async (file: string): Promise<PdfText> => readPdf(new Uint8Array(await readFile(join(out, file))));

beforeAll(async () => {
  tmp = await scratch('yonago-');
  out = join(tmp.dir, 'out');
  const r = await cli(['build', EDITION, '--out', out, '--only', 'booklet,inserts,digest']);
  expect(r.code, r.err).toBe(0);
  err = r.err;
}, 60_000);
afterAll(() => tmp.cleanup());

describe('a department with nothing under its title band', () => {
  it('prints one line under its band, so the band is never alone at a page foot nor right above the next band', async () => {
    const booklet = await pdf('booklet.pdf');
    for (const title of ['03DX推進監(情報政策課)', '05淀江支所']) {
      // The last page naming it: the cover and 目次 list it before its own page.
      const page = booklet.lines.findLast((lines) => lines.some((l) => squash(l) === title));
      expect(page, title).toBeDefined();
      const lines = page!.map(squash);
      expect(lines[lines.indexOf(title) + 1], title).toBe(NOTHING);
    }
    // Departments with 重点課題 print no such line.
    expect(booklet.pages.filter((p) => squash(p).includes(NOTHING))).toHaveLength(2);
  });

  it('prints the line on its insert too', async () => {
    expect(squash((await pdf('inserts/03-dx.pdf')).pages.join(''))).toContain(`03DX推進監(情報政策課)${NOTHING}`);
    expect(squash((await pdf('inserts/02-somu-bosai.pdf')).pages.join(''))).not.toContain(NOTHING);
  });

  it('is left out of the digest, which lists only departments with projects', async () => {
    const digest = squash((await pdf('digest.pdf')).pages.join(''));
    expect(digest).not.toContain('DX推進監');
    expect(digest).not.toContain('淀江支所');
    expect(digest).toContain('総務部(防災安全課)・危機管理体制の充実強化');
    expect(digest).toContain('総合政策部・まちづくりビジョンの改定');
  });

  it('check says so, where the department is named', () => {
    expect(err).toMatch(/departments\/dx\.yaml:2:7: warning: name: 重点課題がありません。この部局は見出しと本文だけを印刷し、ダイジェストには載せません（本文もなければ見出しの下に「（重点課題の掲載はありません）」と印刷します）/);
  });
});

it('the stray space the source has in the introduction (めざし、 各部局) is named where it is, and prints', async () => {
  expect(err).toContain(
    'yonago-2024/edition.yaml:7:29: warning: introduction: 日本語の間に半角スペースがあります（「し、 各部」）。空きとして印刷されます。不要なら削除し、区切りの空きなら全角スペース「　」を書いてください',
  );
  expect((await pdf('booklet.pdf')).pages[1]).toMatch(/めざし、 +各部局/);
});

it('the count in はじめに follows the renamed projects heading: 掲載重点課題数 29件', async () => {
  const intro = squash((await pdf('booklet.pdf')).pages[1]!);
  expect(intro).toContain('掲載重点課題数29件');
  expect(intro).not.toContain('掲載事業数');
});

it('the digest headline is the edition title, claiming nothing the source does not say', async () => {
  const digest = await pdf('digest.pdf');
  expect(squash(digest.pages[0]!)).toMatch(/^令和6年度各部\(局\)の重点課題と目標米子市では/);
  expect(squash(digest.pages[0]!)).not.toContain('策定しました');
  expect(digest.info['Title']).toBe('各部(局)の重点課題と目標(令和6年度)');
});

it("an insert's title replaces 各部(局)の by the department's name: no brackets nest", async () => {
  const info = (await pdf('inserts/02-somu-bosai.pdf')).info;
  expect(info['Title']).toBe('令和6年度 総務部(防災安全課)の重点課題と目標');
  expect(String(info['Subject'])).not.toMatch(/（[^）]*\(/);
});
