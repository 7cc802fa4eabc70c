import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FONT_FILES, type FontBuffers, type FontFileKey } from './engine/fonts.js';
import { themeSchema, type ThemeFile } from './typeset/theme.js';
import { ResourceError } from './errors.js';
import type { Diagnostic } from './load/diagnostic.js';
import type { CityProject } from './config/load.js';
import { applyProject } from './config/apply.js';
import { runningCodeDigest } from './codeDigest.js';
import type { Logo } from './logo/asset.js';
import type { TermsData } from './load/schema.js';

import { PROJECT_ROOT } from './projectRoot.js';
import { readFont } from './fontPrefetch.js';
export { PROJECT_ROOT };

/** A file that is part of what a build used, by its logical path (as the manifest and an archive name it). */
export interface ResourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface HtmlResources {
  /** `layouts/<name>` and `partials/<name>` from templates/html/, as for the PDFs. */
  readonly templates: Readonly<Record<string, string>>;
  /** Files copied into the HTML edition as they are: templates/html/*.css and the fonts' licences. */
  readonly assets: Readonly<Record<string, Uint8Array>>;
}

export interface Resources {
  /** `layouts/<name>` and `partials/<name>` → template text, as the PDFs' engine takes them. */
  readonly templates: Readonly<Record<string, string>>;
  /** The HTML edition's templates and static files (templates/html/). */
  readonly html: HtmlResources;
  readonly theme: ThemeFile;
  readonly fonts: FontBuffers;
  /** The city's logo, when the project names one. */
  readonly logo?: Logo;
  /** The project's terms (booklet.config.yaml), under every edition's own. */
  readonly terms?: TermsData;
  /**
   * Every resource that shapes the output, by logical path: templates/**, templates/theme.yaml
   * (the effective theme), fonts/<file>, logo/<file>. The manifest hashes them; an archive
   * holds them under the same paths.
   */
  readonly files: readonly ResourceFile[];
  /** The fonts' licences (fonts/OFL.txt, a city's own): archived beside the fonts, not hashed. */
  readonly licences: readonly ResourceFile[];
  readonly toolVersion: string;
  /**
   * A hash of the running tool's own code and of the typesetting packages it uses, so a
   * cached PDF is never reused across a change of code (even without a version bump).
   */
  readonly codeDigest: string;
  /** The project whose settings apply; undefined: the tool's own defaults. */
  readonly project?: CityProject;
  /** Where each of `files` and `licences` came from, as messages show it: the project's file, or the tool's. */
  readonly origins: ReadonlyMap<string, string>;
  /** What the project's settings do that the user may not mean; printed by check and build. */
  readonly warnings: readonly Diagnostic[];
}

/** What the tool ships: read once per process (per root), fonts only when a build uses them. */
export interface BuiltIn {
  readonly root: string;
  /** Every file under templates/ but the theme, by path relative to templates/ (`partials/cover.hbs`). */
  readonly templates: ReadonlyMap<string, Uint8Array>;
  readonly theme: ThemeFile;
  readonly themeBytes: Uint8Array;
  readonly toolVersion: string;
  readonly codeDigest: string;
  /** Read when first asked: an archive's tool/ has no fonts of its own (its settings name the archived ones). */
  font(key: FontFileKey): Promise<Uint8Array>;
  licence(): Promise<Uint8Array>;
}

export const THEME_PATH = 'templates/theme.yaml';
/** The resources entry of a project's terms: not a file of its own, but they shape the output as one does. */
export const TERMS_ENTRY = 'booklet.config.yaml:terms';

