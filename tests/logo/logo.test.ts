// A city's logo on the cover, the back cover and each insert's strip, from a project made
// by booklet init: in the screen PDFs as drawn (RGB, PDF/A as before), in the print PDF
// in CMYK only: an SVG's colours through the theme's table, a PNG's pixels by the rule
// with its transparency as a stencil; what print cannot take refused with its place.
import { inflateSync } from 'node:zlib';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/logo/png.js';
import { cli } from '../helpers/cli.js';
import { scratch } from '../helpers/fixtures.js';
import { pageSource } from '../helpers/contentWalk.js';
import { pdfxProblems } from '../helpers/pdfx.js';
import { fontsOf } from '../helpers/pdfStructure.js';
import { separations } from '../helpers/tools.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let base: string;

/** The city mark: a green disc, a white triangle and a red bar (no text: that goes to outlines). */
const MARK = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">',
  '  <circle cx="20" cy="20" r="18" fill="#00873c"/>',
  '  <path d="M10 26 L20 8 L30 26 Z" fill="#ffffff"/>',
  '  <rect x="44" y="16" width="70" height="8" style="fill: #e60012"/>',
  '</svg>',
  '',
].join('\n');
const COLOURS = "logo:\n  colors:\n    green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }\n    red: { rgb: '#e60012', cmyk: [0, 100, 100, 0] }\n";

beforeAll(async () => {
  tmp = await scratch('booklet-logo-');
  base = join(tmp.dir, 'base');
  expect((await cli(['init', base])).code).toBe(0);
});
afterAll(() => tmp.cleanup());

async function project(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(tmp.dir, name);
  await cp(base, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) await writeFile(join(dir, rel), content);
  return dir;
}

const config = (logo: string) => `logo: ${logo}\ntheme: theme.yaml\n`;
const load = async (path: string) => PDFDocument.load(await readFile(path), { updateMetadata: false });
/** pdfkit's RGB operands for #rrggbb. */
const rgbOps = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).join(' ');

