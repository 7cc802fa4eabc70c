// The glyph check names each character the fonts cannot print at its own line and column,
// also inside block and folded texts; and the faces a text may be set in all have the
// same characters, so checking them all is checking exactly the face chosen.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEdition, type LoadedEdition } from '../../src/load/index.js';
import { loadResources, type Resources } from '../../src/resources.js';
import { pdfEngine } from '../../src/engine/index.js';
import { parseFont, type ParsedFont } from '../../src/engine/parsedFonts.js';
import { FONT_FAMILIES } from '../../src/engine/fonts.js';
import { checkGlyphs, type Coverage } from '../../src/typeset/glyphCheck.js';

let resources: Resources;
let covered: Coverage;
beforeAll(async () => {
  resources = await loadResources();
  covered = pdfEngine(resources.fonts).covers;
});

const enc = new TextEncoder();
const EDITION = `fiscalYear: 2020
city: 三鷹市
title: 各部の運営方針と目標
introduction: |
  はじめに。
  二行目に𠮷。
contact:
  section: 企画経営課
distribution:
  handedOut: [市政窓口]
departments: [kikaku]
`;

function edition(dept: string): LoadedEdition {
  const r = parseEdition(
    [
      { path: 'e/edition.yaml', relPath: 'edition.yaml', bytes: enc.encode(EDITION) },
      { path: 'e/departments/kikaku.yaml', relPath: 'departments/kikaku.yaml', bytes: enc.encode(dept) },
    ],
    'e',
  );
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.edition;
}

const where = (ds: readonly { file: string; line: number; column: number; message: string }[]) =>
  ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.message.split(' / ')[0]}`);

describe('checkGlyphs', () => {
  it('points at each character in block, folded, quoted and plain multi-line texts, CRLF included', () => {
    const dept = [
      'name: 企画部',
      'mission: |',
      '  一行目',
      '      字下げした二行目の😀',
      'policy: >-',
      '  折り返し',
      '',
      '  段落の\u200bあと',
      'projects:',
      '  - title: "題名\\u0007と',
      '      続き\u202e"',
      '    summary: 平文の',
      '      二行目の\uFA19と\u0301',
      '',
    ].join('\r\n');
    expect(where(checkGlyphs(edition(dept), covered))).toEqual([
      'e/edition.yaml:6:7 introduction: 「𠮷」(U+20BB7) はフォントにない文字です。別の字に置き換えてください',
      'e/departments/kikaku.yaml:4:16 mission: 「😀」(U+1F600) はフォントにない文字です。別の字に置き換えてください',
      'e/departments/kikaku.yaml:8:6 policy: 見えない文字 U+200B が含まれています。削除してください',
      'e/departments/kikaku.yaml:10:15 projects[0].title: 制御文字 U+0007 が含まれています。削除してください',
      'e/departments/kikaku.yaml:11:9 projects[0].title: 見えない文字 U+202E が含まれています。削除してください',
    ]);
  });

  it('a CJK compatibility ideograph the fonts lack is named with its unified twin', () => {
    // U+F900 豈 is not in BIZ UD; its NFC twin U+8C48 豈 is.
    expect(covered(0xf900)).toBe(false);
    expect(covered(0x8c48)).toBe(true);
    const [d] = checkGlyphs(edition('name: 企画部\nprojects:\n  - title: 題名\uF900\n'), covered).filter((x) => x.file.endsWith('kikaku.yaml'));
    expect(d?.message).toBe(
      'projects[0].title: 「\uF900」(U+F900) はフォントにない文字です。「豈」(U+8C48) に置き換えてください / ' +
        'the character 「\uF900」 U+F900 is not in the BIZ UD fonts and would print as nothing; replace it with 「豈」 U+8C48',
    );
    expect(`${d?.line}:${d?.column}`).toBe('3:14');
  });

  it('a compatibility ideograph the fonts have is printed as typed: no error', () => {
    expect(covered(0xfa19)).toBe(true);
    expect(checkGlyphs(edition('name: 企画部\nprojects:\n  - title: \uFA19社\n'), covered).filter((x) => x.file.endsWith('kikaku.yaml'))).toEqual([]);
  });
});

describe('the faces a text may be set in', () => {
  it('every face of every family has the same characters (11,741 code points, none differ)', () => {
    const files = resources.fonts;
    const byFile: Record<string, Uint8Array> = {
      'BIZUDGothic-Regular.ttf': files.gothic,
      'BIZUDGothic-Bold.ttf': files.gothicBold,
      'BIZUDMincho-Regular.ttf': files.mincho,
    };
    // Every face a text can land in: the families' normal, bold, italics and bolditalics.
    const faces = [...new Set(Object.values(FONT_FAMILIES).flatMap((f) => Object.values(f)))].sort();
    expect(faces).toEqual(Object.keys(byFile).sort());
    const sets = faces.map((name) => new Set((parseFont(byFile[name]!) as ParsedFont).characterSet));
    for (const set of sets) expect(set.size).toBe(11_741);
    const [first, ...others] = sets;
    for (const other of others) {
      expect([...first!].filter((cp) => !other.has(cp))).toEqual([]);
      expect([...other].filter((cp) => !first!.has(cp))).toEqual([]);
    }
  });
});
