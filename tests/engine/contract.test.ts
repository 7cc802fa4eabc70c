/**
 * What the engine's patches rely on in pdfmake, pdfkit and fontkit: the pinned versions,
 * and the code of every method a patch replaces, wraps, reimplements or calls into. A
 * dependency update that changes any of them fails here, naming the method: read its new
 * code against the patch (src/engine/), then record the new hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedVersions, MEASURED_VERSIONS } from '../../src/engine/modules.js';
import { ROOT } from '../helpers/fixtures.js';

type Fn = (...args: never[]) => unknown;

/** name → [arity, first 16 hex digits of the sha256 of its source]. */
const RELIED_ON: Readonly<Record<string, readonly [number, string]>> = {
  'pdfkit PDFDocument#_addInfo': [0, '82d2030355260523'],
  'pdfkit PDFDocument#_write': [1, 'cb6025cb807e6776'],
  'pdfkit PDFDocument#endOutline': [0, 'e2c0eca559028555'],
  'pdfkit PDFDocument#end': [0, 'a867c0c56a0ad66a'],
  'pdfkit PDFDocument#_fragment': [4, '3582fda36bf1094e'],
  'pdfkit EmbeddedFont#encode': [2, '8829b1a80749bb7b'],
  'pdfkit EmbeddedFont#embed': [0, '7861231aa16dda3d'],
  'pdfkit EmbeddedFont#layoutRun': [2, 'a860ec491bf13a9b'],
  'pdfkit PDFDocument#_finalize': [0, '05ec9f649fb44959'],
  'pdfkit PDFDocument#_setColorCore': [2, 'a8a76d8e98af0a51'],
  'pdfkit PDFDocument#_normalizeColor': [1, '5353c2886a3eeef8'],
  'pdfkit PDFReference#write': [1, 'd908ca396fbfefdf'],
  'pdfkit PDFReference#finalize': [0, '8af9e473a0841475'],
  // Tagging (engine/tagging).
  'pdfkit PDFDocument#annotate': [5, 'e427cc69eb2b4cb9'],
  'pdfkit PDFDocument#markContent': [1, '49474afc17f13c39'],
  'pdfkit PDFDocument#markStructureContent': [1, 'e55a204ea8ce4f5d'],
  'pdfkit PDFDocument#endMarkedContent': [0, 'e955137ddb69de42'],
  'pdfkit PDFDocument#addStructure': [1, '2a0e18d7eb47c1d9'],
  'pdfkit PDFStructureElement#_isValidChild': [1, '3e72c15f2fe667e8'],
  'pdfkit PDFStructureElement#_flushChild': [1, '8bed53b3b9a50fc4'],
  'pdfmake Renderer#renderImage': [1, '59da5a9700c20a2c'],
  'pdfmake Renderer#renderSVG': [1, '117c94b48793ffb7'],
  'pdfmake DocMeasure#measureLeaf': [1, 'f85585f0d251badf'],
  'pdfmake Renderer#renderLine': [3, 'b71f57566c6b6c5f'],
  'pdfmake Renderer#renderPages': [1, '429c66b67fe2b5a6'],
  'pdfmake Renderer#renderVector': [1, '5d19ddae02ff9306'],
  'pdfmake StyleContextStack.getStyleProperty': [4, 'ca42470130b7e9d1'],
  'pdfmake TextInlines#buildInlines': [2, '327a931593789411'],
  'pdfmake LayoutBuilder#addHeadersAndFooters': [2, '41bf8d0dbafffc69'],
  'pdfmake LayoutBuilder#layoutDocument': [9, '9447035c5308b90f'],
  'fontkit TTFFont#layout': [5, 'd21bf931823a8e7c'],
  'fontkit TTFFont#getGlyph': [1, '4ab9f223f0f99c5b'],
  'fontkit TTFFont#createSubset': [0, '5573fcb763d8b65e'],
  'fontkit TTFFont#_getTableStream': [1, 'ba233717447e6f44'],
  'fontkit TTFSubset#encode': [0, '7e64d77ad1ba59de'],
  'fontkit TTFGlyph#_decode': [0, '25a4890ab467a51a'],
  'fontkit Glyph#_getMetrics': [1, 'a1528af592bbbb70'],
};

