// A city project: booklet.config.yaml found from the working folder up (or --config), its
// theme over the built-in one, its templates over the built-in ones file by file, its
// fonts, its terms; every problem at file:line:col. Built in-process through the CLI.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfig, loadProject } from '../../src/config/load.js';
import { loadResources, THEME_PATH } from '../../src/resources.js';
import { hashInputs, type Manifest } from '../../src/emit/manifest.js';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { readPdf } from '../helpers/pdf.js';
import { pageSource } from '../helpers/contentWalk.js';
import { PDFDocument } from 'pdf-lib';

let tmp: Awaited<ReturnType<typeof scratch>>;
/** A project made by booklet init, with data/2020 as editions/2020. */
let city: string;

beforeAll(async () => {
  tmp = await scratch('booklet-project-');
  city = join(tmp.dir, 'city');
  const r = await cli(['init', city]);
  expect(r.code, r.err).toBe(0);
  await cp(join(ROOT, 'data/2020'), join(city, 'editions/2020'), { recursive: true });
});
afterAll(() => tmp.cleanup());

const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A copy of the project with `edits` (relative path → text) applied. */
async function variant(name: string, edits: Record<string, string>): Promise<string> {
  const dir = join(tmp.dir, name);
  await cp(city, dir, { recursive: true });
  await rm(join(dir, 'output'), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(edits)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  return dir;
}

describe('finding the config', () => {
  it('walks up from the working folder, or takes --config (a file or its folder)', async () => {
    const deep = join(city, 'editions/2020/departments');
    expect(await findConfig(deep)).toBe(join(city, 'booklet.config.yaml'));
    expect(await findConfig(tmp.dir)).toBeUndefined();
    expect((await loadProject(deep))?.dir).toBe(city);
    expect((await loadProject(tmp.dir, 'city'))?.file).toBe(join(city, 'booklet.config.yaml'));
    expect((await loadProject(tmp.dir, 'city/booklet.config.yaml'))?.shown).toBe('city/booklet.config.yaml');
    const r = await cli(['check', 'city/editions/2020', '--config', 'nowhere.yaml'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('booklet: --config nowhere.yaml: no such file\nsee booklet check --help\n');
  });

  it('without one, the built-in defaults apply: byte for byte the outputs of a project that sets nothing', async () => {
    const plain = join(tmp.dir, 'plain');
    await cp(join(ROOT, 'data/2020'), join(plain, '2020'), { recursive: true });
    const alone = await cli(['build', '2020', '--no-cache'], plain);
    expect(alone.code, alone.err).toBe(0);
    const inProject = await cli(['build', 'editions/2020', '--no-cache'], city);
    expect(inProject.code, inProject.err).toBe(0);
    const a = await manifestOf(join(plain, 'output/2020'));
    const b = await manifestOf(join(city, 'output/2020'));
    expect(b.files.map((f) => [f.path, f.sha256])).toEqual(a.files.map((f) => [f.path, f.sha256]));
    expect(b.resources).toEqual(a.resources);
    // and those are the tool's own resources, the same as loadResources() reads
    expect(a.resources.sha256).toBe(hashInputs((await loadResources()).files).sha256);
    // --config from anywhere is the same project
    const named = await cli(['build', join(city, 'editions/2020'), '--only', 'digest', '-o', join(tmp.dir, 'named'), '--config', join(city, 'booklet.config.yaml')], tmp.dir);
    expect(named.code, named.err).toBe(0);
    expect((await manifestOf(join(tmp.dir, 'named'))).files[0]!.sha256).toBe(a.files.find((f) => f.path === 'digest.pdf')!.sha256);
  }, 120_000);
});

describe('errors in the config are diagnostics, exit 1', () => {
  it.each([
    ['an unknown key, with the one meant', 'themes: theme.yaml\n', /booklet\.config\.yaml:1:1: error: themes: .*did you mean `theme`\?/],
    ['a value of the wrong type', 'output: 3\n', /booklet\.config\.yaml:1:9: error: output: .*must be text/],
    ['a theme file that is not there', 'theme: colours.yaml\n', /booklet\.config\.yaml:1:8: error: colours\.yaml: no such file \(paths are relative to the folder of the config\)/],
    ['fonts without their licence', 'fonts:\n  gothic: fonts/x.ttf\n', /booklet\.config\.yaml:2:3: error: fonts\.licence: .*replacement fonts need their licence/],
    ['a template folder that is not there', 'templates: tmpl\n', /booklet\.config\.yaml:1:12: error: tmpl: no such folder/],
    ['a term with a character the fonts lack', 'terms:\n  department: 𠮷\n', /booklet\.config\.yaml:2:15: error: terms\.department: .*U\+20BB7/],
  ])('%s', async (_, text, message) => {
    const dir = await variant(`bad-${text.length}-${text.charCodeAt(2)}`, { 'booklet.config.yaml': text });
    const r = await cli(['check', 'editions/2020'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/\n +\d+ \| /); // a code frame
    noStack(r.err);
  });
});

describe("the city's theme", () => {
  it('overrides only what it sets; a colour is replaced whole; the manifest hashes the effective theme', async () => {
    const dir = await variant('green', {
      'theme.yaml': "colors:\n  accent: { rgb: '#0b6e4f', cmyk: [85, 20, 75, 10] }\nsizes:\n  body: 10\n",
    });
    const project = await loadProject(dir);
    const r = await loadResources(project);
    const builtIn = await loadResources();
    expect(r.theme.colors.accent).toEqual({ rgb: '#0b6e4f', cmyk: [85, 20, 75, 10] }); // no built-in `fine` left behind
    expect(r.theme.sizes.body).toBe(10);
    expect(r.theme.sizes.h1).toBe(builtIn.theme.sizes.h1);
    expect(r.theme.page).toEqual(builtIn.theme.page);
    const effective = new TextDecoder().decode(r.files.find((f) => f.path === THEME_PATH)!.bytes);
    expect(effective).toMatch(/^# The theme a build used/);
    expect(effective).toContain('#0b6e4f');
    expect(hashInputs(r.files).sha256).not.toBe(hashInputs(builtIn.files).sha256);

    const b = await cli(['build', 'editions/2020', '--only', 'booklet'], dir);
    expect(b.code, b.err).toBe(0);
    const doc = await PDFDocument.load(await readFile(join(dir, 'output/2020/booklet.pdf')), { updateMetadata: false });
    // the cover's colour block in the city's accent, as pdfkit writes 0x0b, 0x6e, 0x4f
    expect(pageSource(doc, 0)).toContain(`${0x0b / 255} ${0x6e / 255} ${0x4f / 255} scn`);
    expect(pageSource(doc, 0)).not.toContain(`${0x1d / 255} ${0x5a / 255} ${0x8c / 255} scn`);
  }, 60_000);

  it('errors point into the theme file', async () => {
    const dir = await variant('bad-theme', { 'theme.yaml': "page:\n  size: B6\ncolors:\n  accent: { rgb: '#123456' }\nlogo:\n  aling: left\n" });
    const r = await cli(['check', 'editions/2020'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^theme\.yaml:2:9: error: page\.size: .*A4, B5, A5 or \[width, height\] in mm/m);
    expect(r.err).toMatch(/^theme\.yaml:4:11: error: colors\.accent\.cmyk: .*required "cmyk" is missing/m);
    expect(r.err).toMatch(/^theme\.yaml:6:3: error: logo\.aling: .*allowed keys here: cover, backCover, strip, colors, unmapped/m);
  });
});

describe("the city's house style for a paragraph that opens with a bracket", () => {
  /** x of the first two lines of はじめに's paragraph that opens with 「各部の運営方針と目標」, from pdftotext's boxes. */
  const openingLines = (pdf: string): [number, number] => {
    const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    const lines = [...xml.matchAll(/<line xMin="([\d.]+)"[^>]*>([^]*?)<\/line>/g)].map((m) => ({ x: Number(m[1]), text: [...m[2]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join('') }));
    const at = lines.findIndex((l) => l.text.startsWith('「各部の運営方針と目標」'));
    expect(at, 'the paragraph that opens with a bracket').toBeGreaterThanOrEqual(0);
    return [lines[at]!.x, lines[at + 1]!.x];
  };

  it.each([
    [1.5, 1],
    [1, 0.5],
    [0.5, 0],
  ])('bracketIndent %s: the bracket (set with its half-em blank) starts %s em in from the text edge', async (bracketIndent, em) => {
    const dir = await variant(`bracket-${bracketIndent}`, { 'theme.yaml': `text:\n  bracketIndent: ${bracketIndent}\n` });
    const b = await cli(['build', 'editions/2020', '--only', 'booklet', '--no-cache'], dir);
    expect(b.code, b.err).toBe(0);
    const [first, second] = openingLines(join(dir, 'output/2020/booklet.pdf'));
    // The body is 10.5 pt; the second line starts at the text edge.
    expect(first - second).toBeCloseTo(em * 10.5, 1);
  }, 60_000);

  it('any other value is an error in the theme file', async () => {
    const dir = await variant('bracket-bad', { 'theme.yaml': 'text:\n  bracketIndent: 2\n' });
    const r = await cli(['check', 'editions/2020'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^theme\.yaml:2:18: error: text\.bracketIndent: /m);
  });
});

describe('template overrides', () => {
  it('one partial replaced, the rest inherited; the manifest lists the effective template', async () => {
    const cover = (await readFile(join(ROOT, 'templates/partials/cover.hbs'), 'utf8')).replace('<p class="cover-city">{{city}}</p>', '<p class="cover-city">{{city}}（市の版）</p>');
    const dir = await variant('tmpl', { 'templates/partials/cover.hbs': cover });
    const r = await loadResources(await loadProject(dir));
    expect(r.templates['partials/cover']).toContain('（市の版）');
    expect(r.templates['partials/back-cover']).toBe((await loadResources()).templates['partials/back-cover']);
    expect(r.origins.get('templates/partials/cover.hbs')).toBe('templates/partials/cover.hbs');
    expect(r.origins.get('templates/partials/back-cover.hbs')).toBe('(plan-booklet) templates/partials/back-cover.hbs');
    const b = await cli(['build', 'editions/2020', '--only', 'booklet'], dir);
    expect(b.code, b.err).toBe(0);
    const text = await readPdf(new Uint8Array(await readFile(join(dir, 'output/2020/booklet.pdf'))));
    expect(text.pages[0]).toContain('三鷹市（市の版）');
    const entry = (await manifestOf(join(dir, 'output/2020'))).resources.files.find((f) => f.path === 'templates/partials/cover.hbs')!;
    expect(entry.bytes).toBe(Buffer.byteLength(cover));
  }, 60_000);

  it('a misplaced file, an unknown layout and a syntax error are diagnostics', async () => {
    const dir = await variant('bad-tmpl', {
      'templates/partial/cover.hbs': 'x',
      'templates/layouts/poster.hbs': 'x',
      'templates/partials/cover.hbs': '<p>\n{{#if city}}\n{{city}\n',
      'templates/README.md': 'notes are fine',
    });
    const r = await cli(['check', 'editions/2020'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^templates\/partial: error: not a place for templates: overrides go in templates\/html\/, templates\/layouts\/, templates\/partials\//m);
    expect(r.err).toMatch(/^templates\/layouts\/poster\.hbs: error: no built-in layout "poster": the layouts are booklet, digest, insert/m);
    expect(r.err).toMatch(/^templates\/partials\/cover\.hbs:3:7: error: Handlebars: Expecting /m);
    expect(r.err).not.toMatch(/README/);
  });
});

describe('fonts and terms', () => {
  it('a replacement font is embedded under its own name; its licence goes with it; the hash follows', async () => {
    const dir = await variant('fonts', {
      'booklet.config.yaml': 'fonts:\n  gothic: fonts/CityGothic.ttf\n  licence: fonts/LICENSE-city.txt\n',
      'fonts/LICENSE-city.txt': 'City font licence\n',
    });
    await cp(join(ROOT, 'fonts/BIZUDGothic-Regular.ttf'), join(dir, 'fonts/CityGothic.ttf'));
    const r = await loadResources(await loadProject(dir));
    expect(r.files.map((f) => f.path).filter((p) => p.startsWith('fonts/'))).toEqual(['fonts/BIZUDGothic-Bold.ttf', 'fonts/BIZUDMincho-Regular.ttf', 'fonts/CityGothic.ttf']);
    expect(r.licences.map((l) => l.path)).toEqual(['fonts/LICENSE-city.txt', 'fonts/OFL.txt']);
    // Not a font: said at the key that names it.
    const bad = await variant('bad-font', { 'booklet.config.yaml': 'fonts:\n  mincho: theme.yaml\n  licence: theme.yaml\n' });
    const c = await cli(['check', 'editions/2020'], bad);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/booklet\.config\.yaml:2:11: error: theme\.yaml: not a font that can be embedded/);
  });

  it("the project's terms apply to every edition, the edition's own override them key by key", async () => {
    const dir = await variant('terms', { 'booklet.config.yaml': 'terms:\n  projects: 主要な取り組み\n  contact: 連絡先\n' });
    const edition = join(dir, 'editions/2020/edition.yaml');
    await writeFile(edition, `${await readFile(edition, 'utf8')}terms:\n  projects: 今年度の主要事業\n`);
    const b = await cli(['build', 'editions/2020', '--only', 'inserts', '--dept', 'kikaku'], dir);
    expect(b.code, b.err).toBe(0);
    const text = (await readPdf(new Uint8Array(await readFile(join(dir, 'output/2020/inserts/01-kikaku.pdf'))))).pages.join('');
    expect(text).toContain('連絡先'); // the project's term
    expect(text).not.toContain('問い合わせ');
    expect(text).toContain('今年度の主要事業'); // the edition's own wins
    expect(text).not.toContain('主要な取り組み');
    const m = await manifestOf(join(dir, 'output/2020'));
    expect(m.resources.files.map((f) => f.path)).toContain('booklet.config.yaml:terms');
  }, 60_000);

  it('the config booklet init writes shows the terms setting; uncommented, it applies', async () => {
    const config = await readFile(join(city, 'booklet.config.yaml'), 'utf8');
    const line = config.split('\n').find((l) => l.startsWith('# terms: '));
    expect(line).toBeDefined();
    const dir = await variant('init-terms', { 'booklet.config.yaml': config.replace(line!, line!.slice(2)) });
    const r = await cli(['check', 'editions/2020'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await loadResources(await loadProject(dir))).terms).toEqual({ department: '局', section: '室' });
  });
});