describe('an SVG logo', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project('svg', { 'logo/mark.svg': MARK, 'booklet.config.yaml': config('logo/mark.svg'), 'theme.yaml': COLOURS });
    const r = await cli(['build', 'editions/sample', '--only', 'booklet,print,inserts'], dir);
    expect(r.code, r.err).toBe(0);
  }, 120_000);

  it('is drawn on the cover, the back cover and every insert strip of the screen PDFs, which stay RGB and PDF/A', async () => {
    const booklet = await load(join(dir, 'output/sample/booklet.pdf'));
    const last = booklet.getPageCount() - 1;
    for (const page of [0, last]) {
      expect(pageSource(booklet, page)).toContain(`${rgbOps('#00873c')} scn`);
      expect(pageSource(booklet, page)).toContain(`${rgbOps('#e60012')} scn`);
    }
    // not on the pages between
    expect(pageSource(booklet, 2)).not.toContain(`${rgbOps('#e60012')} scn`);
    const insert = await load(join(dir, 'output/sample/inserts/01-kikaku-seisaku.pdf'));
    expect(pageSource(insert, 0)).toContain(`${rgbOps('#00873c')} scn`);
    const bytes = new Uint8Array(await readFile(join(dir, 'output/sample/booklet.pdf')));
    expect(Buffer.from(bytes).toString('utf8')).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/DeviceCMYK/);
    for (const font of fontsOf(bytes)) expect(font.baseFont).toMatch(/^[A-Z]{6}\+BIZUD(Gothic|Mincho)-/);
  });

  it('prints in the CMYK the theme gives its colours, and the print PDF stays PDF/X-1a', async () => {
    const path = join(dir, 'output/sample/booklet-print.pdf');
    const bytes = new Uint8Array(await readFile(path));
    expect(await pdfxProblems(bytes)).toEqual([]);
    const print = await load(path);
    expect(pageSource(print, 0)).toContain('1 0 0.9 0.2 scn');
    expect(pageSource(print, 0)).toContain('0 1 1 0 scn');
    // The plates: somewhere on the cover, C 100 Y 90 K 20 and no magenta: the green of the mark.
    const p = separations(path, 1, 36);
    let green = 0;
    for (let i = 0; i < p.Cyan.ink.length; i++) {
      if (p.Cyan.ink[i]! > 250 && Math.abs(p.Yellow.ink[i]! - 230) < 4 && Math.abs(p.Black.ink[i]! - 51) < 4 && p.Magenta.ink[i]! < 3) green++;
    }
    expect(green).toBeGreaterThan(20);
  });

  it('a colour the theme does not give is refused for print with its place and the CMYK to add; the screen PDFs still build', async () => {
    const dir2 = await project('svg-unmapped', { 'logo/mark.svg': MARK, 'booklet.config.yaml': config('logo/mark.svg') });
    const r = await cli(['build', 'editions/sample', '-o', join(tmp.dir, 'unmapped-out')], dir2);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^logo\/mark\.svg:2:40: error: #00873c: the theme gives this colour no CMYK; add it under logo\.colors in the theme, e\.g\. "name: \{ rgb: '#00873c', cmyk: \[100, 0, 56, 47\] \}"/m);
    expect(r.err).toMatch(/^logo\/mark\.svg:4:58: error: #e60012: /m);
    expect(r.err).not.toMatch(/#ffffff/); // white is the theme's paper
    expect(r.err).toMatch(/nothing was written/);
    const check = await cli(['check', 'editions/sample'], dir2);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/#00873c: the theme gives this colour no CMYK/);
    const screen = await cli(['build', 'editions/sample', '-o', join(tmp.dir, 'unmapped-out'), '--only', 'digest,booklet'], dir2);
    expect(screen.code, screen.err).toBe(0);
    // `convert` accepts the rule, as documented
    await writeFile(join(dir2, 'theme.yaml'), 'logo:\n  unmapped: convert\n');
    expect((await cli(['check', 'editions/sample'], dir2)).code).toBe(0);
  });

  it('transparency, text and embedded images are refused with their places', async () => {
    const svg = MARK.replace('fill="#ffffff"/>', 'fill="#ffffff" opacity="0.6"/>\n  <text x="44" y="34">見本市</text>');
    const dir3 = await project('svg-bad', { 'logo/mark.svg': svg, 'booklet.config.yaml': config('logo/mark.svg'), 'theme.yaml': COLOURS });
    const r = await cli(['check', 'editions/sample'], dir3);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^logo\/mark\.svg:4:3: error: <text>: text in an SVG logo is not drawn with the booklet's fonts; convert it to outlines/m);
    const noText = await project('svg-opacity', { 'logo/mark.svg': svg.replace(/\n  <text.*<\/text>/, ''), 'booklet.config.yaml': config('logo/mark.svg'), 'theme.yaml': COLOURS });
    const o = await cli(['build', 'editions/sample', '--only', 'print'], noText);
    expect(o.code).toBe(1);
    expect(o.err).toMatch(/^logo\/mark\.svg:3:\d+: error: opacity 0\.6: the print PDF \(PDF\/X-1a\) has no transparency/m);
  });
});

/** A 60×24 PNG: a green disc on transparent ground, a red bar, antialiased edges (alpha between). */
function markPng(): Uint8Array {
  const width = 60;
  const height = 24;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x + 0.5 - 12, y + 0.5 - 12);
      const i = (y * width + x) * 4;
      if (d < 10.5) rgba.set([0, 0x87, 0x3c, d < 9.5 ? 255 : 100], i);
      else if (x >= 28 && x < 58 && y >= 10 && y < 14) rgba.set([0xe6, 0x00, 0x12, 255], i);
    }
  }
  return encodePng({ width, height, rgba });
}

