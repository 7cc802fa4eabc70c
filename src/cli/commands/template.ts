import { CONFIG_HELP, CONFIG_OPTION, type Command } from '../command.js';

export const template: Command = {
  name: 'template',
  args: '<edition-dir>',
  summary: 'one prefilled Excel workbook per department, to fill in',
  optionHelp: [
    '--xlsx          Excel workbooks (.xlsx), the one format so far (required)',
    '--dept ID       only this department',
    '-o, --out DIR   where to write them (default: templates-out), as NN-<id>.xlsx',
    CONFIG_HELP,
  ],
  options: { xlsx: { type: 'boolean' }, dept: { type: 'string' }, out: { type: 'string', short: 'o' }, ...CONFIG_OPTION },
  positionals: 1,
  run: async (p, io) => (await import('../actions/template.js')).run(p, io),
};
