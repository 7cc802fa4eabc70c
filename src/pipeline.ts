import { loadEdition, type LoadedEdition, type LoadResult } from './load/index.js';
import { sortDiagnostics, type Diagnostic } from './load/diagnostic.js';
import { checkGlyphs } from './typeset/glyphCheck.js';
import { coverageOf, metricsOf, parseFontOnce, pdfkitFontkit } from './typeset/fontCache.js';
import { fontOutliner, type OutlineFont } from './typeset/watermark.js';
import type { MetricsFor } from './typeset/blocks/context.js';
import type { TypesetReport } from './typeset/report.js';
import { buildModel } from './model/buildModel.js';
import { dataWarnings } from './model/notes.js';
import type { Edition } from './model/types.js';
import { createEngine, type Engine } from './render/engine.js';
import { renderTarget } from './render/renderTarget.js';
import { resolveTheme, type Theme } from './typeset/theme.js';
import type { ElementNode } from './render/markup.js';
import { digestScale, scaledTheme } from './typeset/digestFit.js';
import { toDocDefinition } from './typeset/toDocDefinition.js';
import { installFonts, printPdf } from './emit/printPdf.js';
import { hashInputs, sha256, type Manifest } from './emit/manifest.js';
import { planJobs } from './emit/targets.js';
import { finishJob, type BuiltFile, type Reuse } from './emit/finishJob.js';
import { cacheKey, type TypesetCache, type TypesetResult } from './emit/typesetCache.js';
import { DataError } from './errors.js';
import { readPreviousManifest, refuseOutputOverData } from './emit/guards.js';
import { commitOutputs, nextSet, preflightOutputs, type ManifestHead } from './emit/commit.js';
import { nodeFileSystem, type FileSystem } from './emit/fileSystem.js';
import { specOf } from './emit/buildSpec.js';
import { logoPrintProblems } from './logo/print.js';
import { shapesPdfs, type Resources } from './resources.js';
import { buildHtml, HTML_DIR, type ReuseBytes } from './html/buildHtml.js';
import { FONT_FILES } from './typeset/fonts.js';
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
}

export const REPORT_FILE = 'typesetting-report.json';

export interface OutputEvent {
  readonly path: string;
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
}

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
  readonly timings: Readonly<Record<'load' | 'model' | 'render' | 'typeset' | 'emit', number>>;
  /** How many documents were typeset, and how many came unchanged from the cache. */
  readonly typeset: { readonly fresh: number; readonly cached: number };
  /** Typesetting quality per typeset document (named by its screen or print file). */
  readonly reports: Readonly<Record<string, TypesetReport>>;
}

/** Once per resources (and so per process, or per watch session), not per build. */
function perResources<T>(make: (r: Resources) => T): (r: Resources) => T {
  const made = new WeakMap<Resources, T>();
  return (r) => {
    let v = made.get(r);
    if (v === undefined) made.set(r, (v = make(r)));
    return v;
  };
}

const engineFor = perResources((r) => createEngine(r.templates));
const htmlEngineFor = perResources((r) => createHtmlEngine(r.html.templates));
// Hashing 15 MB of fonts costs ~40 ms: once per resources, not once per (watch) build.
const resourceHash = perResources((r) => hashInputs(r.files));
// What the PDFs' bytes depend on: the HTML edition's templates and stylesheet do not.
const pdfResourceHash = perResources((r) => hashInputs(r.files.filter((f) => shapesPdfs(f.path))));

const WATERMARKS: Readonly<Record<string, string | undefined>> = { draft: '校正', sample: '見本', final: undefined };

/**
 * Loads and checks an edition: the schema (load) and then every character against the
 * fonts, so `check` finds what `build` would refuse.
 */
export async function loadChecked(dir: string, resources: Resources): Promise<LoadResult> {
  const loaded = await loadEdition(dir);
  if (!loaded.ok) return loaded;
  // What the booklet will do with valid data the editor may not mean (a joined line, a department without projects).
  const result = { ...loaded, warnings: sortDiagnostics([...loaded.warnings, ...dataWarnings(loaded.edition)]) };
  const { fontkit } = pdfkitFontkit();
  const f = resources.fonts;
  const glyphs = checkGlyphs(result.edition, coverageOf(fontkit, [f.mincho, f.gothic, f.gothicBold]));
  if (glyphs.length === 0) return result;
  return { ok: false, diagnostics: sortDiagnostics([...glyphs, ...result.warnings]), sources: result.edition.sources };
}

export async function loadOrThrow(dir: string, resources: Resources): Promise<{ edition: LoadedEdition; warnings: Diagnostic[] }> {
  const result = await loadChecked(dir, resources);
  if (!result.ok) throw new DataError(result.diagnostics, result.sources);
  return { edition: result.edition, warnings: result.warnings };
}

/**
 * load → model → render → typeset → emit → commit. Every PDF is made in memory first; the
 * commit then writes them with the manifest as one set (src/emit/commit.ts), so a
 * failure at any stage, or while writing, leaves the previous outputs as they were.
 */
