import { CONFIG_HELP, CONFIG_OPTION, type Command } from '../command.js';

export const newEdition: Command = {
  name: 'new',
  args: '<year>',
  summary: "scaffold next year's edition from an earlier one",
  example: 'booklet new 2021 --from editions/2020',
  optionHelp: [
    '--from DIR      the edition to start from (required), e.g. editions/2020',
    '-o, --out DIR   the new edition folder (default: <editions>/<year>, where <editions> is',
    '                the project\'s editions setting, else data/); never overwritten',
    CONFIG_HELP,
  ],
  options: { from: { type: 'string' }, out: { type: 'string', short: 'o' }, ...CONFIG_OPTION },
  positionals: 1,
  run: async (p, io) => (await import('../actions/new.js')).run(p, io),
};
