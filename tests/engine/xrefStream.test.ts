/**
 * Screen PDFs end with a cross-reference stream (src/engine/xrefStream.ts). Read back here
 * by hand, as a reader would: every entry must point at its object, the stream must list
 * itself, and the trailer keys must be in its dictionary. pdf-lib (the print path's reader)
 * and Ghostscript must open the file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xrefStream } from '../../src/engine/xrefStream.js';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { ROOT } from '../helpers/fixtures.js';
import { gs } from '../helpers/tools.js';

/** The entries of a predicted, deflated xref stream: [type, field 2, field 3] each. */
function decode(data: Buffer, widths: readonly number[]): number[][] {
  const columns = widths.reduce((a, b) => a + b, 0);
  const predicted = inflateSync(data);
  expect(predicted.length % (columns + 1)).toBe(0);
  const rows: number[][] = [];
  let above = new Array<number>(columns).fill(0);
  for (let at = 0; at < predicted.length; at += columns + 1) {
    expect(predicted[at]).toBe(2); // PNG Up on every row
    const row = Array.from({ length: columns }, (_, c) => (predicted[at + 1 + c]! + above[c]!) & 0xff);
    above = row;
    let k = 0;
    rows.push(widths.map((w) => row.slice(k, (k += w)).reduce((n, b) => n * 256 + b, 0)));
  }
  return rows;
}

describe('xrefStream', () => {
  it('lists object 0 as the free head and each offset as an in-use object, in order', () => {
    const offsets = [15, 200, 201, 4000, 65535, 65536, 70000];
    const x = xrefStream(offsets);
    expect(decode(x.data, x.widths)).toEqual([[0, 0, 65535], ...offsets.map((o) => [1, o, 0])]);
    expect(x.columns).toBe(1 + x.widths[1] + 2);
  });

  it('writes an offset in as few bytes as the largest needs', () => {
    expect(xrefStream([10, 255]).widths).toEqual([1, 1, 2]);
    expect(xrefStream([10, 256]).widths).toEqual([1, 2, 2]);
    expect(xrefStream([70_000]).widths).toEqual([1, 3, 2]);
    expect(xrefStream([2 ** 24]).widths).toEqual([1, 4, 2]);
    expect(() => xrefStream([2 ** 32])).toThrow(/more than 4 bytes/);
  });
});

describe('a screen PDF read back through its cross-reference stream', () => {
  let dir: string;
  let bytes: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xref-'));
    await buildEdition({ editionDir: join(ROOT, 'data/sample'), outDir: dir, only: ['booklet'] }, await loadResources());
    bytes = readFileSync(join(dir, 'booklet.pdf'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no classic table; startxref names the stream, whose every entry points at its object', () => {
    const text = bytes.toString('latin1');
    expect(text).not.toMatch(/\nxref\n/);
    expect(text).not.toMatch(/\ntrailer\n/);
    const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    const head = /^(\d+) 0 obj\n<<(.*?)>>\nstream\n/s.exec(text.slice(start, start + 400));
    expect(head).not.toBeNull();
    const self = Number(head![1]);
    const dict = head![2]!;
    expect(dict).toContain('/Type/XRef');
    expect(dict).toMatch(/\/Root \d+ 0 R/);
    expect(dict).toMatch(/\/Info \d+ 0 R/);
    expect(dict).toMatch(/\/ID\[<[0-9a-f]{32}><[0-9a-f]{32}>\]/);
    const size = Number(/\/Size (\d+)/.exec(dict)![1]);
    expect(size).toBe(self + 1);
    const widths = /\/W\[(\d+) (\d+) (\d+)\]/.exec(dict)!.slice(1).map(Number);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const dataAt = start + head![0].length;
    const entries = decode(bytes.subarray(dataAt, dataAt + length), widths);
    expect(entries).toHaveLength(size);
    expect(entries[0]).toEqual([0, 0, 65535]);
    for (const [n, [type, offset, gen]] of entries.entries()) {
      if (n === 0) continue;
      expect(type).toBe(1);
      expect(gen).toBe(0);
      expect(text.startsWith(`${n} 0 obj`, offset), `object ${n} at ${offset}`).toBe(true);
    }
    expect(entries[self]![1]).toBe(start);
  });

  it('opens in pdf-lib (the print path reads it) and Ghostscript with every page', async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(16);
    expect(doc.getTitle()).toContain('各部の運営方針と目標');
    const out = gs(['-sDEVICE=nullpage', join(dir, 'booklet.pdf')]);
    expect(out.status).toBe(0);
    // Ghostscript says so when it has to rebuild a damaged cross-reference.
    expect(out.output).toBe('');
  });
});
