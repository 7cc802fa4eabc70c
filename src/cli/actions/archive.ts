import { basename, join, resolve } from 'node:path';
import { createBundle } from '../../archive/bundle.js';
import { shownPath } from '../../archive/paths.js';
import { checkArchiveTarget } from '../../archive/target.js';
import { sha256 } from '../../emit/manifest.js';
import { writeAtomic } from '../../emit/writeAtomic.js';
import { specOptions } from '../../emit/buildSpec.js';
import { loadResources } from '../../resources.js';
import { readManifestIn } from '../../archive/verify.js';
import { flag, stringOption, type Io, type Parsed } from '../command.js';
import { defaultOutputDir, outputRoot, projectOf, requireEditionDir } from './editionDir.js';


/** `booklet archive`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const editionDir = await requireEditionDir(p.positionals[0]!, io);
  // Messages name the folder as typed; the loader gets it as the process finds it.
  const shownEdition = shownPath(p.positionals[0]!);
  const name = basename(resolve(io.cwd, shownEdition));
  const project = await projectOf(p, io);
  const shownOutputs = shownPath(stringOption(p, 'outputs') ?? defaultOutputDir(shownEdition, io, project));
  const out = stringOption(p, 'out') ?? join(outputRoot(io, project), `${name}-archive.tar`);
  const outputsDir = resolve(io.cwd, shownOutputs);
  const started = performance.now();
  await checkArchiveTarget(resolve(io.cwd, out), out, { edition: resolve(io.cwd, shownEdition), outputs: outputsDir, shownEdition, shownOutputs });
  // The command that makes the folder again, as the manifest says it was made.
  const recorded = await readManifestIn(outputsDir, shownOutputs).then((m) => m.manifest.build ?? {}, () => ({}));
  const buildCommand = ['booklet build', shownEdition, ...(shownOutputs === defaultOutputDir(shownEdition, io, project) ? [] : ['--out', shownOutputs]), ...specOptions(recorded)].join(' ');
  const bundle = await createBundle({
    editionDir,
    outputsDir,
    shownEdition,
    shownOutputs,
    name,
    resources: await loadResources(project),
    buildCommand,
    withTool: flag(p, 'with-tool'),
  });
  if (!flag(p, 'quiet')) for (const note of bundle.notes) io.stderr.write(`note: ${note}\n`);
  await writeAtomic(resolve(io.cwd, out), bundle.bytes);
  if (flag(p, 'quiet')) return 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const mb = (bundle.bytes.byteLength / 2 ** 20).toFixed(2);
  const tool = bundle.packages > 0 ? `, with plan-booklet ${bundle.manifest.tool.version} and ${bundle.packages} packages` : '';
  io.stdout.write(
    `${out}: ${bundle.files} files${tool}, ${mb} MB, sha256 ${sha256(bundle.bytes)} (${bundle.manifest.edition.eraLabel} ${bundle.manifest.edition.status}) in ${seconds} s\n` +
      `check it with: booklet verify ${out}\n`,
  );
  return 0;
}
