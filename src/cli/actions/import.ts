import { resolve } from 'node:path';
import { shownPath } from '../../archive/paths.js';
import { UsageError } from '../../errors.js';
import { loadResources } from '../../resources.js';
import { reportText } from '../report.js';
import { stringOption, type Io, type Parsed } from '../command.js';
import { checkEdition } from './check.js';
import { projectOf, requireEditionDir } from './editionDir.js';
/** How many changed data paths to list per file before "… and N more". */
const CHANGES_SHOWN = 12;

/** `booklet import`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const into = stringOption(p, 'into');
  if (into === undefined) throw new UsageError(`import: --into <edition-dir> is required, e.g. booklet import ${p.positionals[0]} --into data/2021`);
  const editionDir = await requireEditionDir(into, io);
  // The project's fonts check the characters, and the check after it is `booklet check`'s.
  const resources = await loadResources(await projectOf(p, io));
  // Only this command and template need the workbook library: loaded here, not at start-up.
  const { importWorkbooks } = await import('../../workbook/importWorkbooks.js');
  const plan = await importWorkbooks({
    workbooks: p.positionals.map((w) => ({ shown: shownPath(w), path: resolve(io.cwd, w) })),
    editionDir,
    resources,
  });
  if (plan.diagnostics.length > 0) io.stderr.write(reportText(plan.diagnostics, io.cwd, plan.sources));
  if (plan.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write('nothing was written\n');
    return 1;
  }
  for (const f of plan.files) {
    const shown = `${editionDir}/${f.relPath}`;
    const more = f.changes.length > CHANGES_SHOWN ? `, … and ${f.changes.length - CHANGES_SHOWN} more` : '';
    const changes = f.changes.length > 0 ? `: ${f.changes.slice(0, CHANGES_SHOWN).join(', ')}${more}` : '';
    io.stdout.write(`${shown} ← ${f.from}: ${f.status}${changes}\n`);
  }
  // check on the result, as `booklet check` prints it.
  const checked = await checkEdition(editionDir, resources);
  if (checked.diagnostics.length > 0) io.stderr.write(reportText(checked.diagnostics, io.cwd, checked.sources));
  io.stdout.write(checked.failed ? `check ${editionDir}: the edition has errors (see above)\n` : `check ${editionDir}: ok\n`);
  return checked.failed ? 1 : 0;
}
