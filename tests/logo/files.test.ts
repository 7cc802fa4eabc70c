// The logo file as read: an SVG's colours and what no PDF (or only the print PDF) can
// take, with their places; every PNG form into RGBA and back out in one plain form; a
// JPEG's frame header.
import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectLogo } from '../../src/logo/asset.js';
import { decodePng, encodePng, pngHeader } from '../../src/logo/png.js';
import { offsetPosition } from '../../src/logo/place.js';
import { parseSvgColour, svgPaint } from '../../src/logo/svgColours.js';
import { ruleCmyk } from '../../src/logo/print.js';

describe('SVG paint', () => {
  it('finds every colour in attributes, style attributes and <style>, in the forms the renderer reads', () => {
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">',
      '<style>.a { fill: #00873C; stroke:red }</style>',
      '<!-- fill="#123456" is a comment -->',
      '<rect fill="#fff" stroke=\'rgb(10, 20, 30)\'/>',
      '<path style="fill:rgb(50%,0%,100%);stroke:none"/>',
      '<circle fill="url(#g) navy"/><stop stop-color="currentColor"/>',
      '</svg>',
    ].join('\n');
    const p = svgPaint(svg);
    expect(p.colours.map((c) => [c.hex, c.raw])).toEqual([
      ['#00873c', '#00873C'],
      ['#ff0000', 'red'],
      ['#ffffff', '#fff'],
      ['#0a141e', 'rgb(10, 20, 30)'],
      ['#7f00ff', 'rgb(50%,0%,100%)'],
      ['#000080', 'navy'],
    ]);
    expect(p.problems).toEqual([]);
    const at = (raw: string) => offsetPosition(svg, p.colours.find((c) => c.raw === raw)!.offset);
    expect(at('#00873C')).toEqual({ line: 2, column: 19 });
    expect(at('#fff')).toEqual({ line: 4, column: 13 });
  });

  it('names what print cannot take (transparency, masks) and what no PDF can (cmyk(), text, images, filters)', () => {
    const p = svgPaint(
      '<svg viewBox="0 0 1 1"><rect opacity="0.5" fill="rgba(0,0,0,0.3)"/><g style="fill-opacity: 80%"/>' +
        '<mask/><text>市</text><image href="x.png"/><filter/><rect fill="cmyk(0,10,20,0)"/><rect opacity="1"/></svg>',
    );
    expect(p.problems.map((x) => [x.refuses, x.message.split(':')[0]])).toEqual([
      ['print', 'opacity 0.5'],
      ['print', 'rgba(0,0,0,0.3)'],
      ['print', 'fill-opacity 80%'],
      ['all', 'cmyk(0,10,20,0)'],
      ['print', '<mask>'],
      ['all', '<text>'],
      ['all', '<image>'],
      ['all', '<filter>'],
    ]);
    expect(parseSvgColour('#ABC')).toEqual({ hex: '#aabbcc', alpha: 1 });
    expect(parseSvgColour('hsl(0, 100%, 50%)')).toBeUndefined();
  });

  it('the conversion rule: K = 1 − max(R, G, B), C/M/Y against it; greys on K alone', () => {
    expect(ruleCmyk('#00873c')).toEqual([100, 0, 56, 47]);
    expect(ruleCmyk('#808080')).toEqual([0, 0, 0, 50]);
    expect(ruleCmyk('#ffffff')).toEqual([0, 0, 0, 0]);
    expect(ruleCmyk('#000000')).toEqual([0, 0, 0, 100]);
  });
});

