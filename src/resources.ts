import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FONT_FILES, type FontFileKey } from './typeset/fonts.js';
import { themeSchema, type ThemeFile } from './typeset/theme.js';
import type { FontBuffers } from './emit/printPdf.js';
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
  return { templates, theme: parsed.data, fonts, files, toolVersion: pkg.version };
}

export function relativeToRoot(path: string): string {
  return relative(PROJECT_ROOT, path).split('\\').join('/');
}
