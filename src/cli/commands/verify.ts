import { CONFIG_HELP, CONFIG_OPTION, type Command } from '../command.js';

export const verify: Command = {
  name: 'verify',
  args: '<output-dir | archive.tar>',
  summary: 'check a build folder (or archive .tar) against its manifest',
  example: 'booklet verify --rebuild output/2020-archive.tar',
  optionHelp: [
    '--rebuild       rebuild an edition folder (or an archive: from its own settings, with the',
    '                tool it includes, if any) with the recorded options; compare with the manifest',
    '--manifest PATH with --rebuild: the manifest to compare with',
    '                (default: <output>/<edition folder name>/manifest.json, or the archive\'s)',
    CONFIG_HELP,
  ],
  options: { rebuild: { type: 'boolean' }, manifest: { type: 'string' }, ...CONFIG_OPTION },
  positionals: 1,
  readOnly: true,
  run: async (p, io) => (await import('../actions/verify.js')).run(p, io),
};
