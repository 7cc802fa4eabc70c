import { loadEdition, type LoadedEdition, type LoadResult } from './load/index.js';
import { sortDiagnostics, type Diagnostic } from './load/diagnostic.js';
import { checkGlyphs } from './typeset/glyphCheck.js';
import type { TypesetReport } from './typeset/report.js';
import { buildModel } from './model/buildModel.js';
import { dataWarnings } from './model/notes.js';
import type { Edition } from './model/types.js';
import { createEngine, type Engine } from './render/engine.js';
import { renderTarget } from './render/renderTarget.js';
import { resolveTheme, type Theme } from './typeset/theme.js';
import { digestScale, scaledTheme } from './typeset/digestFit.js';
import { toDocDefinition } from './typeset/toDocDefinition.js';
import { FONT_FILES, pdfEngine, type PdfEngine } from './engine/index.js';
import { hashInputs, selectHashed, sha256, type HashedInputs, type Manifest } from './emit/manifest.js';
import { planJobs, type Job } from './emit/targets.js';
import { documentFacts, editionHead } from './emit/documentInfo.js';
import { finishJob, type BuiltFile, type PressInputs, type Reuse } from './emit/finishJob.js';
import { cacheKey, type TypesetCache, type TypesetResult } from './emit/typesetCache.js';
import { DataError } from './errors.js';
import { readPreviousManifest, refuseOutputOverData } from './emit/guards.js';
import { commitOutputs, nextSet, preflightOutputs, type ManifestHead } from './emit/commit.js';
import { nodeFileSystem, type FileSystem } from './emit/fileSystem.js';
import { specOf } from './emit/buildSpec.js';
import { logoPrintProblems } from './logo/print.js';
import { shapesPdfs, type Resources } from './resources.js';
import { buildHtml, HTML_DIR, type ReuseBytes } from './html/buildHtml.js';
import { emptyReport } from './typeset/report.js';
import { createHtmlEngine, type PdfFile } from './html/pages.js';

import type { OutputKind } from './emit/targets.js';
export { OUTPUT_KINDS, type OutputKind } from './emit/targets.js';

export interface BuildOptions {
  readonly editionDir: string;
  readonly outDir: string;
  readonly only?: readonly OutputKind[];
  /** Build only this department's insert (and nothing else unless `only` says so). */
  readonly dept?: string;
  /** Also write printer's spreads for saddle stitching (booklet-imposed.pdf). */
  readonly impose?: 'saddle';
  readonly onOutput?: (event: OutputEvent) => void;
  /** Typeset PDFs from earlier builds, reused when their content is unchanged. */
  readonly cache?: TypesetCache;
  /** Called once before typesetting with every file the build will make. */
  readonly onPlan?: (paths: readonly string[]) => void;
  /** Also write typesetting-report.json (with the other files, not in the manifest). */
  readonly report?: boolean;
  /** The file operations of the commit (tests make them fail). */
  readonly fs?: FileSystem;
  /** Screen PDFs without tags (PDF/A-2b), to measure and check what tagging changes; not a CLI option. */
  readonly untagged?: boolean;
}

export const REPORT_FILE = 'typesetting-report.json';

export interface OutputEvent {
  readonly path: string;
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
}

type Stage = 'load' | 'model' | 'render' | 'typeset' | 'emit';

export interface BuildResult {
  readonly edition: Edition;
  readonly files: readonly BuiltFile[];
  readonly manifest: Manifest;
  /** Paths whose bytes changed (the others were left as they were), and earlier files taken away. */
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly warnings: readonly Diagnostic[];
  /** What did not stop the build but should be known (a cache that could not be updated). */
  readonly notes: readonly string[];
  readonly timings: Readonly<Record<Stage, number>>;
  /** How many documents were typeset, and how many came unchanged from the cache. */
  readonly typeset: { readonly fresh: number; readonly cached: number };
  /** Typesetting quality per typeset document (named by its screen or print file). */
  readonly reports: Readonly<Record<string, TypesetReport>>;
}

/** What a build makes from Resources, made once per Resources (a watch process builds many times). */
interface Tools {
  readonly templates: Engine;
  readonly html: Engine;
  readonly engine: PdfEngine;
  readonly theme: Theme;
  /** Hashing 15 MB of fonts costs ~40 ms: once per resources, not once per build. */
  readonly resourceHash: HashedInputs;
  readonly pdfResourceHash: HashedInputs;
  readonly press: Omit<PressInputs, 'slug'>;
  /** The project has a logo (the templates place it). */
  readonly logo: boolean;
  readonly version: string;
  readonly codeDigest: string;
}

