import { prefetchToolFonts } from '../../fontPrefetch.js';
import { CONFIG_HELP, CONFIG_OPTION, QUIET_HELP, QUIET_OPTION, type Command } from '../command.js';

export const check: Command = {
  name: 'check',
  args: '<edition-dir>',
  summary: 'validate the data (and the project) and report every problem at once',
  example: 'booklet check editions/2021 --strict',
  optionHelp: ['--json          diagnostics as JSON', '--strict        warnings fail too', QUIET_HELP, CONFIG_HELP],
  options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, ...QUIET_OPTION, ...CONFIG_OPTION },
  positionals: 1,
  readOnly: true,
  run: async (p, io) => {
    prefetchToolFonts();
    return (await import('../actions/check.js')).run(p, io);
  },
};
