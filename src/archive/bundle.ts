import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hashInputs, sha256, type HashedInput, type Manifest } from '../emit/manifest.js';
import { BookletError } from '../errors.js';
import { loadOrThrow } from '../pipeline.js';
import { PROJECT_ROOT, TERMS_ENTRY, termsBytes, THEME_PATH, type Resources } from '../resources.js';
import type { TermsData } from '../load/schema.js';
import { CONFIG_FILE } from '../config/schema.js';
import { codeDigestOf, memoryTree } from '../codeDigest.js';
import { specOptions } from '../emit/buildSpec.js';
import { FONT_FILES, type FontFileKey } from '../engine/index.js';
import { parse as parseYaml, stringify } from 'yaml';
import { toolFiles } from './toolFiles.js';
import { issueDateToDate } from '../typeset/toDocDefinition.js';
import { parseManifest } from './manifestFile.js';
import { readTar, TarError, writeTar, type TarEntry } from './tar.js';
import {
  compareInputs,
  comparePaths,
  describeChanges,
  formatProblem,
  MANIFEST,
  SUMS_LIST,
  verifyFiles,
  verifyFolder,
  type Difference,
  type Problem,
} from './verify.js';

/**
 * The archive layout, under one top folder `<name>-archive/`: itself a city project with
 * one edition, so the edition can be built again from it alone.
 *
 *   ARCHIVE.txt          what this is and how to verify and rebuild it
 *   SHA256SUMS           sha256 of every other file (sha256sum -c SHA256SUMS)
 *   booklet.config.yaml  the settings the build used, naming the files below
 *   data/                edition.yaml and departments/*.yaml, as edited
 *   output/              the PDFs and manifest.json, as built
 *   templates/           every template the build used, and templates/theme.yaml, the theme
 *   fonts/               the fonts embedded in the PDFs and their licences
 *   logo/                the city's logo, when the build used one
 *   tool/                with --with-tool: plan-booklet itself and the packages it runs with
 */
export const ARCHIVE_TXT = 'ARCHIVE.txt';
export const SUMS = SUMS_LIST;
export const LICENCE = 'fonts/OFL.txt';
export const CONFIG = CONFIG_FILE;
export const TOOL = 'tool';

export interface BundleInput {
  /** The edition folder, as the loader is to read it. */
  readonly editionDir: string;
  /** The built output folder. */
  readonly outputsDir: string;
  /** How to show these folders in messages. */
  readonly shownEdition: string;
  readonly shownOutputs: string;
  /** The archive's top folder name. */
  readonly name: string;
  /** The resources builds use here now (the project's, if any). */
  readonly resources: Resources;
  /** The command that rebuilds the output folder, for messages. */
  readonly buildCommand: string;
  /** Include the tool itself (tool/): the archive then rebuilds on a machine with only Node. */
  readonly withTool?: boolean;
}

export interface Bundle {
  readonly bytes: Uint8Array;
  readonly files: number;
  readonly manifest: Manifest;
  /** Things the user should know that do not stop the archive. */
  readonly notes: readonly string[];
  /** With --with-tool: the packages included. */
  readonly packages: number;
}

/**
 * One deterministic tar of an edition: refused unless the output folder matches its
 * manifest and was built from the data and resources the project holds now (so the
 * archive's settings, templates, theme, fonts and logo are those that made its PDFs).
 */