const toolsByResources = new WeakMap<Resources, Tools>();
function toolsFor(r: Resources): Tools {
  let t = toolsByResources.get(r);
  if (!t) {
    const engine = pdfEngine(r.fonts);
    const resourceHash = hashInputs(r.files);
    const made: Tools = {
      templates: createEngine(r.templates),
      html: createHtmlEngine(r.html.templates),
      engine,
      theme: resolveTheme(r.theme, 'rgb', r.logo),
      resourceHash,
      // What the PDFs' bytes depend on: the HTML edition's templates and stylesheet do not.
      pdfResourceHash: selectHashed(resourceHash, shapesPdfs),
      press: { theme: r.theme, fonts: [engine.font('gothic'), engine.font('gothicBold'), engine.font('mincho')] },
      logo: r.logo !== undefined,
      version: r.toolVersion,
      codeDigest: r.codeDigest,
    };
    toolsByResources.set(r, (t = made));
  }
  return t;
}

/**
 * Loads and checks an edition: the schema (load) and then every character against the
 * fonts, so `check` finds what `build` would refuse.
 */
export async function loadChecked(dir: string, resources: Resources): Promise<LoadResult> {
  const loaded = await loadEdition(dir);
  if (!loaded.ok) return loaded;
  // What the booklet will do with valid data the editor may not mean (a joined line, a department without projects).
  const result = { ...loaded, warnings: sortDiagnostics([...loaded.warnings, ...dataWarnings(loaded.edition)]) };
  const glyphs = checkGlyphs(result.edition, pdfEngine(resources.fonts).covers);
  if (glyphs.length === 0) return result;
  return { ok: false, diagnostics: sortDiagnostics([...glyphs, ...result.warnings]), sources: result.edition.sources };
}

export async function loadOrThrow(dir: string, resources: Resources): Promise<{ edition: LoadedEdition; warnings: Diagnostic[] }> {
  const result = await loadChecked(dir, resources);
  if (!result.ok) throw new DataError(result.diagnostics, result.sources);
  return { edition: result.edition, warnings: result.warnings };
}

/** Adds each stage's time to its total. */
class Stopwatch {
  readonly totals: Record<Stage, number> = { load: 0, model: 0, render: 0, typeset: 0, emit: 0 };
  time<T>(stage: Stage, fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      this.totals[stage] += performance.now() - t;
    }
  }
  async timeAsync<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.totals[stage] += performance.now() - t;
    }
  }
}

/** The model and the data's hash. The loaded YAML (kept for error positions) is garbage once this returns. */
async function loadModel(dir: string, resources: Resources, clock: Stopwatch) {
  const { edition: loaded, warnings } = await clock.timeAsync('load', () => loadOrThrow(dir, resources));
  const edition = clock.time('model', () => buildModel(resources.terms ? { ...loaded, projectTerms: resources.terms } : loaded));
  return { edition, warnings, data: hashInputs(loaded.sources.map((s) => ({ path: s.relPath, bytes: s.bytes }))) };
}

/** The HTML edition is built with everything, or when `--only` names it (not for `--dept` alone). */
function wantsHtml(opts: BuildOptions): boolean {
  return opts.only ? opts.only.includes('html') : opts.dept === undefined;
}

/** The logo's problems for print (src/logo/print.ts) as a DataError with the logo as its source. */
export function refuseLogoForPrint(resources: Resources): void {
  const logo = resources.logo;
  if (!logo) return;
  const problems = logoPrintProblems(logo, resources.theme);
  if (problems.length === 0) return;
  throw new DataError(problems, logo.svg !== undefined ? [{ path: logo.shown, relPath: logo.path, text: logo.svg, bytes: logo.file }] : []);
}

/** The screen PDF of one job, and the cache key it is known by. */
interface Screen {
  readonly key: string;
  readonly result: TypesetResult;
  /** Typeset by this build (not taken from the cache). */
  readonly fresh: boolean;
}

/**
 * render → typeset → print, unless the cache holds a PDF of the same content. The markup
 * tree is released once the document is built: the engine annotates its nodes while it
 * lays them out, and the markup has no use by then.
 */
