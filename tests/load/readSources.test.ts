import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import { readSources } from '../../src/load/readSources.js';
import { editionWith } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function edition(files: { relPath: string; text: string }[] = []) {
  const dir = await editionWith(files.map((f) => ({ relPath: f.relPath, bytes: new TextEncoder().encode(f.text) })));
  dirs.push(dir);
  return dir;
}

describe('readSources', () => {
  it('reads edition.yaml and departments/*.yaml in byte order, skipping dot files', async () => {
    const dir = await edition([
      { relPath: 'departments/b.yaml', text: '' },
      { relPath: 'departments/B.yaml', text: '' },
      { relPath: 'departments/a-b.yaml', text: '' },
      { relPath: 'departments/a.yaml', text: '' },
      { relPath: 'departments/._kikaku.yaml', text: '' },
      { relPath: 'departments/notes.txt', text: '' },
      { relPath: 'departments/sub/x.yaml', text: '' },
    ]);
    const r = await readSources(dir);
    expect(r.files.map((f) => f.relPath)).toEqual([
      'edition.yaml',
      'departments/B.yaml',
      'departments/a-b.yaml',
      'departments/a.yaml',
      'departments/b.yaml',
      'departments/kikaku.yaml',
    ]);
    expect(r.files[0]?.path).toBe(`${dir.replace(/\\/g, '/')}/edition.yaml`);
    expect(r.diagnostics).toEqual([]);
  });

  it('warns about .yml files, which are not read', async () => {
    const dir = await edition([{ relPath: 'departments/somu.yml', text: 'name: x\n' }]);
    const r = await loadEdition(dir);
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', line: 0, message: expect.stringContaining('rename it to somu.yaml') }),
    ]);
  });

  it('reports a missing folder, and nothing else', async () => {
    const r = await loadEdition(join(tmpdir(), 'plan-booklet-no-such-dir'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics).toEqual([expect.objectContaining({ line: 0, message: expect.stringContaining('edition folder not found') })]);
  });

  it('reports a missing edition.yaml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-booklet-load-'));
    dirs.push(dir);
    const r = await loadEdition(dir);
    expect(!r.ok && r.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('no edition.yaml')]);
  });

  it('reports a file it cannot read, and counts it as present', async () => {
    const dir = await edition();
    // A directory named like a department file: unreadable on every OS, even as root.
    await rm(join(dir, 'departments/kikaku.yaml'));
    await mkdir(join(dir, 'departments/kikaku.yaml'));
    const r = await loadEdition(dir);
    expect(!r.ok && r.diagnostics).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/departments\/kikaku\.yaml$/), message: expect.stringContaining('not a file') }),
    ]);
  });

  it('refuses files over 2 MB before reading them', async () => {
    const dir = await edition();
    await writeFile(join(dir, 'departments/kikaku.yaml'), Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
    const r = await readSources(dir);
    expect(r.unreadable).toEqual(['departments/kikaku.yaml']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('limit 2 MB') })]);
  });
});
