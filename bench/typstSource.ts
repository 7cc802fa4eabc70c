/**
 * Writes an edition's booklet as a Typst document (bench/typstBooklet.ts): the markup our
 * templates render from the edition, with the theme's geometry, sizes and colours.
 *
 *   tsx bench/typstSource.ts <edition-dir> <out.typ>
 */
import { writeFile } from 'node:fs/promises';
import { loadEdition } from '../src/load/index.js';
import { buildModel } from '../src/model/buildModel.js';
import { createEngine } from '../src/render/engine.js';
import { renderTarget } from '../src/render/renderTarget.js';
import { loadResources } from '../src/resources.js';
import { resolveTheme } from '../src/typeset/theme.js';
import { typstBooklet } from './typstBooklet.js';

/** The Typst source of an edition's booklet. */
export async function typstSourceOf(editionDir: string): Promise<{ source: string; pagesHint: string }> {
  const loaded = await loadEdition(editionDir);
  if (!loaded.ok) throw new Error(`${editionDir}: the edition does not load`);
  const edition = buildModel(loaded.edition);
  const resources = await loadResources();
  const { tree } = renderTarget(createEngine(resources.templates), edition, 'booklet');
  const t = resources.theme;
  const theme = resolveTheme(t, 'rgb');
  const mm = (pt: number) => (pt * 25.4) / 72;
  const source = typstBooklet(tree, {
    page: {
      width: mm(theme.pageWidth),
      height: mm(theme.pageHeight),
      margins: { top: t.page.margins.top, bottom: t.page.margins.bottom, inside: t.page.margins.inside + t.page.gutter, outside: t.page.margins.outside },
    },
    sizes: t.sizes,
    colours: { accent: t.colors.accent.rgb, accentLight: t.colors.accentLight.rgb, muted: t.colors.muted.rgb, rule: t.colors.rule.rgb },
    editionHead: `${edition.eraLabel}　${edition.title}`,
  });
  return { source, pagesHint: `${edition.departments.length} departments` };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: tsx bench/typstSource.ts <edition-dir> <out.typ>');
  await writeFile(out, (await typstSourceOf(dir)).source);
}
