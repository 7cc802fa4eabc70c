import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charClass, noLineEnd, noLineStart } from '../../src/typeset/japanese/classes.js';
import { cli } from '../helpers/cli.js';
import { scratch } from '../helpers/fixtures.js';
import { readPdf } from '../helpers/pdf.js';
import type { TypesetReport } from '../../src/typeset/report.js';

// The rules are checked where a reader meets them: in the text read back from the PDFs.
let tmp: Awaited<ReturnType<typeof scratch>>;
const editions = ['2020', 'sample'] as const;
const outs: Record<string, string> = {};

beforeAll(async () => {
  tmp = await scratch();
  for (const e of editions) {
    outs[e] = join(tmp.dir, e);
    const r = await cli(['build', `data/${e}`, '--out', outs[e]!, '--only', 'booklet,inserts,digest', '--report']);
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(() => tmp.cleanup());

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々、。「」『』（）・]/u;

describe.each(editions)('data/%s', (edition) => {
  it('no line starts with a prohibited character, none ends with an opening bracket', async () => {
    const manifest = JSON.parse(await readFile(join(outs[edition]!, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    let checked = 0;
    for (const f of manifest.files) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(outs[edition]!, f.path))));
      for (const [p, lines] of pdf.lines.entries()) {
        for (const line of lines) {
          const t = line.trim();
          if (t === '') continue;
          checked++;
          const first = t.codePointAt(0)!;
          const last = [...t].at(-1)!.codePointAt(0)!;
          // A line made of one closing mark can be a table cell of its own (e.g. "―").
          if ([...t].length > 1) expect(noLineStart(charClass(first)), `${f.path} p${p + 1}: "${t}"`).toBe(false);
          expect(noLineEnd(charClass(last)), `${f.path} p${p + 1}: "${t}"`).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('no space appears between two Japanese characters, and numbers keep their units', async () => {
    const pdf = await readPdf(new Uint8Array(await readFile(join(outs[edition]!, 'booklet.pdf'))));
    for (const [p, items] of pdf.items.entries()) {
      // Within one run of text: a gap between table cells is a separate item.
      for (const item of items) {
        for (const m of item.matchAll(/(.) (.)/gu)) {
          const spaced = JAPANESE.test(m[1]!) && JAPANESE.test(m[2]!);
          expect(spaced, `p${p + 1}: "${item}"`).toBe(false);
        }
      }
    }
    for (const [p, lines] of pdf.lines.entries()) {
      lines.forEach((line, i) => {
        const next = lines[i + 1];
        if (next && /\d$/.test(line) && /^[年度月日号倍人件回円%％]/u.test(next)) {
          expect.fail(`p${p + 1}: number split across lines: "${line}" / "${next}"`);
        }
      });
    }
  });

  it('the typesetting report counts no violations and no loose lines', async () => {
    const report = JSON.parse(await readFile(join(outs[edition]!, 'typesetting-report.json'), 'utf8')) as Record<string, TypesetReport>;
    for (const [file, r] of Object.entries(report)) {
      expect(r.lineStartViolations + r.lineEndViolations + r.numberSplits, file).toBe(0);
      expect(r.maxStretchEm, file).toBeLessThan(0.15);
    }
  });
});
