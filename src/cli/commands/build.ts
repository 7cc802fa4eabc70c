import { prefetchToolFonts } from '../../fontPrefetch.js';
import { CONFIG_HELP, CONFIG_OPTION, QUIET_HELP, QUIET_OPTION, type Command } from '../command.js';
import { OUTPUT_KINDS } from '../../emit/targets.js';

export const build: Command = {
  name: 'build',
  args: '<edition-dir>...',
  summary: 'typeset editions into PDFs and a manifest each',
  example: 'booklet build editions/2021 -o output/2021-proof --only booklet',
  optionHelp: [
    '-o, --out DIR   output folder (default: <output>/<edition folder name>; <output> is the',
    '                project\'s output setting, else output/)',
    `--only LIST     comma-separated: ${OUTPUT_KINDS.join(',')} (default: all)`,
    "--dept ID       only this department's insert",
    '--no-cache      typeset everything again (default: reuse unchanged PDFs from <out>/.cache)',
    '--report        also write typesetting-report.json: lines, short last lines, squeeze, spread, rule violations',
    '--impose saddle',
    '                also write booklet-imposed.pdf: printer\'s spreads for saddle stitching',
    '--jobs N        with several editions: how many build at once (default: one per CPU)',
    '--json          print what was written as JSON (paths, pages, bytes, sha256, warnings)',
    QUIET_HELP,
    CONFIG_HELP,
  ],
  options: {
    out: { type: 'string', short: 'o' },
    only: { type: 'string' },
    dept: { type: 'string' },
    impose: { type: 'string' },
    report: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    jobs: { type: 'string' },
    json: { type: 'boolean' },
    ...QUIET_OPTION,
    ...CONFIG_OPTION,
  },
  positionals: 1,
  variadic: true,
  run: async (p, io) => {
    prefetchToolFonts();
    return (await import('../actions/build.js')).run(p, io);
  },
};
