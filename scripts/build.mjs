// `npm run build`: the command as one ES module, dist/booklet.js, with what a command loads
// lazily (its actions, exceljs, the press code …) in chunks beside it (esbuild's code
// splitting), so `booklet --version` loads one file and `booklet build` a few instead of
// hundreds. Then the templates compiled ahead of time (dist/precompiled.generated.cjs) and
// the hash of the code (dist/code.json) that src/codeDigest.ts reads instead of hashing
// every file at every start. Type checking is `npm run typecheck` (tsc), not this.
//
// Left out of the bundle (required at run time from node_modules, as the package declares
// them): the PDF engine pdfmake → pdfkit → fontkit, which src/engine/modules.ts locates,
// checks and patches through Node's own module cache, and harfbuzzjs, whose .wasm file is
// read beside its code.
//
//   node scripts/build.mjs [--out DIR] [--metafile FILE]
//
// --out another folder than dist/ (tests/cli/startup.test.ts); --metafile writes esbuild's
// account of which inputs went into which output.
import { parseArgs } from 'node:util';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { out: { type: 'string' }, metafile: { type: 'string' } } });
const DIST = args.out ?? join(ROOT, 'dist');
const LICENCES = 'THIRD-PARTY-LICENCES.txt';

/** The packages the bundle requires at run time instead of holding (see above). */
const EXTERNAL = ['pdfmake', 'pdfkit', 'fontkit', 'harfbuzzjs'];

// CommonJS packages inside an ES module still call require() for Node's own modules.
const banner = "import { createRequire as __bookletRequire } from 'node:module';\nconst require = __bookletRequire(import.meta.url);";

// zod's namespace object re-exports its ~60 message translations (700 KB of the common
// chunk, compiled by every command); the tool calls none (zod sets English itself).
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(a.importer) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  plugins: [noZodLocales],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: EXTERNAL,
  logLevel: 'warning',
  legalComments: 'eof',
  banner: { js: banner },
};

await rm(DIST, { recursive: true, force: true });
const result = await build({
  ...common,
  entryPoints: { booklet: join(ROOT, 'src/cli/run.ts') },
  outdir: DIST,
  splitting: true,
  chunkNames: '[name]-[hash]',
  metafile: true,
});
if (args.metafile) await writeFile(args.metafile, JSON.stringify(result.metafile));

// The templates compiled ahead of time and the hash of the code, by the same code the command
// runs (src/render/precompile.ts, src/codeDigest.ts).
const tmp = await mkdtemp(join(tmpdir(), 'booklet-build-'));
try {
  await build({ ...common, entryPoints: { precompile: join(ROOT, 'src/render/precompile.ts'), codeDigest: join(ROOT, 'src/codeDigest.ts') }, outdir: tmp, outExtension: { '.js': '.mjs' } });
  const { precompiledModule, PRECOMPILED_DIRS } = await import(pathToFileURL(join(tmp, 'precompile.mjs')).href);
  const { codeFilesHash, diskTree, CODE_MANIFEST } = await import(pathToFileURL(join(tmp, 'codeDigest.mjs')).href);
  const templates = [];
  for (const dir of PRECOMPILED_DIRS) {
    for (const name of (await readdir(join(ROOT, 'templates', dir))).filter((n) => n.endsWith('.hbs')).sort()) {
      templates.push({ path: `templates/${dir}/${name}`, text: await readFile(join(ROOT, 'templates', dir, name), 'utf8') });
    }
  }
  await writeFile(join(DIST, 'precompiled.generated.cjs'), precompiledModule(templates));

  const packages = await bundledPackages(Object.keys(result.metafile.inputs));
  await writeFile(join(DIST, LICENCES), licenceText(packages));
  const manifest = {
    code: await codeFilesHash(diskTree(DIST)),
    // Two versions of one package (nested copies) are named together.
    bundled: packages.reduce((o, p) => ({ ...o, [p.name]: o[p.name] ? `${o[p.name]} ${p.version}` : p.version }), {}),
    requires: EXTERNAL,
  };
  await writeFile(join(DIST, CODE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
} finally {
  await rm(tmp, { recursive: true, force: true });
}

/** The packages whose code the bundle holds, from esbuild's list of its inputs, each with its licence. */
async function bundledPackages(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const packages = [];
  for (const dir of [...dirs].sort()) {
    const pkg = JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8'));
    const licenceFile = (await readdir(join(ROOT, dir))).filter((n) => /^(licen[cs]e|copying)/i.test(n)).sort()[0];
    const text = licenceFile ? await readFile(join(ROOT, dir, licenceFile), 'utf8') : `${pkg.license ?? 'see the package'} (the package ships no licence file)`;
    if (!packages.some((p) => p.name === pkg.name && p.version === pkg.version)) packages.push({ name: pkg.name, version: pkg.version, licence: text });
  }
  return packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

function licenceText(packages) {
  const parts = packages.map((p) => `${'='.repeat(72)}\n${p.name} ${p.version}\n${'='.repeat(72)}\n\n${p.licence.trim()}\n`);
  return `The packages whose code dist/ holds (bundled by npm run build), with their licences.\n\n${parts.join('\n')}`;
}
