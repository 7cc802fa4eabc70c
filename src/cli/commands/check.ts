import { loadChecked } from '../../pipeline.js';
import { loadResources } from '../../resources.js';
import { reportJson, reportText } from '../report.js';
import type { Command } from '../command.js';
import { requireEditionDir } from './editionDir.js';

export const check: Command = {
  name: 'check',
  args: '<edition-dir>',
  summary: 'validate the data and report every problem at once',
  optionHelp: ['--json          diagnostics as JSON', '--strict        warnings fail too'],
  options: { json: { type: 'boolean' }, strict: { type: 'boolean' } },
  positionals: 1,
  async run(p, io) {
    const editionDir = await requireEditionDir(p.positionals[0]!, io);
    const result = await loadChecked(editionDir, await loadResources());
    const diagnostics = result.ok ? result.warnings : result.diagnostics;
    const failed = !result.ok || (p.values['strict'] === true && diagnostics.length > 0);
    if (p.values['json'] === true) {
      io.stdout.write(reportJson(diagnostics, !failed));
    } else {
      if (diagnostics.length > 0) io.stderr.write(reportText(diagnostics, io.cwd, result.ok ? result.edition.sources : result.sources));
      if (!failed) io.stdout.write(`${editionDir}: ok\n`);
    }
    return failed ? 1 : 0;
  },
};
