import { loadChecked } from '../../pipeline.js';
import { loadResources, type Resources } from '../../resources.js';
import { sortDiagnostics, type Diagnostic } from '../../load/diagnostic.js';
import type { SourceFile } from '../../load/index.js';
import { DataError } from '../../errors.js';
import { reportJson, reportText } from '../report.js';
import { logoPrintProblems } from '../../logo/print.js';
import { flag, type Io, type Parsed } from '../command.js';
import { projectOf, requireEditionDir } from './editionDir.js';

/** What `booklet check` finds in an edition built with these resources (`import` runs it on its result). */
export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  /** An error among them (warnings alone do not fail unless --strict). */
  readonly failed: boolean;
  /** The files the diagnostics point into, for code frames. */
  readonly sources: readonly SourceFile[];
}

export async function checkEdition(editionDir: string, resources: Resources): Promise<CheckResult> {
  const result = await loadChecked(editionDir, resources);
  // What a build of every output would refuse about the logo (the print PDF's colours).
  const logo = resources.logo ? logoPrintProblems(resources.logo, resources.theme) : [];
  const logoSource = resources.logo?.svg !== undefined ? [{ path: resources.logo.shown, relPath: resources.logo.path, text: resources.logo.svg, bytes: resources.logo.file }] : [];
  return {
    diagnostics: sortDiagnostics([...resources.warnings, ...logo, ...(result.ok ? result.warnings : result.diagnostics)]),
    failed: !result.ok || logo.length > 0,
    sources: [...(result.ok ? result.edition.sources : result.sources), ...logoSource],
  };
}

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
  const { diagnostics, failed: errors, sources } = await checkEdition(editionDir, resources);
  const failed = errors || (flag(p, 'strict') && diagnostics.length > 0);
  if (json) {
    io.stdout.write(reportJson(diagnostics, !failed));
  } else {
    if (diagnostics.length > 0) io.stderr.write(reportText(diagnostics, io.cwd, sources));
    if (!failed && !flag(p, 'quiet')) io.stdout.write(`${editionDir}: ok\n`);
  }
  return failed ? 1 : 0;
}