async function screenOf(job: Job, edition: Edition, tools: Tools, cache: TypesetCache | undefined, clock: Stopwatch, untagged = false): Promise<Screen> {
  const rendered = clock.time('render', () => renderTarget(tools.templates, edition, job.kind, job.department, { logo: tools.logo }));
  const facts = { ...documentFacts(edition, job, rendered.markup, { version: tools.version, resources: tools.pdfResourceHash.sha256 }), ...(untagged ? { untagged } : {}) };
  const key = cacheKey([tools.codeDigest, tools.pdfResourceHash.sha256, JSON.stringify(facts), rendered.markup]);
  const cached = await clock.timeAsync('typeset', async () => cache?.get(key));
  if (cached) return { key, result: cached, fresh: false };
  const typeset = (theme: Theme) =>
    clock.time('typeset', () => toDocDefinition(rendered.tree, { theme, metrics: tools.engine.metrics, outline: tools.engine.outline, ...facts }));
  const print = (document: ReturnType<typeof typeset>['document']) => clock.timeAsync('emit', () => tools.engine.print(document));
  let { document, report, spans } = typeset(tools.theme);
  let printed = await print(document);
  if (job.kind === 'digest' && printed.pageCount > 1) {
    // A digest that overflows its page is set smaller where that fits it on one.
    const scale = await digestScale(tools.theme, async (s) => (await print(typeset(scaledTheme(tools.theme, s)).document)).pageCount);
    if (scale < 1) {
      ({ document, report, spans } = typeset(scaledTheme(tools.theme, scale)));
      printed = await print(document);
    }
  }
  // Where parts landed as pagination reads it (a part that runs on starts on the page its title is on).
  return { key, result: { bytes: printed.bytes, pages: printed.pageCount, parts: spans(), report }, fresh: true };
}

/**
 * plan → load/model → (render → typeset → emit) per document → commit. Every PDF is made
 * in memory first; the commit then writes them with the manifest as one set
 * (src/emit/commit.ts), so a failure at any stage, or while writing, leaves the previous
 * outputs as they were.
 */
export async function buildEdition(opts: BuildOptions, resources: Resources): Promise<BuildResult> {
  await refuseOutputOverData(opts.outDir, opts.editionDir);
  const clock = new Stopwatch();
  const { edition, data, warnings } = await loadModel(opts.editionDir, resources, clock);
  const tools = toolsFor(resources);
  const build: Build = { opts, resources, tools, clock, edition };
  const jobs = await planOutputs(build);
  const made = await documentsOf(build, jobs);
  const head: ManifestHead = {
    manifestVersion: 1,
    tool: { name: 'plan-booklet', version: resources.toolVersion, code: resources.codeDigest },
    edition: { fiscalYear: edition.fiscalYear, eraLabel: edition.eraLabel, status: edition.status, documentDate: edition.documentDate },
    data,
    resources: tools.resourceHash,
    build: specOf(opts),
  };
  const partial = opts.only !== undefined || opts.dept !== undefined;
  const listedPdfs = wantsHtml(opts) ? await htmlOf(build, made, head, partial) : undefined;

  const { manifest, notes, written, removed } = await clock.timeAsync('emit', () =>
    commitOutputs({
      outDir: opts.outDir,
      files: made.files,
      head,
      final: edition.status === 'final',
      partial,
      ...(opts.report ? { unlisted: [{ path: REPORT_FILE, bytes: new TextEncoder().encode(`${JSON.stringify(made.reports, null, 2)}\n`) }] } : {}),
      ...(opts.cache ? { cache: { store: opts.cache, add: made.cached, keep: made.used } } : {}),
      ...(opts.fs ? { fs: opts.fs } : {}),
      ...(listedPdfs ? { listedPdfs } : {}),
    }),
  );
  const { files, reports, fresh, reused } = made;
  return { edition, files, manifest, written, removed, warnings, notes, timings: clock.totals, reports, typeset: { fresh, cached: reused } };
}

/** What every stage of one build reads. */
interface Build {
  readonly opts: BuildOptions;
  readonly resources: Resources;
  readonly tools: Tools;
  readonly clock: Stopwatch;
  readonly edition: Edition;
}

/** The jobs of this build, once their outputs are known to be writable (nothing is typeset before). */
async function planOutputs({ edition, opts, resources }: Build): Promise<Job[]> {
  const jobs = planJobs(edition, opts);
  // A logo the print PDF cannot take is refused before anything is typeset.
  if (resources.logo && jobs.some((j) => j.outputs.print)) refuseLogoForPrint(resources);
  const planned = jobs.flatMap((j) => Object.values(j.outputs) as string[]);
  await preflightOutputs(opts.outDir, planned, opts.fs);
  opts.onPlan?.([...planned, ...(wantsHtml(opts) ? [`${HTML_DIR}/`] : [])]);
  return jobs;
}