/** A PNG of any form, written here from the specification (independent of src/logo/png.ts). */
function png(o: { width: number; height: number; colourType: number; bitDepth: number; rows: number[][]; palette?: number[]; trns?: number[]; interlace?: boolean }): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
    return Buffer.concat([head, data, crc]);
  };
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[o.colourType]!;
  const packRow = (samples: number[]) => {
    const bits = samples.length * o.bitDepth;
    const out = new Uint8Array(Math.ceil(bits / 8));
    samples.forEach((v, i) => {
      if (o.bitDepth === 16) out.set([v >> 8, v & 0xff], i * 2);
      else if (o.bitDepth === 8) out[i] = v;
      else out[(i * o.bitDepth) >> 3]! |= v << (8 - o.bitDepth - ((i * o.bitDepth) & 7));
    });
    return out;
  };
  const rowsOf = (xs: number[], ys: number[]) => ys.map((y) => xs.flatMap((x) => o.rows[y]!.slice(x * channels, (x + 1) * channels)));
  const passes = o.interlace
    ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]]
    : [[0, 0, 1, 1]];
  const parts: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const xs = [...Array(o.width).keys()].filter((x) => x >= x0! && (x - x0!) % dx! === 0);
    const ys = [...Array(o.height).keys()].filter((y) => y >= y0! && (y - y0!) % dy! === 0);
    if (xs.length === 0 || ys.length === 0) continue;
    // Filter type 1 (Sub) on every row, to exercise the unfiltering.
    for (const row of rowsOf(xs, ys)) {
      const raw = packRow(row);
      const bpp = Math.max(1, (channels * o.bitDepth) >> 3);
      parts.push(1, ...raw.map((v, i) => (v - (i >= bpp ? raw[i - bpp]! : 0)) & 0xff));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr.set([o.bitDepth, o.colourType, 0, 0, o.interlace ? 1 : 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...(o.palette ? [chunk('PLTE', new Uint8Array(o.palette))] : []),
      ...(o.trns ? [chunk('tRNS', new Uint8Array(o.trns))] : []),
      chunk('IDAT', deflateSync(new Uint8Array(parts))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

const pixels = (rgba: Uint8Array) => Array.from({ length: rgba.length / 4 }, (_, i) => [...rgba.subarray(i * 4, i * 4 + 4)]);

describe('PNG', () => {
  it('reads every colour type and depth into RGBA', () => {
    const rgb = png({ width: 2, height: 1, colourType: 2, bitDepth: 8, rows: [[0, 135, 60, 255, 255, 255]] });
    expect(pixels(decodePng(rgb).rgba)).toEqual([[0, 135, 60, 255], [255, 255, 255, 255]]);
    const rgba16 = png({ width: 1, height: 1, colourType: 6, bitDepth: 16, rows: [[0xff00, 0x0000, 0x8080, 0x8000]] });
    expect(pixels(decodePng(rgba16).rgba)).toEqual([[255, 0, 128, 128]]);
    const grey2 = png({ width: 4, height: 1, colourType: 0, bitDepth: 2, rows: [[0, 1, 2, 3]] });
    expect(pixels(decodePng(grey2).rgba).map((p) => p[0])).toEqual([0, 85, 170, 255]);
    const greyAlpha = png({ width: 1, height: 1, colourType: 4, bitDepth: 8, rows: [[100, 50]] });
    expect(pixels(decodePng(greyAlpha).rgba)).toEqual([[100, 100, 100, 50]]);
    const palette = png({ width: 3, height: 1, colourType: 3, bitDepth: 4, rows: [[0, 1, 2]], palette: [0, 135, 60, 230, 0, 18, 255, 255, 255], trns: [255, 255, 0] });
    expect(pixels(decodePng(palette).rgba)).toEqual([[0, 135, 60, 255], [230, 0, 18, 255], [255, 255, 255, 0]]);
    const keyed = png({ width: 2, height: 1, colourType: 2, bitDepth: 8, rows: [[1, 2, 3, 4, 5, 6]], trns: [0, 1, 0, 2, 0, 3] });
    expect(pixels(decodePng(keyed).rgba).map((p) => p[3])).toEqual([0, 255]);
  });

  it('reads Adam7-interlaced images pixel for pixel like plain ones', () => {
    const rows = Array.from({ length: 11 }, (_, y) => Array.from({ length: 13 * 3 }, (_, i) => (y * 31 + i * 7) & 0xff));
    const plain = decodePng(png({ width: 13, height: 11, colourType: 2, bitDepth: 8, rows }));
    const interlaced = decodePng(png({ width: 13, height: 11, colourType: 2, bitDepth: 8, rows, interlace: true }));
    expect(pngHeader(png({ width: 13, height: 11, colourType: 2, bitDepth: 8, rows, interlace: true })).interlaced).toBe(true);
    expect(Buffer.compare(interlaced.rgba, plain.rgba)).toBe(0);
  });

  it('writes one plain form: RGB when opaque, RGBA otherwise; the same pixels read back', () => {
    const opaque = { width: 2, height: 2, rgba: new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]) };
    const written = encodePng(opaque);
    expect(pngHeader(written)).toEqual({ width: 2, height: 2, bitDepth: 8, colourType: 2, interlaced: false });
    expect(Buffer.compare(decodePng(written).rgba, opaque.rgba)).toBe(0);
    const clear = { ...opaque, rgba: opaque.rgba.map((v, i) => (i === 3 ? 0 : v)) };
    expect(pngHeader(encodePng(clear)).colourType).toBe(6);
  });

  it('a damaged PNG is a message, not a crash', () => {
    const good = png({ width: 1, height: 1, colourType: 2, bitDepth: 8, rows: [[1, 2, 3]] });
    const r = inspectLogo(good.subarray(0, 40), 'logo/x.png', 'logo/x.png');
    expect('problem' in r && r.problem).toMatch(/^not a PNG that can be read: /);
  });
});

describe('the logo file', () => {
  it('is told by its bytes: SVG with its size, PNG rewritten plain, JPEG by its frame header', () => {
    const svg = inspectLogo(new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120mm" height="40mm"><rect fill="#00873c"/></svg>'), 'logo/m.svg', 'logo/m.svg');
    expect('logo' in svg && [svg.logo.kind, svg.logo.width, svg.logo.height, svg.logo.paint?.colours.length]).toEqual(['svg', 120, 40, 1]);
    const noSize = inspectLogo(new TextEncoder().encode('<svg><rect/></svg>'), 'logo/m.svg', 'logo/m.svg');
    expect('problem' in noSize && noSize.problem).toMatch(/gives no size: add a viewBox/);
    const pal = png({ width: 1, height: 1, colourType: 3, bitDepth: 8, rows: [[0]], palette: [9, 8, 7] });
    const p = inspectLogo(pal, 'logo/m.png', 'logo/m.png');
    expect('logo' in p && pngHeader(p.logo.image!).colourType).toBe(2);
    // SOI, SOF0 (8 bits, 30×20, 3 components), EOI: enough to be told apart.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0, 20, 0, 30, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    const j = inspectLogo(jpeg, 'logo/m.jpg', 'logo/m.jpg');
    expect('logo' in j && [j.logo.kind, j.logo.width, j.logo.height, j.logo.components]).toEqual(['jpeg', 30, 20, 3]);
    expect('problem' in inspectLogo(new TextEncoder().encode('GIF89a'), 'logo/m.gif', 'logo/m.gif')).toBe(true);
  });
});
