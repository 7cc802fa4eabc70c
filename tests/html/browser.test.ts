/**
 * The HTML edition in a real browser: Debian's Chromium, headless, opens every page of the
 * committed editions and of the real ones in tests/fixtures/real, served from 127.0.0.1.
 * axe-core finds no WCAG 2.1 A/AA violation (nor a best-practice one), every link and
 * resource resolves inside the edition's folder, nothing is requested from elsewhere, a
 * 320 px wide window (and 200 % zoom) never scrolls sideways, every text of the data is in
 * the DOM, and every character is drawn with the edition's own BIZ UD Gothic subsets.
 *
 * BOOKLET_SCREENSHOTS=<dir> keeps a desktop and a 320 px screenshot of every page there.
 */
// The page.evaluate callbacks run in the browser, on its DOM.
/// <reference lib="dom" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cli } from '../helpers/cli.js';
import { copyEdition, ROOT, scratch } from '../helpers/fixtures.js';
import { launch, serve, type Browser, type Site } from './browser.js';
import { editionAddresses, editionTexts, NOT_PRINTED, squash } from '../helpers/dataTexts.js';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const REAL = join(ROOT, 'tests/fixtures/real');
const EDITIONS: readonly { name: string; dir: string; full: boolean }[] = [
  // Built whole, so the pages link to real PDFs.
  { name: '2020', dir: join(ROOT, 'data/2020'), full: true },
  { name: 'sample', dir: join(ROOT, 'data/sample'), full: true },
  // Real editions: the HTML edition alone keeps the suite quick.
  ...(existsSync(REAL) ? readdirSync(REAL).filter((d) => existsSync(join(REAL, d, 'edition.yaml'))).sort() : []).map((name) => ({
    name,
    dir: join(REAL, name),
    full: false,
  })),
];
const SHOTS = process.env.BOOKLET_SCREENSHOTS;
/**
 * Not looked for in the HTML: the digest's own framing (its kicker, era lines and addendum
 * belong to the newsletter page; its headline is the digest's link text) and the PDF
 * outline's names for the cover and back cover.
 */
const NOT_IN_HTML = new Set([...NOT_PRINTED, 'digest', 'cover', 'backCover', 'budgetUnit']);

let tmp: Awaited<ReturnType<typeof scratch>>;
let site: Site;
let browser: Browser;
let page: Page;
/** Every URL the browser asked for, and those the test refused (outside the served folder). */
const requested: string[] = [];
const refused: string[] = [];
const failed: string[] = [];

beforeAll(async () => {
  tmp = await scratch('html-browser-');
  for (const e of EDITIONS) {
    const r = await cli(['build', e.dir, '--out', join(tmp.dir, e.name), ...(e.full ? [] : ['--only', 'html'])]);
    expect(r.code, r.err).toBe(0);
  }
  site = await serve(tmp.dir);
  browser = await launch();
  page = await browser.context.newPage();
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith(site.base)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  page.on('response', (res) => {
    if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await tmp?.cleanup();
});

/** Opens a page and waits for its fonts. */
async function open(url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

interface PageFacts {
  readonly text: string;
  readonly h1: number;
  readonly headingLevels: number[];
  readonly links: { href: string; text: string }[];
  readonly tables: { caption: string; ths: number; thsWithoutScope: number }[];
  readonly listItems: string[];
  readonly scripts: number;
  readonly handlers: number;
  readonly lang: string;
  readonly ids: string[];
}

function facts(): Promise<PageFacts> {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      text: document.body.textContent ?? '',
      h1: document.querySelectorAll('h1').length,
      headingLevels: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map((h) => Number(h.tagName[1])),
      links: Array.from(document.querySelectorAll('a')).map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
      tables: Array.from(document.querySelectorAll('table')).map((t) => ({
        caption: t.caption?.textContent?.trim() ?? '',
        ths: t.querySelectorAll('th').length,
        thsWithoutScope: t.querySelectorAll('th:not([scope])').length,
      })),
      listItems: Array.from(document.querySelectorAll('li')).map((li) => li.textContent ?? ''),
      scripts: document.querySelectorAll('script').length,
      handlers: all.filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
      lang: document.documentElement.lang,
      ids: all.map((el) => el.id).filter(Boolean),
    };
  });
}

/** The font families Chromium drew each element's own text with (CDP), for elements with text. */
async function platformFonts(): Promise<Map<string, string[]>> {
  const cdp = await browser.context.newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    type DomNode = { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: DomNode[] };
    const out = new Map<string, string[]>();
    const walk = async (node: DomNode): Promise<void> => {
      const text = (node.children ?? []).filter((c) => c.nodeType === 3 && c.nodeValue.trim() !== '');
      if (node.nodeType === 1 && text.length > 0 && !['TITLE', 'STYLE', 'SCRIPT'].includes(node.nodeName)) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId });
        out.set(`${node.nodeName} ${text.map((t) => t.nodeValue.trim()).join(' ').slice(0, 40)}`, fonts.map((f) => `${f.familyName}${f.isCustomFont ? '' : ' (system)'}`));
      }
      for (const c of node.children ?? []) await walk(c);
    };
    await walk(root as DomNode);
    return out;
  } finally {
    await cdp.detach();
  }
}

