import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../src/engine/fonts.js';
import { prefetchToolFonts, readFont } from '../../src/fontPrefetch.js';

describe('fonts read while the command loads', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('a prefetched font is handed out once; a later read goes to the disk again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'booklet-prefetch-'));
    dirs.push(root);
    await mkdir(join(root, 'fonts'));
    const path = join(root, 'fonts', FONT_FILES.gothic);
    await writeFile(path, 'first');
    prefetchToolFonts(root);
    expect(new TextDecoder().decode(await readFont(path))).toBe('first');
    await writeFile(path, 'second');
    expect(new TextDecoder().decode(await readFont(path))).toBe('second');
  });

  it('a font that cannot be read fails where it is asked for, with the file named, and not before', async () => {
    const root = await mkdtemp(join(tmpdir(), 'booklet-prefetch-'));
    dirs.push(root);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      prefetchToolFonts(root);
      await new Promise((r) => setTimeout(r, 50));
      await expect(readFont(join(root, 'fonts', FONT_FILES.mincho))).rejects.toMatchObject({ code: 'ENOENT', path: join(root, 'fonts', FONT_FILES.mincho) });
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
