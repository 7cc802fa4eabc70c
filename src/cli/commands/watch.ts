import { CONFIG_HELP, CONFIG_OPTION, type Command } from '../command.js';

export const watchCommand: Command = {
  name: 'watch',
  args: '<edition-dir>',
  summary: 'build, then rebuild on every save (Ctrl-C to stop)',
  example: 'booklet watch editions/2021',
  optionHelp: [
    '-o, --out DIR   output folder (default: <output>/<edition folder name>)',
    '--impose saddle',
    '                also keep booklet-imposed.pdf up to date, as build --impose saddle',
    CONFIG_HELP,
  ],
  options: { out: { type: 'string', short: 'o' }, impose: { type: 'string' }, ...CONFIG_OPTION },
  positionals: 1,
  run: async (p, io) => (await import('../actions/watch.js')).run(p, io),
};
