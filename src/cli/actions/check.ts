import { loadChecked } from '../../pipeline.js';
import { loadResources } from '../../resources.js';
import { sortDiagnostics } from '../../load/diagnostic.js';
import { DataError } from '../../errors.js';
import { reportJson, reportText } from '../report.js';
import { logoPrintProblems } from '../../logo/print.js';
import { flag, type Io, type Parsed } from '../command.js';
import { projectOf, requireEditionDir } from './editionDir.js';


/** `booklet check`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const editionDir = await requireEditionDir(p.positionals[0]!, io);
  const json = flag(p, 'json');
  let resources;
  try {
    resources = await loadResources(await projectOf(p, io));
  } catch (err) {
    if (json && err instanceof DataError) {
      io.stdout.write(reportJson(err.diagnostics, false));
      return 1;
    }
    throw err;
  }
  const result = await loadChecked(editionDir, resources);
  // What a build of every output would refuse about the logo (the print PDF's colours).
  const logo = resources.logo ? logoPrintProblems(resources.logo, resources.theme) : [];
  const diagnostics = sortDiagnostics([...resources.warnings, ...logo, ...(result.ok ? result.warnings : result.diagnostics)]);
  const failed = !result.ok || logo.length > 0 || (flag(p, 'strict') && diagnostics.length > 0);
  if (json) {
    io.stdout.write(reportJson(diagnostics, !failed));
  } else {
    const logoSource = resources.logo?.svg !== undefined ? [{ path: resources.logo.shown, relPath: resources.logo.path, text: resources.logo.svg, bytes: resources.logo.file }] : [];
    if (diagnostics.length > 0) io.stderr.write(reportText(diagnostics, io.cwd, [...(result.ok ? result.edition.sources : result.sources), ...logoSource]));
    if (!failed && !flag(p, 'quiet')) io.stdout.write(`${editionDir}: ok\n`);
  }
  return failed ? 1 : 0;
}
