/**
 * The templates precompiled by `npm run build` (dist/render/precompiled.generated.cjs, which `npm ci`
 * makes through `prepare`) render exactly what compiling them at first use renders.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import { buildModel } from '../../src/model/buildModel.js';
import { createEngine, templateKey } from '../../src/render/engine.js';
import { renderTarget } from '../../src/render/renderTarget.js';
import { loadResources } from '../../src/resources.js';
import { ROOT } from '../helpers/fixtures.js';

const DIST = join(ROOT, 'dist/render/precompiled.js');

describe('precompiled templates', () => {
  it('dist holds a spec for every template as it is now (run `npm run build` after editing templates/)', async () => {
    expect(existsSync(DIST), 'dist/ is built by `npm ci` (prepare) or `npm run build`').toBe(true);
    const { PRECOMPILED } = (await import(pathToFileURL(DIST).href)) as { PRECOMPILED: Record<string, unknown> };
    for (const dir of ['layouts', 'partials']) {
      for (const name of (await readdir(join(ROOT, 'templates', dir))).filter((n) => n.endsWith('.hbs'))) {
        const text = await readFile(join(ROOT, 'templates', dir, name), 'utf8');
        expect(PRECOMPILED[templateKey(text)], `templates/${dir}/${name}`).toBeDefined();
      }
    }
  });

  it.each(['2020', 'sample'])('render data/%s exactly as templates compiled at first use', async (name) => {
    const dist = async <T>(rel: string) => (await import(pathToFileURL(join(ROOT, 'dist', rel)).href)) as T;
    const distEngine = await dist<typeof import('../../src/render/engine.js')>('render/engine.js');
    const distRender = await dist<typeof import('../../src/render/renderTarget.js')>('render/renderTarget.js');
    const { templates } = await loadResources();
    const loaded = await loadEdition(join(ROOT, 'data', name));
    if (!loaded.ok) throw new Error('edition does not load');
    const edition = buildModel(loaded.edition);
    const atFirstUse = createEngine(templates); // src/: no precompiled specs
    const precompiled = distEngine.createEngine(templates);
    const targets = [['booklet'], ['digest'], ...edition.departments.map((d) => ['insert', d] as const)] as const;
    for (const [kind, dept] of targets) {
      const a = renderTarget(atFirstUse, edition, kind, dept).markup;
      const b = distRender.renderTarget(precompiled, edition as never, kind, dept as never).markup;
      expect(b.length).toBeGreaterThan(100);
      expect(b, kind).toBe(a);
    }
  });
});
