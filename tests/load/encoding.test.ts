import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEdition } from '../../src/load/index.js';
import { MINIMAL_EDITION } from './helpers.js';

const enc = new TextEncoder();

async function minimalFiles(transform: (text: string) => Uint8Array) {
  const files = [];
  for (const relPath of ['edition.yaml', 'departments/kikaku.yaml']) {
    const text = await readFile(join(MINIMAL_EDITION, relPath), 'utf8');
    files.push({ path: `ed/${relPath}`, relPath, bytes: transform(text) });
  }
  return files;
}

const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]);
const withCrlf = (text: string) => enc.encode(text.replace(/\n/g, '\r\n'));

describe('text encodings', () => {
  it('accepts UTF-8 with a BOM (Windows Notepad)', async () => {
    const r = parseEdition(await minimalFiles(withBom), 'ed');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.edition.edition.fiscalYear).toBe(2020);
    expect(r.edition.sources.every((s) => !s.text.startsWith('\uFEFF'))).toBe(true);
  });

  it('accepts CRLF line ends, and no \\r reaches the data', async () => {
    const files = await minimalFiles(withCrlf);
    const r = parseEdition(files, 'ed');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.edition.edition)).not.toContain('\\r');
    expect(r.edition.positionOf('departments/kikaku.yaml', ['projects', 0, 'title'])).toEqual({ line: 3, column: 12 });
  });

  it('keeps positions right with a BOM and CRLF together', () => {
    const r = parseEdition(
      [
        { path: 'ed/edition.yaml', relPath: 'edition.yaml', bytes: withBom('fiscalYear: 2020\r\nfoo: 1\r\n') },
      ],
      'ed',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const unknown = r.diagnostics.find((d) => d.message.startsWith('foo:'));
    expect(unknown).toMatchObject({ file: 'ed/edition.yaml', line: 2, column: 1 });
  });

  it('keeps multi-line texts with CRLF as LF paragraphs', () => {
    const dept = 'name: 企画部\r\nmission: |\r\n  一段落目\r\n\r\n  二段落目\r\nprojects:\r\n  - title: x\r\n';
    const r = parseEdition(
      [
        { path: 'ed/edition.yaml', relPath: 'edition.yaml', bytes: enc.encode(minimalEditionText) },
        { path: 'ed/departments/kikaku.yaml', relPath: 'departments/kikaku.yaml', bytes: enc.encode(dept) },
      ],
      'ed',
    );
    expect(r.ok && r.edition.departments[0]?.data.mission).toBe('一段落目\n\n二段落目\n');
  });
});

const minimalEditionText = `fiscalYear: 2020
city: 三鷹市
title: t
introduction: i
contact: { section: s }
distribution: { handedOut: [a] }
departments: [kikaku]
`;