export async function createBundle(input: BundleInput): Promise<Bundle> {
  const { resources } = input;
  const { edition: loaded } = await loadOrThrow(input.editionDir, resources);
  const rebuild = `build it again (${input.buildCommand}) and archive then`;
  if (!(await stat(join(input.outputsDir, MANIFEST)).then((s) => s.isFile(), () => false))) {
    throw new BookletError(`${input.shownOutputs}: no build to archive (no ${MANIFEST}); run ${input.buildCommand} first`);
  }
  const folder = await verifyFolder(input.outputsDir, input.shownOutputs);
  const manifest = folder.manifest;
  if (folder.problems.length > 0) {
    const lines = folder.problems.map((p) => `  ${formatProblem(p, (x) => `${input.shownOutputs}/${x}`)}`);
    throw new BookletError(`${input.shownOutputs} does not match its ${MANIFEST}, so it is not archived:\n${lines.join('\n')}\n${rebuild}`);
  }
  const data = hashInputs(loaded.sources.map((s) => ({ path: s.relPath, bytes: s.bytes })));
  if (data.sha256 !== manifest.data.sha256) {
    const changes = describeChanges(compareInputs(manifest.data.files, data.files));
    throw new BookletError(
      `${input.shownOutputs} was built from other data than ${input.shownEdition} holds now (${changes || 'different hash'}), so it is not archived; ${rebuild}`,
    );
  }
  const res = hashInputs(resources.files);
  if (res.sha256 !== manifest.resources.sha256) {
    const changes = describeChanges(compareInputs(manifest.resources.files, res.files));
    throw new BookletError(
      `${input.shownOutputs} was built with other templates, theme, fonts or logo than ${resources.project ? `the project (${resources.project.shown})` : 'plan-booklet\'s own'} has now ` +
        `(${changes || 'different hash'}), so the archive could not rebuild it; ${rebuild}`,
    );
  }
  const notes: string[] = [];
  const sameTool = manifest.tool.version === resources.toolVersion && (manifest.tool.code === undefined || manifest.tool.code === resources.codeDigest);
  const tool = input.withTool ? await toolFiles(PROJECT_ROOT) : undefined;
  if (tool) {
    const included = await codeDigestOf(memoryTree(tool.files));
    if (manifest.tool.version !== resources.toolVersion || manifest.tool.code !== included) {
      throw new BookletError(
        `${input.shownOutputs} was built by plan-booklet ${manifest.tool.version}${manifest.tool.code ? ` (code ${manifest.tool.code.slice(0, 12)}…)` : ''}, ` +
          `not by the tool --with-tool would include (${resources.toolVersion}, code ${included.slice(0, 12)}…); ${rebuild}`,
      );
    }
  } else if (!sameTool) {
    notes.push(
      `${input.shownOutputs} was built by plan-booklet ${manifest.tool.version}${manifest.tool.code ? ` (code ${manifest.tool.code.slice(0, 12)}…)` : ''}; this is ${resources.toolVersion}` +
        `${manifest.tool.code && manifest.tool.code !== resources.codeDigest ? ` (code ${resources.codeDigest.slice(0, 12)}…)` : ''}. ` +
        `The archive names the build's tool; 'verify --rebuild' needs that tool to reproduce the PDFs (--with-tool includes it)`,
    );
  }
  if (folder.ignored.length > 0) notes.push(`not archived (not in the manifest): ${folder.ignored.map((p) => `${input.shownOutputs}/${p}`).join(', ')}`);

  const files = new Map<string, Uint8Array>();
  for (const s of loaded.sources) files.set(`data/${s.relPath}`, s.bytes);
  // The bytes verifyFolder checked, not a second read that a concurrent build could change.
  for (const [path, bytes] of folder.bytes) files.set(`output/${path}`, bytes);
  // The terms entry is hashed like a file but lives in booklet.config.yaml, written below.
  for (const f of [...resources.files, ...resources.licences]) if (f.path !== TERMS_ENTRY) files.set(f.path, f.bytes);
  files.set(CONFIG, new TextEncoder().encode(archivedConfig(resources)));
  for (const [path, bytes] of tool?.files ?? []) files.set(`${TOOL}/${path}`, bytes);
  files.set(ARCHIVE_TXT, new TextEncoder().encode(archiveText(manifest, loaded.edition.city, loaded.edition.title, input.name, tool !== undefined)));
  files.set(SUMS, new TextEncoder().encode(sums(files)));

  const entries = tarEntries(`${input.name}-archive`, files);
  const mtime = Math.max(0, Math.floor(issueDateToDate(manifest.edition.documentDate).getTime() / 1000)) || 0;
  return { bytes: writeTar(entries, mtime), files: files.size, manifest, notes, packages: tool?.packages.length ?? 0 };
}

/**
 * The settings of the build as a config that names the archived files: every template,
 * the theme written out whole, all three fonts, the logo. Built from it, the archive's
 * resources hash to what the manifest records.
 */
