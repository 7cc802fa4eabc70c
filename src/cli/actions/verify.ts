import { mkdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CONFIG, extractForRebuild, openBundle, TOOL, verifyBundle } from '../../archive/bundle.js';
import { parseManifest } from '../../archive/manifestFile.js';
import { forLoader, shownPath } from '../../archive/paths.js';
import { codeNote, describeRebuildInputs, rebuildAndCompare, rebuildOk, rebuildWithIncludedTool, type RebuildReport } from '../../archive/rebuild.js';
import { loadProject } from '../../config/load.js';
import { loadResources } from '../../resources.js';
import { outputRoot, projectOf } from './editionDir.js';
import { formatProblem, MANIFEST, unreadable, verifyFolder, type Problem } from '../../archive/verify.js';
import type { Manifest } from '../../emit/manifest.js';
import { BookletError, UsageError } from '../../errors.js';
import { errorCode, kindOf as describeKind, readRegularFile } from '../../emit/fileSystem.js';
import { temporaryFolder } from '../../emit/writeAtomic.js';
import { stringOption, type Io, type Parsed } from '../command.js';
/** Archives bigger than this are not an edition of PDFs: refuse rather than read them into memory. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/** A folder, a file, or (a FIFO, a device, nothing) something that is neither, said in words. */
async function kindOf(path: string, shown: string): Promise<'dir' | 'file'> {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new UsageError(`${shown}: no such output folder or archive`);
    throw err;
  }
  if (s.isDirectory()) return 'dir';
  if (s.isFile()) return 'file';
  // Reading a FIFO would wait forever for a writer; a device may never end.
  throw new BookletError(`${shown}: ${describeKind(s)}, not an output folder or archive; nothing was read from it`);
}

async function readArchive(path: string, shown: string): Promise<Uint8Array> {
  const size = (await stat(path)).size;
  if (size > MAX_ARCHIVE_BYTES) throw new BookletError(`${shown}: ${(size / 2 ** 20).toFixed(0)} MB is too large for an edition archive`);
  return readRegularFile(path);
}

async function readManifestFile(path: string, shown: string): Promise<Manifest> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readRegularFile(path));
  } catch (err) {
    const code = errorCode(err);
    throw new BookletError(
      code === 'ENOENT'
        ? `${shown}: no such manifest; build the edition first, or give the archived one with --manifest PATH`
        : `${shown}: cannot be read (${unreadable(err)})`,
    );
  }
  return parseManifest(text, shown);
}

const describe = (m: Manifest) => `plan-booklet ${m.tool.version}, ${m.edition.eraLabel} ${m.edition.status}`;

function report(io: Io, problems: readonly Problem[], show: (p: string) => string, what: string): number {
  for (const p of problems) io.stderr.write(`${formatProblem(p, show)}\n`);
  io.stderr.write(`${what}: ${problems.length} problem(s)\n`);
  return 1;
}

async function rebuild(arg: string, p: Parsed, io: Io): Promise<number> {
  const manifestOpt = stringOption(p, 'manifest');
  const shown = shownPath(arg);
  const abs = resolve(io.cwd, shown);
  const kind = await kindOf(abs, shown).catch((err: unknown) => {
    throw err instanceof UsageError ? new UsageError(`${arg}: no such edition folder or archive`) : err;
  });
  let tmp: Awaited<ReturnType<typeof temporaryFolder>> | undefined;
  try {
    let r: RebuildReport;
    let manifest: Manifest;
    let against: string;
    if (kind === 'file') {
      const bundle = openBundle(await readArchive(abs, shown), shown);
      tmp = await temporaryFolder('booklet-verify-');
      const root = join(tmp.path, bundle.root || 'archive');
      await mkdir(root);
      await extractForRebuild(bundle, root, shown);
      against = manifestOpt ?? `${shown}:${bundle.root ? `${bundle.root}/` : ''}output/${MANIFEST}`;
      manifest = manifestOpt === undefined ? bundle.manifest : await readManifestFile(resolve(io.cwd, manifestOpt), manifestOpt);
      if (bundle.files.has(`${TOOL}/bin/booklet.js`)) {
        // The exact tool that built it, with the packages it ran with: the strongest proof.
        r = await rebuildWithIncludedTool(root, manifest, shown);
      } else {
        // Its own settings and resources when it has them (this version's archives); else the tool's defaults.
        const project = bundle.files.has(CONFIG) ? await loadProject(root, CONFIG) : undefined;
        r = await rebuildAndCompare(forLoader(join(root, 'data'), io), manifest, await loadResources(project));
      }
    } else {
      const project = await projectOf(p, io);
      against = manifestOpt ?? join(outputRoot(io, project), basename(abs), MANIFEST);
      manifest = await readManifestFile(resolve(io.cwd, against), against);
      r = await rebuildAndCompare(forLoader(arg, io), manifest, await loadResources(project));
    }
    const seconds = (r.ms / 1000).toFixed(2);
    const by = r.by === 'included' ? ` with the plan-booklet it includes (${TOOL}/)` : '';
    const note = codeNote(r);
    if (note) io.stderr.write(`note: ${note}\n`);
    if (rebuildOk(r)) {
      io.stdout.write(`${shown}: rebuilt ${r.files} file(s) in ${seconds} s${by}, every one identical to ${against} (${describe(manifest)})\n`);
      return 0;
    }
    for (const line of describeRebuildInputs(r)) io.stderr.write(`${line}\n`);
    for (const problem of r.problems) io.stderr.write(`${formatProblem(problem, (x) => x, 'rebuild')}\n`);
    io.stderr.write(`${shown}: the rebuild${by} does not reproduce ${against} (${r.problems.length} file(s) differ)\n`);
    return 1;
  } finally {
    await tmp?.remove();
  }
}

/** `booklet verify`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const arg = p.positionals[0]!;
  const manifestOpt = stringOption(p, 'manifest');
  if (p.values['rebuild'] === true) return rebuild(arg, p, io);
  if (manifestOpt !== undefined) throw new UsageError('--manifest goes with --rebuild; a folder is verified against its own manifest.json');

  const shown = shownPath(arg);
  const abs = resolve(io.cwd, shown);
  const started = performance.now();
  const kind = await kindOf(abs, shown);
  if (kind === 'dir') {
    const r = await verifyFolder(abs, shown);
    for (const path of r.ignored) io.stderr.write(`note: ${shown}/${path}: not in the manifest and not a PDF; not checked\n`);
    if (r.problems.length > 0) return report(io, r.problems, (x) => `${shown}/${x}`, `${shown} does not match ${MANIFEST}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.stdout.write(`${shown}: ${r.checked} file(s) match ${MANIFEST} (size, sha256, pages) in ${seconds} s; ${describe(r.manifest)}\n`);
    return 0;
  }
  const r = await verifyBundle(await readArchive(abs, shown), shown);
  if (r.problems.length > 0) return report(io, r.problems, (x) => `${shown}: ${x}`, `${shown} does not match its manifest and SHA256SUMS`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.stdout.write(`${shown}: ${r.files} file(s) match output/${MANIFEST}, the data hashes and SHA256SUMS in ${seconds} s; ${describe(r.manifest)}\n`);
  return 0;
}
