import { describe, expect, it } from 'vitest';
import { parseEdition } from '../../src/load/index.js';
import { editionYaml } from './helpers.js';

const enc = new TextEncoder();
const file = (relPath: string, text: string) => ({ path: `data/x/${relPath}`, relPath, bytes: enc.encode(text) });

const edition = editionYaml;
const dept = (name: string) => `name: ${name}\nprojects:\n  - title: ${name}の事業\n`;

describe('parseEdition', () => {
  it('returns departments in edition.yaml order and sources in byte order of relPath', () => {
    const r = parseEdition(
      [file('departments/somu.yaml', dept('総務部')), file('edition.yaml', edition('[somu, kikaku]')), file('departments/kikaku.yaml', dept('企画部'))],
      'data/x',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.edition.dir).toBe('data/x');
    expect(r.edition.departments.map((d) => [d.id, d.file, d.data.name])).toEqual([
      ['somu', 'data/x/departments/somu.yaml', '総務部'],
      ['kikaku', 'data/x/departments/kikaku.yaml', '企画部'],
    ]);
    expect(r.edition.sources.map((s) => s.relPath)).toEqual(['departments/kikaku.yaml', 'departments/somu.yaml', 'edition.yaml']);
    expect(r.edition.edition.status).toBe('draft');
    expect(r.warnings).toEqual([]);
  });

  it('tells where a value came from, by display path or relPath', () => {
    const r = parseEdition([file('edition.yaml', edition('[kikaku]')), file('departments/kikaku.yaml', dept('企画部'))], 'data/x');
    if (!r.ok) throw new Error('expected ok');
    const pos = { line: 3, column: 12 };
    expect(r.edition.positionOf('data/x/departments/kikaku.yaml', ['projects', 0, 'title'])).toEqual(pos);
    expect(r.edition.positionOf('departments/kikaku.yaml', ['projects', 0, 'title'])).toEqual(pos);
    expect(r.edition.positionOf('edition.yaml', ['contact', 'section'])).toEqual({ line: 6, column: 12 });
    expect(r.edition.positionOf('edition.yaml', ['departments', 0])).toEqual({ line: 9, column: 15 });
    expect(r.edition.positionOf('edition.yaml', ['nothing'])).toBeUndefined();
    expect(r.edition.positionOf('departments/none.yaml', [])).toBeUndefined();
  });

  it('reports every problem in every file at once, sorted by file, line, column', () => {
    const r = parseEdition(
      [
        file('edition.yaml', edition('[kikaku, somu]').replace('city: 三鷹市\n', '')),
        file('departments/kikaku.yaml', 'name: 企画部\nprojects: [1]\nfoo: 1\n'),
        file('departments/somu.yaml', 'name: 総務部\nprojects:\n  - titel: x\n'),
      ],
      'data/x',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'data/x/departments/kikaku.yaml:2:12',
      'data/x/departments/kikaku.yaml:3:1',
      'data/x/departments/somu.yaml:3:5',
      'data/x/edition.yaml:1:1',
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(r.sources.map((s) => s.relPath)).toEqual(['departments/kikaku.yaml', 'departments/somu.yaml', 'edition.yaml']);
  });

  it('reports a missing edition.yaml with no position', () => {
    const r = parseEdition([file('departments/kikaku.yaml', dept('企画部'))], 'data/x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'data/x/edition.yaml', line: 0, column: 0, severity: 'error', message: expect.stringContaining('no edition.yaml') }),
    ]);
  });

  it('shows paths with posix separators whatever the dir looks like', () => {
    const r = parseEdition([file('departments/kikaku.yaml', dept('企画部'))], 'data\\2020\\');
    expect(!r.ok && r.diagnostics[0]?.file).toBe('data/2020/edition.yaml');
  });

  it('rejects files over 2 MB without parsing them', () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1).fill(0x20);
    const r = parseEdition([file('edition.yaml', edition('[kikaku]')), { path: 'data/x/departments/kikaku.yaml', relPath: 'departments/kikaku.yaml', bytes: big }], 'data/x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // The big file still counts as present: no "no file departments/kikaku.yaml" as well.
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ file: 'data/x/departments/kikaku.yaml', message: expect.stringContaining('too large') }),
    ]);
  });

  it('keeps yaml warnings on success', () => {
    const r = parseEdition(
      [file('edition.yaml', edition('[kikaku]')), file('departments/kikaku.yaml', 'name: !weird 企画部\nprojects:\n  - title: x\n')],
      'data/x',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([expect.objectContaining({ severity: 'warning', line: 1, column: 7 })]);
  });

  it('is deterministic whatever order the files come in', () => {
    const files = [
      file('edition.yaml', edition('[kikaku, somu, zaimu]')),
      file('departments/somu.yaml', 'name: 1\n'),
      file('departments/kikaku.yaml', 'projects: x\n'),
    ];
    const a = parseEdition(files, 'd');
    const b = parseEdition([...files].reverse(), 'd');
    expect(a).toEqual(b);
  });
});
