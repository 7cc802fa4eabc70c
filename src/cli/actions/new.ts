import { join, posix, resolve } from 'node:path';
import { forLoader, shownPath } from '../../archive/paths.js';
import { refuseExisting, scaffoldEdition, writeScaffold } from '../../archive/scaffold.js';
import { UsageError } from '../../errors.js';
import { loadResources } from '../../resources.js';
import { stringOption, type Io, type Parsed } from '../command.js';
import { projectOf, requireEditionDir, shownFromCwd } from './editionDir.js';


/** `booklet new`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const yearArg = p.positionals[0]!;
  if (!/^\d{4}$/.test(yearArg) || Number(yearArg) < 1868 || Number(yearArg) > 2200) {
    throw new UsageError(`new: "${yearArg}" is not a fiscal year (1868–2200), e.g. booklet new 2021 --from data/2020`);
  }
  const year = Number(yearArg);
  const from = stringOption(p, 'from');
  if (from === undefined) throw new UsageError(`new: --from <edition-dir> is required, e.g. booklet new ${year} --from data/${year - 1}`);
  const fromDir = await requireEditionDir(from, io);
  const project = await projectOf(p, io);
  const editions = project ? shownFromCwd(io, project.resolve(project.config.editions ?? 'editions')) : 'data';
  const shownOut = shownPath(stringOption(p, 'out') ?? join(editions, String(year)));
  const outDir = resolve(io.cwd, shownOut);
  await refuseExisting(outDir, shownOut);

  const scaffold = await scaffoldEdition({ fromDir: forLoader(fromDir, io), outDir, shownOut, year, resources: await loadResources(project) });
  await writeScaffold(outDir, shownOut, scaffold.files);
  for (const relPath of scaffold.files.keys()) io.stdout.write(`${posix.join(shownOut, relPath)}\n`);
  for (const note of scaffold.notes) io.stderr.write(`note: ${note}\n`);
  io.stdout.write(
    `created ${shownOut}: ${scaffold.eraLabel} (fiscalYear ${year}), status draft, ${scaffold.departments} department(s), from ${fromDir}\n` +
      `next: revise it, then booklet check ${shownOut} and booklet build ${shownOut}\n`,
  );
  return 0;
}