/** What the build made, in memory, for the commit. */
interface Made {
  readonly files: BuiltFile[];
  readonly reports: Record<string, TypesetReport>;
  /** Cache entries this build used (kept by the commit's pruning) … */
  readonly used: Set<string>;
  /** … and those it made (added to the cache by the commit). */
  readonly cached: Map<string, TypesetResult>;
  fresh: number;
  reused: number;
}

/** Each job's screen PDF (render → typeset → engine), then the files made from it (emit). */
async function documentsOf({ edition, tools, opts, clock }: Build, jobs: readonly Job[]): Promise<Made> {
  const made: Made = { files: [], reports: {}, used: new Set(), cached: new Map(), fresh: 0, reused: 0 };
  // The slug names the edition, as the left-hand running head does.
  const press: PressInputs = { ...tools.press, slug: editionHead(edition).replace(/\s/g, '') };
  for (const job of jobs) {
    const started = performance.now();
    const screen = await screenOf(job, edition, tools, opts.cache, clock, opts.untagged);
    made.used.add(screen.key);
    if (screen.fresh) {
      made.cached.set(screen.key, screen.result);
      made.fresh++;
    } else made.reused++;
    const { report } = screen.result;
    // The print PDF, padded inserts and spreads are content-addressed like the screen PDF.
    const reuse: Reuse = async (what, make) => {
      const id = cacheKey([screen.key, what]);
      made.used.add(id);
      const hit = await opts.cache?.get(id);
      if (hit) return hit;
      const finished = await make();
      made.cached.set(id, { ...finished, parts: [], report });
      return finished;
    };
    const built = await clock.timeAsync('emit', () => finishJob(job, screen.result, press, reuse));
    made.reports[job.outputs.screen ?? job.outputs.print ?? job.kind] = report;
    for (const file of built) {
      made.files.push(file);
      opts.onOutput?.({ path: file.path, pages: file.pages, bytes: file.bytes.byteLength, ms: performance.now() - started });
    }
  }
  return made;
}

/** The HTML edition, added to what the build made; returns the PDFs its pages list (the commit checks them under its lock). */
async function htmlOf({ edition, tools, resources, opts, clock }: Build, made: Made, head: ManifestHead, partial: boolean): Promise<PdfFile[]> {
  const started = performance.now();
  // The pages link to the PDFs this build leaves in the folder, with their sizes and page
  // counts: those it made, and those the commit keeps from the previous manifest.
  const previous = await readPreviousManifest(opts.fs ?? nodeFileSystem, opts.outDir).catch(() => ({ kind: 'none' as const }));
  const kept = nextSet([], head, previous, partial).files;
  const pdfs = new Map<string, PdfFile>();
  for (const f of [...kept, ...made.files.map((b) => ({ path: b.path, bytes: b.bytes.byteLength, pages: b.pages }))]) {
    if (f.path.endsWith('.pdf')) pdfs.set(f.path, { path: f.path, bytes: f.bytes, pages: f.pages });
  }
  // Subsetting loads HarfBuzz (~0.2 s of a cold process): the fonts of unchanged pages come from the cache.
  const reuseBytes: ReuseBytes = async (what, make) => {
    const id = cacheKey([resources.codeDigest, what]);
    made.used.add(id);
    const hit = await opts.cache?.get(id);
    if (hit) return hit.bytes;
    const bytes = await make();
    // The cache holds documents of at least one page: a font is kept as one.
    made.cached.set(id, { bytes, pages: 1, parts: [], report: emptyReport() });
    return bytes;
  };
  const font = (path: string, bytes: Uint8Array) => ({ bytes, sha256: tools.resourceHash.files.find((f) => f.path === path)?.sha256 ?? sha256(bytes) });
  const fonts = {
    regular: font(`fonts/${FONT_FILES.gothic}`, resources.fonts.gothic),
    bold: font(`fonts/${FONT_FILES.gothicBold}`, resources.fonts.gothicBold),
  };
  const pages = await clock.timeAsync('emit', () => buildHtml(tools.html, edition, resources.html, fonts, pdfs, reuseBytes));
  for (const f of pages) made.files.push({ path: f.path, bytes: f.bytes, pages: 0 });
  opts.onOutput?.({
    path: `${HTML_DIR}/`,
    pages: pages.filter((f) => f.path.endsWith('.html')).length,
    bytes: pages.reduce((n, f) => n + f.bytes.byteLength, 0),
    ms: performance.now() - started,
  });
  return [...pdfs.values()];
}
