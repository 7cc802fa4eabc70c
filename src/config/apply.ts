import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { errorCode, readRegularFile } from '../emit/fileSystem.js';
import { DataError, describeFault, systemError } from '../errors.js';
import { sortDiagnostics, type Diagnostic } from '../load/diagnostic.js';
import type { SourceFile } from '../load/index.js';
import { inspectLogo, type Logo } from '../logo/asset.js';
import { offsetPosition } from '../logo/place.js';
import { FONT_FILES, parsedFont, pdfEngine, type FontFileKey } from '../engine/index.js';
import { themeSchema, type ThemeFile } from '../typeset/theme.js';
import { templateSyntax } from './templateSyntax.js';
import { FONT_LICENCE, htmlResources, pdfTemplates, sortByPath, TERMS_ENTRY, termsBytes, THEME_PATH, type BuiltIn, type ResourceFile, type Resources } from '../resources.js';
import { configDiagnostic, MAX_SETTINGS_BYTES, type CityProject } from './load.js';
import { effectiveThemeBytes, mergeTheme, themeOverrideSchema } from './theme.js';
import { checkYaml } from './yamlFile.js';

/** Replacement fonts: any size a real Japanese font has, but not a disk image. */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

const FONT_KEYS = Object.keys(FONT_FILES) as FontFileKey[];

/** Collects diagnostics while the project's files are read; I/O problems become diagnostics at the config key. */
class Problems {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources: SourceFile[];
  constructor(readonly project: CityProject) {
    this.sources = [project.source];
  }
  atConfig(path: readonly (string | number)[], message: string): void {
    this.diagnostics.push(configDiagnostic(this.project, path, message));
  }
  /** The bytes of a file the config names, or undefined (said at the key) when it cannot be read. */
  async read(key: readonly (string | number)[], rel: string, limit: number): Promise<Uint8Array | undefined> {
    const abs = this.project.resolve(rel);
    try {
      const s = await stat(abs);
      if (s.isFile() && s.size > limit) {
        this.atConfig(key, `${rel}: the file is ${(s.size / 2 ** 20).toFixed(1)} MB, more than this setting takes (${limit / 2 ** 20} MB); is it the file you meant?`);
        return undefined;
      }
      return await readRegularFile(abs);
    } catch (err) {
      this.atConfig(key, cannotRead(rel, err));
      return undefined;
    }
  }
}

function cannotRead(rel: string, err: unknown): string {
  if (errorCode(err) === 'ENOENT') return `${rel}: no such file (paths are relative to the folder of the config)`;
  if (errorCode(err) === 'EISDIR' || errorCode(err) === 'ENOTREG') return `${rel}: not a file`;
  const sys = systemError(err);
  return sys ? describeFault(sys, rel) : `${rel}: cannot be read (${String(err)})`;
}

/**
 * The tool's resources with a project's settings applied: its templates over the built-in
 * ones (file by file), its theme merged over the built-in theme, its fonts and logo. Every
 * problem is a diagnostic at file:line:col; any error makes the whole a DataError.
 */
export async function applyProject(b: BuiltIn, project: CityProject): Promise<Resources> {
  const p = new Problems(project);
  const c = project.config;
  const origins = new Map<string, string>();
  const builtInOrigin = (path: string) => origins.set(path, `(plan-booklet) ${path}`);

  const templates = new Map(b.templates);
  for (const path of templates.keys()) builtInOrigin(`templates/${path}`);
  if (c.templates !== undefined) await overlayTemplates(p, c.templates, b, templates, origins);

  const theme = c.theme === undefined ? undefined : await readTheme(p, c.theme, b.theme);
  const effectiveTheme = theme?.value ?? b.theme;
  const themeBytes = theme?.value ? effectiveThemeBytes(b.theme, b.themeBytes, theme.value) : b.themeBytes;
  if (theme?.value) origins.set(THEME_PATH, `${theme.shown} over (plan-booklet) ${THEME_PATH}`);
  else builtInOrigin(THEME_PATH);

  const fonts = await readFonts(p, b, origins);
  if (c.terms && FONT_KEYS.every((k) => fonts.buffers[k])) checkTermGlyphs(p, c.terms, fonts.buffers);
  const logo = c.logo === undefined ? undefined : await readLogo(p, c.logo);
  if (logo) origins.set(logo.path, logo.shown);

  const errors = p.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DataError(sortDiagnostics(p.diagnostics), p.sources);

  const files: ResourceFile[] = [
    ...[...templates].map(([path, bytes]) => ({ path: `templates/${path}`, bytes })),
    { path: THEME_PATH, bytes: themeBytes },
    ...fonts.files,
    ...(logo ? [{ path: logo.path, bytes: logo.file }] : []),
    ...(c.terms ? [{ path: TERMS_ENTRY, bytes: termsBytes(c.terms) }] : []),
  ];
  return {
    templates: pdfTemplates(templates),
    html: htmlResources(templates, fonts.licences),
    theme: effectiveTheme,
    fonts: fonts.buffers,
    ...(logo ? { logo } : {}),
    ...(c.terms ? { terms: c.terms } : {}),
    files: sortByPath(files),
    licences: fonts.licences,
    toolVersion: b.toolVersion,
    codeDigest: b.codeDigest,
    project,
    origins,
    warnings: sortDiagnostics(p.diagnostics),
  };
}

