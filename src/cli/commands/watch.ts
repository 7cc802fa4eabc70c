import { resolve } from 'node:path';
import { loadResources } from '../../resources.js';
import { watchEdition } from '../../watch.js';
import { DataError } from '../../errors.js';
import { reportText } from '../report.js';
import { stringOption, type Command } from '../command.js';
import { defaultOutputDir, requireEditionDir } from './editionDir.js';

export const watchCommand: Command = {
  name: 'watch',
  args: '<edition-dir>',
  summary: 'rebuild on every save (Ctrl-C to stop)',
  optionHelp: ['--out DIR       output folder (default: output/<edition folder name>)'],
  options: { out: { type: 'string' } },
  positionals: 1,
  async run(p, io) {
    const editionDir = await requireEditionDir(p.positionals[0]!, io);
    const outDir = stringOption(p, 'out') ?? defaultOutputDir(editionDir, io);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    io.stdout.write(`watching ${editionDir} → ${outDir} (Ctrl-C to stop)\n`);
    await watchEdition(
      {
        editionDir,
        outDir: resolve(io.cwd, outDir),
        signal: controller.signal,
        onEvent: (e) => {
          if (e.kind === 'failed') {
            if (e.error instanceof DataError) io.stderr.write(reportText(e.error.diagnostics, io.cwd, e.error.sources));
            else io.stderr.write(`booklet: ${(e.error as Error).message}\n`);
            io.stderr.write('the last good PDFs are unchanged\n');
            return;
          }
          const files = e.result.files.map((f) => f.path).join(', ');
          io.stdout.write(`${e.changed.join(', ')} → ${e.scope === 'insert' ? files : `${e.result.files.length} files`} in ${(e.ms / 1000).toFixed(2)} s\n`);
        },
      },
      await loadResources(),
    );
    return 0;
  },
};
