import { QUIET_HELP, QUIET_OPTION, type Command } from '../command.js';

export const init: Command = {
  name: 'init',
  args: '[dir]',
  summary: 'start a city project: config, theme, template places, a sample edition',
  example: 'booklet init mitaka-booklet',
  optionHelp: [QUIET_HELP],
  options: { ...QUIET_OPTION },
  positionals: 0,
  maxPositionals: 1,
  run: async (p, io) => (await import('../actions/init.js')).run(p, io),
};
