import { basename, resolve } from 'node:path';
import { createBundle, defaultArchive, defaultOutputs } from '../../archive/bundle.js';
import { forLoader, shownPath } from '../../archive/paths.js';
import { checkArchiveTarget } from '../../archive/target.js';
import { sha256 } from '../../emit/manifest.js';
import { writeAtomic } from '../../emit/writeAtomic.js';
import { stringOption, type Command } from '../command.js';
import { requireEditionDir } from './editionDir.js';

export const archive: Command = {
  name: 'archive',
  args: '<edition-dir>',
  summary: 'one deterministic .tar: data, PDFs, manifest, font licence',
  optionHelp: [
    '--out FILE      the archive (default: output/<edition folder name>-archive.tar)',
    '--outputs DIR   the built folder to archive, which must match its manifest',
    '                and the data (default: output/<edition folder name>)',
  ],
  options: { out: { type: 'string' }, outputs: { type: 'string' } },
  positionals: 1,
  async run(p, io) {
    const shownEdition = await requireEditionDir(p.positionals[0]!, io);
    const name = basename(resolve(io.cwd, shownEdition));
    const shownOutputs = shownPath(stringOption(p, 'outputs') ?? defaultOutputs(name));
    const out = stringOption(p, 'out') ?? defaultArchive(name);
    const outputsDir = resolve(io.cwd, shownOutputs);
    const started = performance.now();
    await checkArchiveTarget(resolve(io.cwd, out), out, { edition: resolve(io.cwd, shownEdition), outputs: outputsDir, shownEdition, shownOutputs });
    const bundle = await createBundle({
      editionDir: forLoader(shownEdition, io),
      outputsDir,
      shownEdition,
      shownOutputs,
      name,
    });
    for (const note of bundle.notes) io.stderr.write(`note: ${note}\n`);
    await writeAtomic(resolve(io.cwd, out), bundle.bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const mb = (bundle.bytes.byteLength / 2 ** 20).toFixed(2);
    io.stdout.write(
      `${out}: ${bundle.files} files, ${mb} MB, sha256 ${sha256(bundle.bytes)} (${bundle.manifest.edition.eraLabel} ${bundle.manifest.edition.status}) in ${seconds} s\n` +
        `check it with: booklet verify ${out}\n`,
    );
    return 0;
  },
};
