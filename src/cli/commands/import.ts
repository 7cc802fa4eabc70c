import { CONFIG_HELP, CONFIG_OPTION, type Command } from '../command.js';

export const importCommand: Command = {
  name: 'import',
  args: '<workbook.xlsx>...',
  summary: "filled-in workbooks into the edition's YAML, then check",
  optionHelp: ['--into DIR      the edition folder to update (required), e.g. data/2021', CONFIG_HELP],
  options: { into: { type: 'string' }, ...CONFIG_OPTION },
  positionals: 1,
  variadic: true,
  run: async (p, io) => (await import('../actions/import.js')).run(p, io),
};
