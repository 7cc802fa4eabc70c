import { posix, resolve } from 'node:path';
import { shownPath } from '../../archive/paths.js';
import { UsageError } from '../../errors.js';
import { reportText } from '../report.js';
import { stringOption, type Io, type Parsed } from '../command.js';
import { projectOf, requireEditionDir } from './editionDir.js';


/** `booklet template`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  if (p.values['xlsx'] !== true) {
    throw new UsageError(`template: name the format, --xlsx (the one format so far), e.g. booklet template ${p.positionals[0]} --xlsx`);
  }
  const editionDir = await requireEditionDir(p.positionals[0]!, io);
  const shownOut = shownPath(stringOption(p, 'out') ?? 'templates-out');
  // Only this command and import need the workbook library: loaded here, not at start-up.
  const { writeTemplates } = await import('../../workbook/templates.js');
  const dept = stringOption(p, 'dept');
  // The headers follow the project's terms (under the edition's own), as the booklet does.
  const projectTerms = (await projectOf(p, io))?.config.terms;
  const result = await writeTemplates({
    editionDir,
    outDir: resolve(io.cwd, shownOut),
    ...(dept !== undefined ? { dept } : {}),
    ...(projectTerms ? { projectTerms } : {}),
  });
  if (result.warnings.length > 0) io.stderr.write(reportText(result.warnings, io.cwd));
  for (const f of result.files) io.stdout.write(`${posix.join(shownOut, f.name)}  ${(f.bytes / 1024).toFixed(1)} kB\n`);
  io.stdout.write(`${result.files.length} workbook(s) from ${editionDir}; send each to its department, then: booklet import <workbook.xlsx>... --into ${editionDir}\n`);
  return 0;
}
