import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FONT_FILES, type FontBuffers, type FontFileKey } from './engine/fonts.js';
import { themeSchema, type ThemeFile } from './typeset/theme.js';
import { ResourceError } from './errors.js';

/** The project root: templates/, fonts/ and package.json sit beside src/ or dist/. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Resources {
  readonly templates: Readonly<Record<string, string>>;
  readonly theme: ThemeFile;
  readonly fonts: FontBuffers;
  /** name → bytes of every resource that shapes the output, for the manifest's hash. */
  readonly files: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  readonly toolVersion: string;
  /**
   * A hash of the running tool's own code and of the typesetting packages it uses, so a
   * cached PDF is never reused across a change of code (even without a version bump).
   */
  readonly codeDigest: string;
}

let cached: Promise<Resources> | undefined;

/** Reads templates, theme and fonts once per process (I/O at the edge). */
export function loadResources(root = PROJECT_ROOT): Promise<Resources> {
  if (root === PROJECT_ROOT) return (cached ??= readResources(root));
  return readResources(root);
}

async function readResources(root: string): Promise<Resources> {
  const files: { path: string; bytes: Uint8Array }[] = [];
  const read = async (rel: string): Promise<Uint8Array> => {
    // Kept as the Buffer readFile returns: the font parse cache is keyed by this object.
    const bytes = await readFile(join(root, rel));
    files.push({ path: rel, bytes });
    return bytes;
  };
  const templates: Record<string, string> = {};
  for (const dir of ['layouts', 'partials']) {
    const names = (await readdir(join(root, 'templates', dir))).filter((n) => n.endsWith('.hbs')).sort();
    for (const name of names) {
      templates[`${dir}/${name.slice(0, -4)}`] = new TextDecoder().decode(await read(`templates/${dir}/${name}`));
    }
  }
  const themeText = new TextDecoder().decode(await read('templates/theme.yaml'));
  const parsed = themeSchema.safeParse(parseYaml(themeText));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResourceError(`templates/theme.yaml: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const fonts = {} as Record<FontFileKey, Uint8Array>;
  for (const key of Object.keys(FONT_FILES) as FontFileKey[]) fonts[key] = await read(`fonts/${FONT_FILES[key]}`);
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { templates, theme: parsed.data, fonts, files, toolVersion: pkg.version, codeDigest: await codeDigest() };
}

const CODE_DIR = dirname(fileURLToPath(import.meta.url));

async function codeDigest(): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (/\.(js|ts)$/.test(e.name)) hash.update(`${relative(CODE_DIR, path)}\0`).update(await readFile(path));
    }
  };
  await walk(CODE_DIR);
  const require = createRequire(import.meta.url);
  for (const name of ['pdfmake', 'pdfkit', 'fontkit', 'pdf-lib']) {
    try {
      const pkgPath = join(dirname(require.resolve(name)), '..', 'package.json');
      hash.update(`${name}@${(JSON.parse(await readFile(pkgPath, 'utf8')) as { version?: string }).version ?? '?'}\0`);
    } catch {
      hash.update(`${name}@?\0`);
    }
  }
  return hash.digest('hex');
}

export function relativeToRoot(path: string): string {
  return relative(PROJECT_ROOT, path).split('\\').join('/');
}