describe('a PNG logo', () => {
  it('is refused for print unless the theme accepts converting its pixels', async () => {
    const dir = await project('png-refused', { 'logo/mark.png': markPng(), 'booklet.config.yaml': config('logo/mark.png'), 'theme.yaml': COLOURS });
    const r = await cli(['check', 'editions/sample'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^logo\/mark\.png: error: a PNG logo's pixels have no CMYK in the theme: .*set logo\.unmapped: convert/m);
  });

  it('prints as a CMYK image (theme colours exact, the rest by the rule) with a stencil mask, no soft mask', async () => {
    const dir = await project('png', { 'logo/mark.png': markPng(), 'booklet.config.yaml': config('logo/mark.png'), 'theme.yaml': `${COLOURS}  unmapped: convert\n` });
    const r = await cli(['build', 'editions/sample', '--only', 'booklet,print'], dir);
    expect(r.code, r.err).toBe(0);
    const screen = await load(join(dir, 'output/sample/booklet.pdf'));
    const images = (doc: PDFDocument) =>
      doc.context.enumerateIndirectObjects().flatMap(([, o]) => (o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? [o] : []));
    const screenImage = images(screen).find((i) => i.dict.get(PDFName.of('SMask')))!;
    expect(screenImage.dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'));
    // Drawn on the cover and the back cover, embedded once.
    expect(images(screen).filter((i) => i.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceRGB'))).toHaveLength(1);

    const bytes = new Uint8Array(await readFile(join(dir, 'output/sample/booklet-print.pdf')));
    expect(await pdfxProblems(bytes)).toEqual([]);
    const print = await PDFDocument.load(bytes, { updateMetadata: false });
    const cmyk = images(print).find((i) => i.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceCMYK'))!;
    expect(cmyk.dict.get(PDFName.of('SMask'))).toBeUndefined();
    const pixels = inflateSync(cmyk.contents);
    const at = (x: number, y: number) => [...pixels.subarray((y * 60 + x) * 4, (y * 60 + x) * 4 + 4)];
    expect(at(12, 12)).toEqual([255, 0, 230, 51]); // #00873c: the theme's green, exactly
    expect(at(40, 11)).toEqual([0, 255, 255, 0]); // #e60012: the theme's red
    const mask = print.context.lookup(cmyk.dict.get(PDFName.of('Mask'))) as PDFRawStream;
    expect(mask.dict.get(PDFName.of('ImageMask'))?.toString()).toBe('true');
    const bits = inflateSync(mask.contents);
    const hidden = (x: number, y: number) => (bits[y * 8 + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
    expect(hidden(12, 12)).toBe(false); // the disc is painted
    expect(hidden(0, 0)).toBe(true); // the ground is not
    expect(hidden(2, 12)).toBe(true); // alpha 100 of 255 at the rim: below half, not painted
    expect(print.catalog.lookup(PDFName.of('OutputIntents'))).toBeDefined();
    expect(print.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict)).toBeDefined();
  }, 120_000);
});

describe('a JPEG logo', () => {
  // SOI, SOF0 (8 bits, 30×20, n components), EOI: enough to be told what it is.
  const jpeg = (components: number) =>
    new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 8 + 3 * components, 8, 0, 20, 0, 30, components, ...Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat(), 0xff, 0xd9]);

  it('in RGB is refused for print (no JPEG decoder to convert it); in CMYK refused for the screen PDFs', async () => {
    const rgb = await project('jpeg-rgb', { 'logo/mark.jpg': jpeg(3), 'booklet.config.yaml': config('logo/mark.jpg') });
    const r = await cli(['check', 'editions/sample'], rgb);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^logo\/mark\.jpg: error: an RGB JPEG cannot be converted to CMYK here; save the logo as PNG/m);
    const cmyk = await project('jpeg-cmyk', { 'logo/mark.jpg': jpeg(4), 'booklet.config.yaml': config('logo/mark.jpg') });
    const c = await cli(['check', 'editions/sample'], cmyk);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/booklet\.config\.yaml:1:7: error: logo\/mark\.jpg: a CMYK JPEG cannot go into the screen PDFs/);
  });
});