async function loadModel(dir: string, resources: Resources, timings: Record<'load' | 'model', number>) {
  let t = performance.now();
  const { edition: loaded, warnings } = await loadOrThrow(dir, resources);
  timings.load = performance.now() - t;
  t = performance.now();
  const edition = buildModel(resources.terms ? { ...loaded, projectTerms: resources.terms } : loaded);
  timings.model = performance.now() - t;
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

export async function buildEdition(opts: BuildOptions, resources: Resources): Promise<BuildResult> {
  await refuseOutputOverData(opts.outDir, opts.editionDir);
  const timings = { load: 0, model: 0, render: 0, typeset: 0, emit: 0 };
  const clock = () => performance.now();
  let t = clock();
  // The loaded YAML (kept for error positions) is not needed past the model: a function
  // of its own lets it be collected before typesetting, the largest user of memory.
  const { edition, data, warnings } = await loadModel(opts.editionDir, resources, timings);

  const engine = engineFor(resources);
  const res = resourceHash(resources);
  const pdfRes = pdfResourceHash(resources);
  const theme = resolveTheme(resources.theme, 'rgb', resources.logo);
  const { fontkit } = pdfkitFontkit();
  const faces = { regular: { Mincho: resources.fonts.mincho, Gothic: resources.fonts.gothic }, bold: resources.fonts.gothicBold };
  const metrics: MetricsFor = (family, bold) => metricsOf(fontkit, bold ? faces.bold : faces.regular[family]);

  const files: BuiltFile[] = [];
  const reports: Record<string, TypesetReport> = {};
  const used = new Set<string>();
  const fresh = new Map<string, TypesetResult>();
  const derived = new Map<string, TypesetResult>();
  const screens = new Set<string>();
  const editionHead = `${edition.eraLabel}　${edition.title}`;
  const jobs = planJobs(edition, opts);
  // A logo the print PDF cannot take is refused before anything is typeset.
  if (resources.logo && jobs.some((j) => j.outputs.print)) refuseLogoForPrint(resources);
  const planned = jobs.flatMap((j) => Object.values(j.outputs) as string[]);
  await preflightOutputs(opts.outDir, planned, opts.fs);
  const html = wantsHtml(opts);
  opts.onPlan?.([...planned, ...(html ? [`${HTML_DIR}/`] : [])]);
  for (const job of jobs) {
    const started = clock();
    t = clock();
    // Released once the definition is built (pdfmake annotates its nodes as it lays them
    // out; the markup has no use by then).
    let rendered: ReturnType<typeof renderTarget> | undefined = renderTarget(engine, edition, job.kind, job.department, { logo: resources.logo !== undefined });
    const markup = rendered.markup;
    timings.render += clock() - t;

    t = clock();
    const key = (extra: unknown) => cacheKey([resources.codeDigest, pdfRes.sha256, JSON.stringify(extra), markup]);
    const subject = `${edition.eraLabel} ${job.department ? job.department.documentTitle : edition.title}`;
    const options = {
      info: {
        title: job.kind === 'digest' ? `${edition.digest.headline}(${edition.eraLabel})` : subject,
        author: edition.city,
        subject,
        keywords: [edition.city, edition.title, edition.eraLabel, ...(job.department ? [job.department.name] : [])].join(', '),
        creator: `plan-booklet ${resources.toolVersion}`,
        issueDate: edition.documentDate,
        // What the file shows and how: an unchanged insert keeps its bytes when another
        // department's data changes, and two different documents never share an /ID.
        sourceDigest: sha256(`${job.kind}:${job.department?.id ?? ''}\n${pdfRes.sha256}\n${markup}`),
        coverage: `${edition.eraLabel} (FY${edition.fiscalYear})`,
      },
      editionHead,
      ...(WATERMARKS[edition.status] ? { watermark: WATERMARKS[edition.status]! } : {}),
    };
    const cacheId = key(options);
    used.add(cacheId);
    screens.add(cacheId);
    let screen = await opts.cache?.get(cacheId);
    if (!screen) {
      // pdfmake (~170 ms to load) only when something has to be typeset.
      installFonts(resources.fonts);
      const outline = fontOutliner(parseFontOnce(fontkit, resources.fonts.gothicBold) as OutlineFont);
      const tree = rendered.tree;
      rendered = undefined;
      const typesetWith = (th: Theme, markupTree: ElementNode) => toDocDefinition(markupTree, { theme: th, metrics, outline, ...options });
      let typeset = typesetWith(theme, tree);
      // Only the digest may be set again (smaller); any other tree is garbage from here.
      const again = job.kind === 'digest' ? tree : undefined;
      timings.typeset += clock() - t;
      t = clock();
      let bytes = await printPdf(typeset.docDefinition);
      if (again && typeset.pageCount() > 1) {
        // A digest that overflows its page is set smaller where that fits it on one.
        const scale = await digestScale(theme, async (s) => {
          const trial = typesetWith(scaledTheme(theme, s), again);
          await printPdf(trial.docDefinition);
          return trial.pageCount();
        });
        if (scale < 1) {
          typeset = typesetWith(scaledTheme(theme, scale), again);
          bytes = await printPdf(typeset.docDefinition);
        }
      }
      screen = { bytes, pages: typeset.pageCount(), parts: typeset.spans(), report: typeset.report };
      fresh.set(cacheId, screen);
    }
    const { report } = screen;
    // The print PDF, padded inserts and spreads are content-addressed like the screen PDF.
    const reuse: Reuse = async (what, make) => {
      const id = cacheKey([cacheId, what]);
      used.add(id);
      const hit = await opts.cache?.get(id);
      if (hit) return hit;
      const made = await make();
      derived.set(id, { ...made, parts: [], report });
      return made;
    };
    // The slug names the edition, as the left-hand running head does.
    const f = resources.fonts;
    const made = await finishJob(job, screen, { theme: resources.theme, fonts: [f.gothic, f.gothicBold, f.mincho], slug: editionHead.replace(/\s/g, '') }, reuse);
    timings.emit += clock() - t;
    reports[job.outputs.screen ?? job.outputs.print ?? job.kind] = report;
    for (const file of made) {
      files.push(file);
      opts.onOutput?.({ path: file.path, pages: file.pages, bytes: file.bytes.byteLength, ms: clock() - started });
    }
  }

  const head: ManifestHead = {
    manifestVersion: 1,
    tool: { name: 'plan-booklet', version: resources.toolVersion, code: resources.codeDigest },
    edition: { fiscalYear: edition.fiscalYear, eraLabel: edition.eraLabel, status: edition.status, documentDate: edition.documentDate },
    data,
    resources: res,
    build: specOf(opts),
  };
  const partial = opts.only !== undefined || opts.dept !== undefined;

  if (html) {
    const started = clock();
    // The pages link to the PDFs this build leaves in the folder, with their sizes and page
    // counts: those it made, and those the commit keeps from the previous manifest.
    const previous = await readPreviousManifest(opts.fs ?? nodeFileSystem, opts.outDir).catch(() => ({ kind: 'none' as const }));
    const kept = nextSet([], head, previous, partial).files;
    const pdfs = new Map<string, PdfFile>();
    for (const f of [...kept, ...files.map((b) => ({ path: b.path, bytes: b.bytes.byteLength, pages: b.pages }))]) {
      if (f.path.endsWith('.pdf')) pdfs.set(f.path, { path: f.path, bytes: f.bytes, pages: f.pages });
    }
    // Subsetting loads HarfBuzz (~0.2 s of a cold process): the fonts of unchanged pages come from the cache.
    const reuseBytes: ReuseBytes = async (what, make) => {
      const id = cacheKey([resources.codeDigest, what]);
      used.add(id);
      const hit = await opts.cache?.get(id);
      if (hit) return hit.bytes;
      const bytes = await make();
      // The cache holds documents of at least one page: a font is kept as one.
      derived.set(id, { bytes, pages: 1, parts: [], report: emptyReport() });
      return bytes;
    };
    const font = (path: string, bytes: Uint8Array) => ({ bytes, sha256: res.files.find((f) => f.path === path)?.sha256 ?? sha256(bytes) });
    const fonts = {
      regular: font(`fonts/${FONT_FILES.gothic}`, resources.fonts.gothic),
      bold: font(`fonts/${FONT_FILES.gothicBold}`, resources.fonts.gothicBold),
    };
    const made = await buildHtml(htmlEngineFor(resources), edition, resources.html, fonts, pdfs, reuseBytes);
    timings.emit += clock() - started;
    for (const f of made) files.push({ path: f.path, bytes: f.bytes, pages: 0 });
    opts.onOutput?.({
      path: `${HTML_DIR}/`,
      pages: made.filter((f) => f.path.endsWith('.html')).length,
      bytes: made.reduce((n, f) => n + f.bytes.byteLength, 0),
      ms: clock() - started,
    });
  }

  t = clock();
  const { manifest, notes, written, removed } = await commitOutputs({
    outDir: opts.outDir,
    files,
    head,
    final: edition.status === 'final',
    partial,
    ...(opts.report ? { unlisted: [{ path: REPORT_FILE, bytes: new TextEncoder().encode(`${JSON.stringify(reports, null, 2)}\n`) }] } : {}),
    ...(opts.cache ? { cache: { store: opts.cache, add: new Map([...fresh, ...derived]), keep: used } } : {}),
    ...(opts.fs ? { fs: opts.fs } : {}),
  });
  timings.emit += clock() - t;
  return { edition, files, manifest, written, removed, warnings, notes, timings, reports, typeset: { fresh: fresh.size, cached: screens.size - fresh.size } };
}
