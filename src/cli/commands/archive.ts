import { CONFIG_HELP, CONFIG_OPTION, QUIET_HELP, QUIET_OPTION, type Command } from '../command.js';

export const archive: Command = {
  name: 'archive',
  args: '<edition-dir>',
  summary: 'one deterministic .tar: data, PDFs, manifest, settings, templates, fonts (and the tool)',
  example: 'booklet archive editions/2020 --with-tool',
  optionHelp: [
    '-o, --out FILE  the archive (default: <output>/<edition folder name>-archive.tar)',
    '--outputs DIR   the built folder to archive, which must match its manifest',
    '                and the data (default: <output>/<edition folder name>)',
    '--with-tool     also include plan-booklet itself and the packages it runs with, so the',
    '                archive rebuilds on a machine with only Node.js, without the network',
    QUIET_HELP,
    CONFIG_HELP,
  ],
  options: { out: { type: 'string', short: 'o' }, outputs: { type: 'string' }, 'with-tool': { type: 'boolean' }, ...QUIET_OPTION, ...CONFIG_OPTION },
  positionals: 1,
  run: async (p, io) => (await import('../actions/archive.js')).run(p, io),
};