/** Top folders of the built-in templates (layouts, partials, …): the places an override may go. */
const placesOf = (b: BuiltIn) => new Set([...b.templates.keys()].filter((k) => k.includes('/')).map((k) => k.split('/')[0]!));

async function overlayTemplates(p: Problems, rel: string, b: BuiltIn, templates: Map<string, Uint8Array>, origins: Map<string, string>): Promise<void> {
  const dir = p.project.resolve(rel);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) return p.atConfig(['templates'], `${rel}: no such folder (paths are relative to the folder of the config)`);
  const places = placesOf(b);
  const layouts = [...b.templates.keys()].filter((k) => k.startsWith('layouts/')).map((k) => k.slice('layouts/'.length, -'.hbs'.length));
  const walk = async (sub: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = (await readdir(join(dir, sub), { withFileTypes: true })).sort((x, y) => (x.name < y.name ? -1 : 1));
    } catch (err) {
      return p.atConfig(['templates'], cannotRead(sub ? `${rel}/${sub}` : rel, err));
    }
    for (const e of entries) {
      const path = sub ? `${sub}/${e.name}` : e.name;
      const abs = join(dir, path);
      const shown = p.project.show(abs);
      // Notes beside the templates (README.md) and a theme kept in the same folder are not templates.
      if (e.name.startsWith('.') || (sub === '' && (/\.(md|txt)$/i.test(e.name) || e.name === 'theme.yaml'))) continue;
      if (e.isDirectory()) {
        if (sub === '' && !places.has(e.name)) {
          p.diagnostics.push({ file: shown, line: 0, column: 0, severity: 'error', message: `not a place for templates: overrides go in ${[...places].map((x) => `${rel}/${x}/`).join(', ')}` });
        } else await walk(path);
        continue;
      }
      if (sub === '') {
        p.diagnostics.push({ file: shown, line: 0, column: 0, severity: 'error', message: `a template goes in one of ${[...places].map((x) => `${rel}/${x}/`).join(', ')}, named like the built-in one it replaces` });
        continue;
      }
      const layout = /^layouts\/(.+)\.hbs$/.exec(path);
      if (layout && !layouts.includes(layout[1]!)) {
        p.diagnostics.push({ file: shown, line: 0, column: 0, severity: 'error', message: `no built-in layout "${layout[1]}": the layouts are ${layouts.join(', ')} (a new partial goes in ${rel}/partials/)` });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readRegularFile(abs);
      } catch (err) {
        p.diagnostics.push({ file: shown, line: 0, column: 0, severity: 'error', message: cannotRead(path, err) });
        continue;
      }
      if (path.endsWith('.hbs')) {
        const text = new TextDecoder().decode(bytes);
        const problem = templateSyntax(text);
        if (problem) {
          p.diagnostics.push({ file: shown, ...problem, severity: 'error' });
          p.sources.push({ path: shown, relPath: path, text, bytes });
          continue;
        }
      }
      templates.set(path, bytes);
      origins.set(`templates/${path}`, shown);
    }
  };
  await walk('');
}

async function readTheme(p: Problems, rel: string, base: ThemeFile): Promise<{ value?: ThemeFile; shown: string } | undefined> {
  const bytes = await p.read(['theme'], rel, MAX_SETTINGS_BYTES);
  if (!bytes) return undefined;
  const shown = p.project.show(p.project.resolve(rel));
  const checked = checkYaml(themeOverrideSchema, shown, basename(rel), bytes);
  p.diagnostics.push(...checked.diagnostics);
  p.sources.push(checked.source);
  if (checked.value === undefined) return { shown };
  const merged = themeSchema.safeParse(mergeTheme(base, checked.value));
  if (!merged.success) {
    for (const issue of merged.error.issues) {
      p.diagnostics.push({ file: shown, ...checked.at(issue.path as (string | number)[]), severity: 'error', message: `${issue.path.join('.')}: ${issue.message}` });
    }
    return { shown };
  }
  return { value: merged.data, shown };
}