/** The project's terms as hashed: sorted by key, so the config's key order does not matter. */
export function termsBytes(terms: TermsData): Uint8Array {
  const sorted = Object.fromEntries(Object.entries(terms).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return new TextEncoder().encode(`${JSON.stringify(sorted, null, 1)}\n`);
}
export const FONT_LICENCE = 'fonts/OFL.txt';

const builtIns = new Map<string, Promise<BuiltIn>>();
let plain: Promise<Resources> | undefined;

/**
 * The resources a build uses (I/O at the edge): the tool's own templates, theme and fonts,
 * with a city project's theme, templates, fonts and logo applied when one is given.
 * Without a project, read once per process.
 */
export function loadResources(project?: CityProject, root = PROJECT_ROOT): Promise<Resources> {
  if (project) return builtIn(root).then((b) => applyProject(b, project));
  if (root !== PROJECT_ROOT) return builtIn(root).then(defaults);
  return (plain ??= builtIn(root).then(defaults));
}

export function builtIn(root = PROJECT_ROOT): Promise<BuiltIn> {
  let b = builtIns.get(root);
  if (!b) {
    builtIns.set(root, (b = readBuiltIn(root)));
    // A failed read is not kept: the next command may find the files.
    b.catch(() => builtIns.delete(root));
  }
  return b;
}

async function readBuiltIn(root: string): Promise<BuiltIn> {
  const templates = new Map<string, Uint8Array>();
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(join(root, 'templates', rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else if (path !== 'theme.yaml') templates.set(path, new Uint8Array(await readFile(join(root, 'templates', path))));
    }
  };
  await walk('');
  // Kept as the Buffer readFile returns: the font parse cache is keyed by this object.
  const themeBytes = await readFile(join(root, THEME_PATH));
  const parsed = themeSchema.safeParse(parseYaml(new TextDecoder().decode(themeBytes)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResourceError(`${THEME_PATH}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const fonts = new Map<FontFileKey, Promise<Uint8Array>>();
  let licence: Promise<Uint8Array> | undefined;
  return {
    root,
    templates,
    theme: parsed.data,
    themeBytes,
    toolVersion: pkg.version,
    codeDigest: await codeDigest(),
    licence: () => (licence ??= readFile(join(root, FONT_LICENCE))),
    font(key) {
      let f = fonts.get(key);
      if (!f) fonts.set(key, (f = readFont(join(root, 'fonts', FONT_FILES[key]))));
      return f;
    },
  };
}

/** The PDFs' templates (layouts/, partials/) out of a templates map. */
export function pdfTemplates(files: ReadonlyMap<string, Uint8Array>): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const [path, bytes] of files) {
    const m = /^(layouts|partials)\/([^/]+)\.hbs$/.exec(path);
    if (m) templates[`${m[1]}/${m[2]}`] = new TextDecoder().decode(bytes);
  }
  return templates;
}

/** The HTML edition's templates and static files out of a templates map, with the fonts' licences beside its fonts. */
export function htmlResources(files: ReadonlyMap<string, Uint8Array>, licences: readonly ResourceFile[]): HtmlResources {
  const templates: Record<string, string> = {};
  const assets: Record<string, Uint8Array> = {};
  for (const [path, bytes] of files) {
    const m = /^html\/(layouts|partials)\/([^/]+)\.hbs$/.exec(path);
    if (m) templates[`${m[1]}/${m[2]}`] = new TextDecoder().decode(bytes);
    else if (/^html\/[^/]+\.css$/.test(path)) assets[path.slice('html/'.length)] = bytes;
  }
  for (const l of licences) assets[l.path] = l.bytes;
  return { templates, assets };
}

/** Whether a resource file shapes the PDFs (the HTML edition's own files do not). */
export function shapesPdfs(path: string): boolean {
  return !path.startsWith('templates/html/');
}

export function sortByPath<T extends { readonly path: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The tool's own resources, as they were before projects existed: the same files and hash. */
async function defaults(b: BuiltIn): Promise<Resources> {
  const keys = Object.keys(FONT_FILES) as FontFileKey[];
  // Read side by side: 15 MB one after another left the process idle for ~30 ms.
  const read = await Promise.all(keys.map((key) => b.font(key)));
  const fonts = Object.fromEntries(keys.map((key, i) => [key, read[i]!])) as Record<FontFileKey, Uint8Array>;
  const files: ResourceFile[] = [
    ...[...b.templates].map(([path, bytes]) => ({ path: `templates/${path}`, bytes })),
    { path: THEME_PATH, bytes: b.themeBytes },
    ...(Object.keys(FONT_FILES) as FontFileKey[]).map((key) => ({ path: `fonts/${FONT_FILES[key]}`, bytes: fonts[key] })),
  ];
  const origins = new Map([...files.map((f) => f.path), FONT_LICENCE].map((p) => [p, `(plan-booklet) ${p}`]));
  const licences = [{ path: FONT_LICENCE, bytes: await b.licence() }];
  return {
    templates: pdfTemplates(b.templates),
    html: htmlResources(b.templates, licences),
    theme: b.theme,
    fonts,
    files: sortByPath(files),
    licences,
    toolVersion: b.toolVersion,
    codeDigest: b.codeDigest,
    origins,
    warnings: [],
  };
}

/** The folder of the running code: src/ (tests) or dist/ (the command, bundled). */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));

const codeDigest = () => runningCodeDigest(CODE_DIR);
