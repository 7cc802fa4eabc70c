// Run by `npm run build` after tsc: compiles templates/ ahead of time into
// dist/render/precompiled.generated.cjs (src/render/precompile.ts), so a build does not
// spend ~60 ms compiling them. Plain JavaScript: it runs on the compiled dist/ with no
// TypeScript loader.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { precompiledModule, PRECOMPILED_DIRS } = await import(pathToFileURL(join(ROOT, 'dist/render/precompile.js')).href);

const templates = [];
for (const dir of PRECOMPILED_DIRS) {
  for (const name of (await readdir(join(ROOT, 'templates', dir))).filter((n) => n.endsWith('.hbs')).sort()) {
    templates.push({ path: `templates/${dir}/${name}`, text: await readFile(join(ROOT, 'templates', dir, name), 'utf8') });
  }
}
await writeFile(join(ROOT, 'dist/render/precompiled.generated.cjs'), precompiledModule(templates));