function reliedOn(): Record<string, Fn | undefined> {
  const ours = createRequire(import.meta.url);
  const pdfmake = createRequire(ours.resolve('pdfmake'));
  const pdfkitRequire = createRequire(pdfmake.resolve('pdfkit'));
  const PDFDocument = pdfmake('pdfkit') as { new (o: object): any; prototype: Record<string, Fn> };
  const fontkit = pdfkitRequire(pdfkitRequire.resolve('fontkit')) as { create(b: Buffer): any };
  const mod = (name: string) => (pdfmake(`pdfmake/js/${name}`) as { default: any }).default;
  const bytes = readFileSync(join(ROOT, 'fonts/BIZUDMincho-Regular.ttf'));
  const font = fontkit.create(bytes);
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.addPage();
  doc.font(bytes);
  const embedded = Object.getPrototypeOf(doc._font) as Record<string, Fn>;
  const structElement = Object.getPrototypeOf(doc.struct('P')) as Record<string, Fn>;
  const reference = Object.getPrototypeOf(doc.ref({})) as Record<string, Fn>;
  const ttf = Object.getPrototypeOf(font) as Record<string, Fn>;
  const glyph = Object.getPrototypeOf(font.getGlyph(font.glyphForCodePoint(0x6c38).id)) as Record<string, Fn>;
  const Renderer = mod('Renderer').prototype;
  const LayoutBuilder = mod('LayoutBuilder').prototype;
  // Each prototype with the methods the patches replace or read, named `package Class#method`.
  const of = (label: string, proto: Record<string, Fn>, names: readonly string[]) =>
    names.map((n): [string, Fn | undefined] => [`${label}#${n}`, proto[n]]);
  return Object.fromEntries([
    ...of('pdfkit PDFDocument', PDFDocument.prototype, [
      '_addInfo', '_write', 'endOutline', 'end', '_fragment', '_finalize', '_setColorCore', '_normalizeColor',
      'annotate', 'markContent', 'markStructureContent', 'endMarkedContent', 'addStructure',
    ]),
    ...of('pdfkit EmbeddedFont', embedded, ['encode', 'embed', 'layoutRun']),
    ...of('pdfkit PDFReference', reference, ['write', 'finalize']),
    ...of('pdfkit PDFStructureElement', structElement, ['_isValidChild', '_flushChild']),
    ...of('pdfmake Renderer', Renderer, ['renderImage', 'renderSVG', 'renderLine', 'renderPages', 'renderVector']),
    ...of('pdfmake DocMeasure', mod('DocMeasure').prototype, ['measureLeaf']),
    ['pdfmake StyleContextStack.getStyleProperty', mod('StyleContextStack').getStyleProperty],
    ...of('pdfmake TextInlines', mod('TextInlines').prototype, ['buildInlines']),
    ...of('pdfmake LayoutBuilder', LayoutBuilder, ['addHeadersAndFooters', 'layoutDocument']),
    ...of('fontkit TTFFont', ttf, ['layout', 'getGlyph', 'createSubset', '_getTableStream']),
    ...of('fontkit TTFSubset', Object.getPrototypeOf(font.createSubset()), ['encode']),
    ...of('fontkit TTFGlyph', glyph, ['_decode']),
    ...of('fontkit Glyph', Object.getPrototypeOf(glyph), ['_getMetrics']),
  ]);
}

describe('the engine and the packages it patches', () => {
  it('package.json pins exactly the versions the engine was measured against', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(MEASURED_VERSIONS)) expect(pkg.dependencies[name], name).toBe(version);
  });

  it('those versions are installed (and the engine checks so before it loads them)', () => {
    expect(installedVersions()).toEqual(MEASURED_VERSIONS);
  });

  it('every method the patches rely on is there, with the arity and code they were written against', () => {
    const found = reliedOn();
    const actual = Object.fromEntries(
      Object.entries(found).map(([name, fn]) => [name, typeof fn === 'function' ? [fn.length, createHash('sha256').update(fn.toString()).digest('hex').slice(0, 16)] : ['missing']]),
    );
    expect(actual).toEqual(RELIED_ON);
  });
});