async function readFonts(p: Problems, b: BuiltIn, origins: Map<string, string>) {
  const c = p.project.config.fonts;
  const buffers = {} as Record<FontFileKey, Uint8Array>;
  const files: ResourceFile[] = [];
  const taken = new Map<string, Uint8Array>();
  const claim = (key: readonly string[], path: string, bytes: Uint8Array): boolean => {
    const had = taken.get(path);
    if (had && Buffer.compare(had, bytes) !== 0) {
      p.atConfig(key, `${path.slice('fonts/'.length)}: another font file has this name; give the files different names (an archive keeps them side by side in fonts/)`);
      return false;
    }
    taken.set(path, bytes);
    return true;
  };
  let builtInUsed = false;
  // The built-in fonts the project keeps are read side by side while its own are checked
  // (a failed read is reported where it is awaited, below).
  for (const key of FONT_KEYS) if (c?.[key] === undefined) b.font(key).catch(() => undefined);
  for (const key of FONT_KEYS) {
    const rel = c?.[key];
    if (rel === undefined) {
      builtInUsed = true;
      buffers[key] = await b.font(key);
      const path = `fonts/${FONT_FILES[key]}`;
      claim(['fonts', key], path, buffers[key]);
      files.push({ path, bytes: buffers[key] });
      origins.set(path, `(plan-booklet) ${path}`);
      continue;
    }
    const bytes = await readFontOnce(p, key, rel);
    if (!bytes) continue;
    const path = `fonts/${basename(rel)}`;
    if (!claim(['fonts', key], path, bytes)) continue;
    buffers[key] = bytes;
    files.push({ path, bytes });
    origins.set(path, p.project.show(p.project.resolve(rel)));
  }
  const licences: ResourceFile[] = [];
  if (builtInUsed) {
    licences.push({ path: FONT_LICENCE, bytes: await b.licence() });
    origins.set(FONT_LICENCE, `(plan-booklet) ${FONT_LICENCE}`);
  }
  if (c?.licence !== undefined) {
    const bytes = await p.read(['fonts', 'licence'], c.licence, MAX_SETTINGS_BYTES);
    const path = `fonts/${basename(c.licence)}`;
    if (bytes && claim(['fonts', 'licence'], path, bytes)) {
      licences.push({ path, bytes });
      origins.set(path, p.project.show(p.project.resolve(c.licence)));
    }
  }
  // Unique by path: the same file may be the built-in licence and the project's.
  const unique = [...new Map(licences.map((l) => [l.path, l])).values()];
  return { buffers, files, licences: sortByPath(unique) };
}

// A replacement font read again for every command of a watch or a test run would be parsed
// again too (the parse cache is keyed by the buffer): one buffer per file and version.
const fontBuffers = new Map<string, { stamp: string; bytes: Uint8Array }>();

async function readFontOnce(p: Problems, key: FontFileKey, rel: string): Promise<Uint8Array | undefined> {
  const abs = p.project.resolve(rel);
  const s = await stat(abs).catch(() => undefined);
  const stamp = s ? `${s.size}:${s.mtimeMs}:${s.ino}` : '';
  const known = fontBuffers.get(abs);
  if (known && known.stamp === stamp) return known.bytes;
  const bytes = await p.read(['fonts', key], rel, MAX_FONT_BYTES);
  if (!bytes) return undefined;
  // Kept as one Buffer: the engine's parse cache is keyed by this very object, so this
  // check's parse is the one every document of the process uses.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const font = parsedFont(buffer);
    if (!font || !Array.isArray(font.characterSet)) throw new Error('no character map');
  } catch (err) {
    p.atConfig(['fonts', key], `${rel}: not a font that can be embedded (TrueType or OpenType): ${String((err as Error)?.message ?? err).split('\n')[0]}`);
    return undefined;
  }
  fontBuffers.set(abs, { stamp, bytes: buffer });
  return buffer;
}

/** A term prints in headings and labels: every character must be in the fonts, as the data's must. */
function checkTermGlyphs(p: Problems, terms: NonNullable<CityProject['config']['terms']>, fonts: Record<FontFileKey, Uint8Array>): void {
  const covered = pdfEngine(fonts).covers;
  for (const [key, text] of Object.entries(terms)) {
    if (typeof text !== 'string') continue;
    const missing = [...new Set([...text].filter((ch) => !covered(ch.codePointAt(0)!)))];
    if (missing.length > 0) {
      const names = missing.map((ch) => `「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join('、');
      p.atConfig(['terms', key], `terms.${key}: ${names} はフォントにない文字です / not in the fonts: ${names}; write it another way`);
    }
  }
}

async function readLogo(p: Problems, rel: string): Promise<Logo | undefined> {
  const bytes = await p.read(['logo'], rel, 16 * 1024 * 1024);
  if (!bytes) return undefined;
  const shown = p.project.show(p.project.resolve(rel));
  const inspected = inspectLogo(bytes, `logo/${basename(rel)}`, shown);
  if ('problem' in inspected) {
    if (inspected.offset === undefined) p.atConfig(['logo'], `${rel}: ${inspected.problem}`);
    else p.diagnostics.push({ file: shown, ...offsetPosition(new TextDecoder().decode(bytes), inspected.offset), severity: 'error', message: inspected.problem });
    return undefined;
  }
  const logo = inspected.logo;
  // What no PDF can hold is refused now; what only the print PDF cannot, when print is built (logo/print.ts).
  for (const problem of logo.paint?.problems ?? []) {
    if (problem.refuses !== 'all') continue;
    p.diagnostics.push({ file: shown, ...offsetPosition(logo.svg!, problem.offset), severity: 'error', message: problem.message });
  }
  if (logo.kind === 'jpeg' && logo.components === 4) {
    p.atConfig(['logo'], `${rel}: a CMYK JPEG cannot go into the screen PDFs (PDF/A, RGB); give the logo as SVG (best) or PNG`);
  }
  if (p.diagnostics.some((d) => d.file === shown)) p.sources.push({ path: shown, relPath: logo.path, text: logo.svg ?? '', bytes });
  return logo;
}
