import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fixSchemaComment } from '../archive/scaffold.js';
import { CONFIG_FILE } from './schema.js';

/** A new city project's files: relative path → text (in the order they are listed). */
export type ProjectFiles = Map<string, string>;

const rel = (from: string, to: string) => relative(from, to).split('\\').join('/') || '.';

/**
 * What `booklet init` writes: the config, an empty theme of the city's own, places for
 * template overrides, fonts and the logo (each with a note on what goes there), and the
 * sample edition (data/sample: status sample, so every page says 見本) to start from.
 * Every `$schema` line points at the tool's schemas from where the file will be.
 */
export async function projectFiles(projectDir: string, toolRoot: string): Promise<ProjectFiles> {
  const schema = (name: string, at = projectDir) => rel(at, join(toolRoot, 'schema', name));
  const tool = (path: string) => rel(projectDir, join(toolRoot, path));
  const files: ProjectFiles = new Map();
  files.set(
    CONFIG_FILE,
    [
      `# yaml-language-server: $schema=${schema('config.schema.json')}`,
      '# plan-booklet のプロジェクト設定 / plan-booklet project settings. Paths are relative to this',
      '# folder; whatever is not set here comes from plan-booklet itself (its templates, theme and fonts).',
      '',
      'editions: editions   # 年度ごとの版 / one folder per edition: booklet new 2025 --from editions/sample',
      'output: output       # 出力 / each edition is built into output/<edition folder name>/',
      'theme: theme.yaml    # 市のテーマ: 書いた項目だけが上書き / the city\'s colours, sizes, logo placement',
      'templates: templates # テンプレートの上書き / templates/partials/<name>.hbs replaces that one partial',
      '# logo: logo/city-mark.svg   # 市章・ロゴ (SVG, PNG, JPEG) / the city\'s mark, where the theme\'s logo settings put it',
      '# fonts:                     # フォントの差し替え / replacement fonts, with their licence (see fonts/README.md)',
      '#   mincho: fonts/MyMincho.ttf',
      '#   licence: fonts/LICENSE.txt',
      '# terms: { department: 局, section: 室 }   # 市の言葉 / the city\'s words for 部, 課 … (an edition\'s own terms override them)',
      '',
    ].join('\n'),
  );
  files.set(
    'theme.yaml',
    [
      `# yaml-language-server: $schema=${schema('theme.schema.json')}`,
      '# 市のテーマ / the city\'s theme. Set only what differs from plan-booklet\'s own theme,',
      `# ${tool('templates/theme.yaml')} (every key is explained there); the rest is inherited.`,
      '# A colour is replaced whole: give its rgb (screen) and cmyk (print) together. For example:',
      '#',
      '# colors:',
      "#   accent: { rgb: '#0b6e4f', cmyk: [85, 20, 75, 10], fine: [85, 0, 75, 0] }",
      "#   accentLight: { rgb: '#e3f1ea', cmyk: [10, 0, 8, 0] }",
      '# logo:',
      '#   cover: { width: 36, align: right, space: 4 }',
      '#   colors:                  # the logo\'s own colours for print',
      "#     green: { rgb: '#00873c', cmyk: [100, 0, 90, 20] }",
      '',
    ].join('\n'),
  );
  const partials = (await readdir(join(toolRoot, 'templates', 'partials'))).filter((n) => n.endsWith('.hbs')).sort();
  const layouts = (await readdir(join(toolRoot, 'templates', 'layouts'))).filter((n) => n.endsWith('.hbs')).sort();
  files.set(
    'templates/README.md',
    [
      '# Template overrides',
      '',
      `A file here replaces plan-booklet's template of the same name (${tool('templates')}/); every`,
      'other template is inherited. To change the cover, copy its partial here and edit the copy:',
      '',
      '```sh',
      'mkdir -p templates/partials',
      `cp ${tool('templates/partials/cover.hbs')} templates/partials/`,
      '```',
      '',
      `- \`partials/\`: ${partials.join(', ')} (a new partial may be added too)`,
      `- \`layouts/\`: ${layouts.join(', ')}`,
      '',
      `The templates produce the markup described in ${tool('docs/markup.md')}; \`booklet check\``,
      'reports a template that does not compile, with its line.',
      '',
    ].join('\n'),
  );
  files.set(
    'fonts/README.md',
    [
      '# Fonts',
      '',
      'plan-booklet sets text in BIZ UD Mincho and BIZ UD Gothic (SIL Open Font License), which it',
      'ships. To use other fonts, put the files here with their licence and name them in',
      `${CONFIG_FILE}:`,
      '',
      '```yaml',
      'fonts:',
      '  mincho: fonts/MyMincho-Regular.ttf',
      '  gothic: fonts/MyGothic-Regular.ttf',
      '  gothicBold: fonts/MyGothic-Bold.ttf',
      '  licence: fonts/LICENSE.txt',
      '```',
      '',
      'Any face not named stays BIZ UD. The fonts must allow embedding in PDFs, and every character',
      'of the data must be in them (`booklet check` names any that is not).',
      '',
    ].join('\n'),
  );
  files.set(
    'logo/README.md',
    [
      '# Logo',
      '',
      `Put the city's mark here (SVG is best; PNG or JPEG work too) and name it in ${CONFIG_FILE}:`,
      '',
      '```yaml',
      'logo: logo/city-mark.svg',
      '```',
      '',
      'The theme places it (`logo:` in theme.yaml): on the cover, the back cover and each insert\'s',
      'strip. For the print PDF every colour of an SVG logo needs its CMYK in the theme (its',
      '`colors`, or `logo.colors`); the build names any colour that has none.',
      '',
    ].join('\n'),
  );
  const sample = join(toolRoot, 'data', 'sample');
  const sampleFiles = ['edition.yaml', ...(await readdir(join(sample, 'departments'))).filter((n) => n.endsWith('.yaml')).sort().map((n) => `departments/${n}`)];
  for (const file of sampleFiles) {
    const text = await readFile(join(sample, file), 'utf8');
    files.set(`editions/sample/${file}`, fixSchemaComment(text, join(sample, file), join(projectDir, 'editions', 'sample', file)));
  }
  return files;
}