async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run(
      document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] },
    ),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe.each(EDITIONS)('HTML edition of $name', (edition) => {
  const pagesOf = () =>
    readdirSync(join(tmp.dir, edition.name, 'html'))
      .filter((f) => f.endsWith('.html'))
      .sort();
  const urlOf = (file: string) => `${site.base}${edition.name}/html/${file}`;
  const seen = new Map<string, PageFacts>();
  const violations: Record<string, string[]> = {};
  const fallbacks: string[] = [];
  const faces: Record<string, string[]> = {};
  const wide: string[] = [];

  // Each page is opened three times: on a desktop (structure, axe-core, fonts), 320 px wide
  // and at 200 % zoom; the tests below read what was found.
  beforeAll(async () => {
    for (const file of pagesOf()) {
      await open(urlOf(file), 1280);
      seen.set(file, await facts());
      const v = await axeViolations();
      if (v.length > 0) violations[file] = v;
      faces[file] = await page.evaluate(() => {
        const out: string[] = [];
        document.fonts.forEach((f) => out.push(`${f.family} ${f.weight} ${f.status}`));
        return out.sort();
      });
      for (const [element, fonts] of await platformFonts()) {
        if (fonts.some((f) => f !== 'BIZ UDGothic')) fallbacks.push(`${file}: ${element}: ${fonts.join(', ')}`);
      }
      if (SHOTS) {
        await mkdir(join(SHOTS, edition.name), { recursive: true });
        await page.screenshot({ path: join(SHOTS, edition.name, `${file}-1280.png`), fullPage: true });
      }
      for (const [width, zoom] of [[320, 1], [640, 2]] as const) {
        await open(urlOf(file), width);
        if (zoom !== 1) await page.evaluate((z) => ((document.body.style as unknown as { zoom: string }).zoom = String(z)), zoom);
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (scroll > client) wide.push(`${file} at ${width} px, zoom ${zoom}: ${scroll} px wide`);
        if (SHOTS && zoom === 1) await page.screenshot({ path: join(SHOTS, edition.name, `${file}-320.png`), fullPage: true });
      }
    }
  }, 600_000);

  it('has an index page and a page per department', () => {
    const departments = readdirSync(join(edition.dir, 'departments')).length;
    expect(pagesOf()).toContain('index.html');
    expect(pagesOf().length).toBe(departments + 1);
  });

  it('every page: no axe-core violation (WCAG 2.1 A and AA, best practices)', () => {
    expect(seen.size).toBe(pagesOf().length);
    expect(violations).toEqual({});
  });

  it('every page: lang="ja", one h1, headings that never skip a level, no script', () => {
    for (const [file, f] of seen) {
      expect(f.lang, file).toBe('ja');
      expect(f.h1, file).toBe(1);
      expect(f.headingLevels[0], file).toBe(1);
      f.headingLevels.forEach((level, i) => {
        if (i > 0) expect(level - f.headingLevels[i - 1]!, `${file}: h${f.headingLevels[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
      });
      expect(f.scripts + f.handlers, file).toBe(0);
    }
  });

  it('every table is a data table: a caption and header cells with scope', () => {
    for (const [file, f] of seen) {
      for (const t of f.tables) {
        expect(t.caption, file).not.toBe('');
        expect(t.ths, file).toBeGreaterThan(0);
        expect(t.thsWithoutScope, `${file}: ${t.caption}`).toBe(0);
      }
    }
  });

  it('every link resolves inside the edition folder, or is an address the data gives', () => {
    const addresses = editionAddresses(edition.dir);
    const folder = join(tmp.dir, edition.name);
    for (const [file, f] of seen) {
      for (const link of f.links) {
        expect(link.text.trim(), `${file}: ${link.href}`).not.toBe('');
        const url = new URL(link.href, urlOf(file));
        if (!url.href.startsWith(site.base)) {
          expect(addresses, `${file}: ${link.href}`).toContain(link.href);
          continue;
        }
        const target = join(tmp.dir, decodeURIComponent(url.pathname));
        expect(relative(folder, target).startsWith('..'), `${file}: ${link.href} leaves the edition`).toBe(false);
        expect(existsSync(target), `${file}: ${link.href}`).toBe(true);
        if (url.hash) {
          const onPage = seen.get(relative(join(folder, 'html'), target));
          expect(onPage?.ids, `${file}: ${link.href}`).toContain(url.hash.slice(1));
        }
        // A PDF's link says what it is: file type, size and pages.
        if (target.endsWith('.pdf')) expect(link.text, `${file}: ${link.href}`).toMatch(/PDF形式、[\d.]+[KM]B、\d+ページ/);
      }
    }
    if (edition.full) expect([...seen.values()].some((f) => f.links.some((l) => l.href.endsWith('.pdf')))).toBe(true);
  });

  it('every text of the data is in the DOM', () => {
    const dom = squash([...seen.values()].map((f) => f.text).join('\n'));
    expect(editionTexts(edition.dir, { skip: NOT_IN_HTML, numbers: true }).filter((t) => !dom.includes(t))).toEqual([]);
  });

  it('every list item of the data is a list item in the page', async () => {
    const { loadEdition } = await import('../../src/load/index.js');
    const { buildModel } = await import('../../src/model/buildModel.js');
    const loaded = await loadEdition(edition.dir);
    if (!loaded.ok) throw new Error('edition does not load');
    const items: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        const o = node as { kind?: string; items?: { marker: string; text: string }[] };
        if (o.kind === 'list' && o.items) items.push(...o.items.map((i) => squash(`${i.marker}${i.text}`)));
        else Object.values(o).forEach(walk);
      }
    };
    walk(buildModel(loaded.edition));
    const lis = new Set([...seen.values()].flatMap((f) => f.listItems.map(squash)));
    expect(items.filter((i) => !lis.has(i))).toEqual([]);
  });

  it('320 px wide and at 200 % zoom: no page scrolls sideways', () => {
    expect(wide).toEqual([]);
  });

  it("every character is drawn with the edition's own fonts, both faces loaded", () => {
    for (const file of pagesOf()) expect(faces[file], file).toEqual(['BIZ UDGothic 400 loaded', 'BIZ UDGothic 700 loaded']);
    expect(fallbacks).toEqual([]);
  });

  it('the skip link is the first stop of the keyboard and shows when focused', async () => {
    await open(urlOf('index.html'), 1280);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { href: el.getAttribute('href'), top: box.top, bottom: box.bottom, background: getComputedStyle(el).backgroundColor };
    });
    expect(focused.href).toBe('#main');
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.bottom).toBeLessThan(900);
    expect(focused.background).toBe('rgb(255, 221, 0)');
  });

  it('print: the site navigation is left out', async () => {
    await open(urlOf(pagesOf().find((f) => f !== 'index.html')!), 1280);
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() => Array.from(document.querySelectorAll('.skip-link, .breadcrumb, .pager')).map((el) => getComputedStyle(el).display));
    await page.emulateMedia({ media: 'screen' });
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((d) => d === 'none')).toBe(true);
  });
});

describe('text from data prints literally', () => {
  const hostile = '{{x}} <b>太字</b> </p><p> &amp; &lt; {{{raw}}} <script>alert(1)</script> <img src=x onerror=alert(1)>';
  const hostileWeb = 'javascript:alert(1)';
  let url: string;

  beforeAll(async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'hostile-data'));
    const dept = join(dir, 'departments/kikaku.yaml');
    const text = await readFile(dept, 'utf8');
    await writeFile(dept, text.replace('- title: 新たな参加と協働の仕組みづくり', `- title: ${JSON.stringify(hostile)}`));
    const edition = join(dir, 'edition.yaml');
    await writeFile(edition, (await readFile(edition, 'utf8')).replace(/^contact:\n/m, `contact:\n  web: ${JSON.stringify(hostileWeb)}\n`));
    const r = await cli(['build', dir, '--out', join(tmp.dir, 'hostile'), '--only', 'html']);
    expect(r.code, r.err).toBe(0);
    url = `${site.base}hostile/html/01-kikaku.html`;
  });

  it('template syntax, tags, entities and script in a title appear as typed, and make no element', async () => {
    await open(url, 1280);
    const found = await page.evaluate(() => ({
      text: document.body.textContent ?? '',
      heading: Array.from(document.querySelectorAll('h3')).map((h) => h.textContent ?? ''),
      made: document.querySelectorAll('b, script, img, p p').length,
    }));
    expect(found.heading.map(squash).filter((h) => h.endsWith(squash(hostile)))).toHaveLength(1);
    expect(squash(found.text)).toContain(squash(hostile));
    expect(found.made).toBe(0);
  });

  it('an address that is not http(s) prints as text, never as a link', async () => {
    await open(`${site.base}hostile/html/index.html`, 1280);
    const found = await page.evaluate(() => ({ text: document.body.textContent ?? '', hrefs: Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? '') }));
    expect(found.text).toContain(hostileWeb);
    expect(found.hrefs.filter((h) => h.startsWith('javascript'))).toEqual([]);
  });
});

describe('requests', () => {
  it('nothing was requested outside the served folder, and nothing failed', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    expect(failed).toEqual([]);
    for (const url of requested) expect([...EDITIONS.map((e) => e.name), 'hostile'].some((name) => url.startsWith(`${site.base}${name}/`)), url).toBe(true);
  });
});
