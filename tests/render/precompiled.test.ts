/**
 * Templates precompiled ahead of time (`npm run build` writes
 * dist/precompiled.generated.cjs with src/render/precompile.ts) render exactly
 * what compiling them at first use renders. The module is generated here from the sources,
 * as the build generates it, so the test needs no `npm run build`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import { buildModel } from '../../src/model/buildModel.js';
import { createEngine, templateKey } from '../../src/render/engine.js';
import { precompiledModule, PRECOMPILED_DIRS } from '../../src/render/precompile.js';
import { renderTarget } from '../../src/render/renderTarget.js';
import { loadResources } from '../../src/resources.js';
import { ROOT } from '../helpers/fixtures.js';

const templates: { path: string; text: string }[] = [];
let specs: Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'booklet-precompiled-'));

beforeAll(async () => {
  for (const sub of PRECOMPILED_DIRS) {
    for (const name of (await readdir(join(ROOT, 'templates', sub))).filter((n) => n.endsWith('.hbs')).sort()) {
      templates.push({ path: `templates/${sub}/${name}`, text: await readFile(join(ROOT, 'templates', sub, name), 'utf8') });
    }
  }
  const file = join(dir, 'precompiled.generated.cjs');
  writeFileSync(file, precompiledModule(templates));
  specs = (createRequire(import.meta.url)(file) as { PRECOMPILED: Record<string, unknown> }).PRECOMPILED;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompiled templates', () => {
  it('the generated module holds a spec for every template, under the key the engine looks it up by', () => {
    expect(templates.some((t) => t.path.startsWith('templates/html/'))).toBe(true);
    expect(templates.length).toBeGreaterThan(10);
    for (const t of templates) expect(specs[templateKey(t.text)], t.path).toBeDefined();
    expect(Object.keys(specs).length).toBe(new Set(templates.map((t) => t.text)).size);
  });

  it.each(['2020', 'sample'])('render data/%s exactly as templates compiled at first use', async (name) => {
    const { templates: sources } = await loadResources();
    const loaded = await loadEdition(join(ROOT, 'data', name));
    if (!loaded.ok) throw new Error('edition does not load');
    const edition = buildModel(loaded.edition);
    const atFirstUse = createEngine(sources, { precompiled: {} });
    const precompiled = createEngine(sources, { precompiled: specs });
    const targets = [['booklet'], ['digest'], ...edition.departments.map((d) => ['insert', d] as const)] as const;
    for (const [kind, dept] of targets) {
      const a = renderTarget(atFirstUse, edition, kind, dept).markup;
      const b = renderTarget(precompiled, edition, kind, dept).markup;
      expect(b.length).toBeGreaterThan(100);
      expect(b, kind).toBe(a);
    }
  });
});