export function archivedConfig(r: Resources): string {
  const fontOf = (key: FontFileKey) => r.files.find((f) => f.path.startsWith('fonts/') && f.bytes === r.fonts[key])?.path ?? `fonts/${FONT_FILES[key]}`;
  const config: Record<string, unknown> = {
    output: 'rebuilt',
    theme: THEME_PATH,
    templates: 'templates',
    fonts: {
      mincho: fontOf('mincho'),
      gothic: fontOf('gothic'),
      gothicBold: fontOf('gothicBold'),
      licence: (r.licences.find((l) => l.path !== LICENCE) ?? r.licences[0])?.path ?? LICENCE,
    },
    ...(r.logo ? { logo: r.logo.path } : {}),
    ...(r.terms ? { terms: r.terms } : {}),
  };
  return (
    '# The settings this edition was built with, written by booklet archive. Every file named\n' +
    '# here is in this archive as the build used it: the templates, the theme (written out\n' +
    '# whole), the fonts and the logo. `booklet build data` in this folder builds the edition\n' +
    '# again into rebuilt/data/; output/ holds the published files.\n' +
    stringify(config, { lineWidth: 0 })
  );
}


function sums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .filter((p) => p !== SUMS)
    .sort(comparePaths)
    .map((p) => `${sha256(files.get(p)!)}  ${p}\n`)
    .join('');
}

