import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEED = join(ROOT, 'tests/fixtures/seed/newsletter-2020.txt');

/** A scratch folder removed after the test file. */
export async function scratch(prefix = 'booklet-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of a committed edition that a test may damage. */
export async function copyEdition(name: string, into: string): Promise<string> {
  const dest = join(into, name);
  await cp(join(ROOT, 'data', name), dest, { recursive: true });
  return dest;
}

/** The text of every committed edition's YAML files (data/2020, data/sample), whitespace removed. */
export function committedEditionsText(): string {
  return ['2020', 'sample']
    .flatMap((e) => [join(ROOT, 'data', e, 'edition.yaml'), ...readdirSync(join(ROOT, 'data', e, 'departments')).map((f) => join(ROOT, 'data', e, 'departments', f))])
    .map((f) => readFileSync(f, 'utf8'))
    .join('')
    .replace(/\s+/g, '');
}