/** Files and the folders that hold them, sorted by path, under `top/`. */
function tarEntries(top: string, files: ReadonlyMap<string, Uint8Array>): TarEntry[] {
  const dirs = new Set<string>([top]);
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${top}/${parts.slice(0, i).join('/')}`);
  }
  const entries: TarEntry[] = [
    ...[...dirs].map((path) => ({ path, type: 'dir' as const })),
    ...[...files].map(([path, bytes]) => ({ path: `${top}/${path}`, type: 'file' as const, bytes })),
  ];
  return entries.sort((a, b) => comparePaths(a.path, b.path));
}

function archiveText(m: Manifest, city: string, title: string, name: string, withTool: boolean): string {
  const tar = `${name}-archive.tar`;
  const top = `${name}-archive`;
  return [
    `${city}「${title}」${m.edition.eraLabel} 保存用アーカイブ / archival bundle`,
    '',
    `edition       ${m.edition.eraLabel} (FY${m.edition.fiscalYear}), status ${m.edition.status}, document date ${m.edition.documentDate}`,
    `built by      plan-booklet ${m.tool.version}${m.tool.code ? `, code sha256 ${m.tool.code}` : ''}`,
    `build         booklet build${specOptions(m.build ?? {}).map((o) => ` ${o}`).join('')}`,
    `data          sha256 ${m.data.sha256}`,
    `resources     sha256 ${m.resources.sha256} (templates, theme, fonts, logo; listed in output/manifest.json)`,
    '',
    '内容 / contents',
    '  data/                冊子のデータ（編集されたまま） / the edition data as edited: edition.yaml, departments/*.yaml',
    '  output/              公開したPDFと manifest.json / the published PDFs and manifest.json (size, pages, sha256 of each)',
    '  booklet.config.yaml  この版を作った設定 / the settings the build used, naming the files below',
    '  templates/           使ったテンプレートとテーマ（theme.yaml） / every template the build used, and the theme',
    '  fonts/               PDFに埋め込んだフォントとそのライセンス / the fonts embedded in the PDFs, and their licences',
    ...(m.resources.files.some((f) => f.path.startsWith('logo/')) ? ['  logo/                市のロゴ / the city\'s logo'] : []),
    ...(withTool ? ['  tool/                plan-booklet 本体と実行に必要なパッケージ / plan-booklet itself and the packages it runs with'] : []),
    '  SHA256SUMS           このアーカイブの他の全ファイルのSHA-256 / sha256 of every other file here',
    '  ARCHIVE.txt          このファイル / this file',
    '',
    '検証方法 / how to verify',
    '  1. 標準のツールで（展開したフォルダで） / with standard tools, in the extracted folder:',
    '       sha256sum -c SHA256SUMS',
    '  2. plan-booklet で、全ファイルを manifest.json と照合 / every file against output/manifest.json and data/:',
    `       booklet verify ${tar}`,
    `  3. データからPDFを再生成して照合 / rebuild the PDFs from data/ with the settings and files here, and compare:`,
    `       booklet verify --rebuild ${tar}`,
    ...(withTool
      ? [
          '     同梱の plan-booklet で（Node.js 20.19 以上だけが必要、ネットワーク不要） /',
          '     with the plan-booklet in tool/ (needs only Node.js 20.19 or newer, no network):',
          `       tar -xf ${tar} && node ${top}/tool/bin/booklet.js verify --rebuild ${tar}`,
        ]
      : [`     (plan-booklet ${m.tool.version} が必要 / needs plan-booklet ${m.tool.version})`]),
    '',
  ].join('\n');
}

export interface BundleReport {
  readonly manifest: Manifest;
  readonly problems: readonly Problem[];
  /** The archive's top folder ('' when there is none); problems' paths include it. */
  readonly root: string;
  readonly files: number;
}

export interface OpenedBundle {
  readonly root: string;
  /** Paths (as in the archive) of files that appear more than once, with how often. */
  readonly duplicates: ReadonlyMap<string, number>;
  /** Paths relative to the root. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Files outside the root folder. */
  readonly outside: readonly string[];
  readonly manifest: Manifest;
}

/** Reads an archive made by createBundle (or re-packed by tar(1) with the same layout). */
export function openBundle(bytes: Uint8Array, shown: string): OpenedBundle {
  let entries: TarEntry[];
  try {
    entries = readTar(bytes);
  } catch (err) {
    if (err instanceof TarError) throw new BookletError(`${shown}: ${err.message}`);
    throw err;
  }
  const all = entries.filter((e) => e.type === 'file');
  const counts = new Map<string, number>();
  for (const e of all) counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  const duplicates = new Map([...counts].filter(([, n]) => n > 1));
  const found = all.map((e) => /^(?:(.+)\/)?output\/manifest\.json$/.exec(e.path)).filter((m) => m !== null);
  if (found.length !== 1) {
    throw new BookletError(
      found.length === 0
        ? `${shown}: not an archive made by booklet archive (no output/${MANIFEST} inside)`
        : `${shown}: more than one output/${MANIFEST} inside; not an archive made by booklet archive`,
    );
  }
  const root = found[0]![1] ?? '';
  const prefix = root ? `${root}/` : '';
  const files = new Map<string, Uint8Array>();
  const outside: string[] = [];
  for (const e of all) {
    if (e.path.startsWith(prefix)) files.set(e.path.slice(prefix.length), e.bytes ?? new Uint8Array(0));
    else outside.push(e.path);
  }
  const manifest = parseManifest(new TextDecoder().decode(files.get(`output/${MANIFEST}`)), `${shown}:${prefix}output/${MANIFEST}`);
  return { root, duplicates, files, outside, manifest };
}

/**
 * Checks an archive without extracting it: the PDFs against output/manifest.json (size,
 * sha256, pages), data/ against the data hashes the manifest records, and every file
 * against SHA256SUMS. Each file is reported once, with the most specific finding.
 */
export async function verifyBundle(bytes: Uint8Array, shown: string): Promise<BundleReport> {
  const b = openBundle(bytes, shown);
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const prefix = b.root ? `${b.root}/` : '';
  // Problems name the path inside the archive, top folder included.
  const add = (p: Problem, inRoot = true) => {
    const path = inRoot ? `${prefix}${p.path}` : p.path;
    if (reported.has(path)) return;
    reported.add(path);
    problems.push({ ...p, path });
  };
  // First: a path that appears twice makes every other finding about it unreliable.
  for (const [path, count] of [...b.duplicates].sort(([x], [y]) => comparePaths(x, y))) add({ path, kind: 'duplicate', count, in: 'archive' }, false);
  const under = (dir: string) =>
    new Map([...b.files].filter(([p]) => p.startsWith(`${dir}/`)).map(([p, bytes]) => [p.slice(dir.length + 1), bytes] as const));

  for (const p of await verifyFiles(b.manifest.files, under('output'), (x) => x === MANIFEST)) add(withPrefix(p, 'output/'));
  const data = under('data');
  for (const p of checkInputs(b.manifest.data.files, data, 'data/')) add(p);
  const listedData = new Set(b.manifest.data.files.map((e) => e.path));
  for (const path of data.keys()) if (!listedData.has(path)) add({ path: `data/${path}`, kind: 'extra' });

  // Archives of this version hold the build's settings and resources; older ones only the font licence.
  const project = b.files.has(CONFIG);
  for (const required of [ARCHIVE_TXT, project ? CONFIG : LICENCE]) if (!b.files.has(required)) add({ path: required, kind: 'missing' });
  if (project) for (const p of checkInputs(b.manifest.resources.files, resourceFiles(b), '')) add(p);
  const tool = under(TOOL);
  if (tool.size > 0) for (const p of await checkTool(b.manifest, tool)) add(p);
  const sumsText = b.files.get(SUMS);
  if (!sumsText) add({ path: SUMS, kind: 'missing' });
  else {
    const listed = new Set<string>();
    for (const line of new TextDecoder().decode(sumsText).split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) continue;
      const [, hash, path] = m as unknown as [string, string, string];
      listed.add(path);
      const got = b.files.get(path);
      if (!got) add({ path, kind: 'missing', in: SUMS_LIST });
      else if (sha256(got) !== hash) add({ path, kind: 'differs', differences: [{ what: 'sha256', expected: hash, actual: sha256(got) }], in: SUMS_LIST });
    }
    for (const path of [...b.files.keys()].sort(comparePaths)) if (path !== SUMS && !listed.has(path)) add({ path, kind: 'extra', in: SUMS_LIST });
  }
  for (const path of b.outside) add({ path, kind: 'extra' }, false);
  return { manifest: b.manifest, problems, root: b.root, files: b.files.size };
}

/** An archive's resources by manifest path: its files, and the terms its settings give (TERMS_ENTRY). */
function resourceFiles(b: OpenedBundle): ReadonlyMap<string, Uint8Array> {
  const files = new Map(b.files);
  let terms: unknown;
  try {
    terms = (parseYaml(new TextDecoder().decode(b.files.get(CONFIG))) as { terms?: unknown } | null)?.terms;
  } catch {
    terms = undefined;
  }
  if (terms && typeof terms === 'object') files.set(TERMS_ENTRY, termsBytes(terms as TermsData));
  return files;
}

/** Hashed inputs (data files, resources) against the files an archive holds for them. */
function checkInputs(entries: readonly HashedInput[], files: ReadonlyMap<string, Uint8Array>, prefix: string): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    const got = files.get(entry.path);
    const path = `${prefix}${entry.path}`;
    if (!got) problems.push({ path, kind: 'missing' });
    else if (got.byteLength !== entry.bytes || sha256(got) !== entry.sha256) {
      problems.push({
        path,
        kind: 'differs',
        differences: [
          ...(got.byteLength !== entry.bytes ? [{ what: 'size' as const, expected: entry.bytes, actual: got.byteLength }] : []),
          ...(sha256(got) !== entry.sha256 ? [{ what: 'sha256' as const, expected: entry.sha256, actual: sha256(got) }] : []),
        ],
      });
    }
  }
  return problems;
}

/** The included tool must be the one the manifest names: its version and the hash of its code. */
async function checkTool(m: Manifest, tool: ReadonlyMap<string, Uint8Array>): Promise<Problem[]> {
  const pkg = tool.get('package.json');
  const version = pkg ? (JSON.parse(new TextDecoder().decode(pkg)) as { version?: string }).version : undefined;
  const code = await codeDigestOf(memoryTree(tool));
  const differences: Difference[] = [];
  if (version !== m.tool.version) differences.push({ what: 'version', expected: m.tool.version, actual: version ?? '(none)' });
  if (m.tool.code !== undefined && code !== m.tool.code) differences.push({ what: 'code', expected: m.tool.code, actual: code });
  return differences.length > 0 ? [{ path: `${TOOL}/`, kind: 'tool', differences }] : [];
}

function withPrefix(p: Problem, prefix: string): Problem {
  return { ...p, path: `${prefix}${p.path}` };
}

/**
 * Writes the archive's files into `dir` (which must exist), for a rebuild: everything but
 * output/ (the data, settings, resources and the tool); refused when a file appears twice.
 */
export async function extractForRebuild(b: OpenedBundle, dir: string, shown: string): Promise<void> {
  const twice = [...b.duplicates.keys()];
  if (twice.length > 0) {
    throw new BookletError(`${shown}: ${twice.join(', ')} appear(s) more than once in the archive, so what to rebuild from is unclear; check the archive with booklet verify ${shown}`);
  }
  for (const [path, bytes] of b.files) {
    if (path.startsWith('output/')) continue;
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}
