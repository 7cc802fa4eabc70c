import { z } from 'zod';
import { termsSchema } from '../load/schema.js';

/**
 * booklet.config.yaml: a city's project. Every path is relative to the folder that holds
 * the config; whatever the config does not name comes from the tool's own defaults
 * (templates/, templates/theme.yaml, fonts/). Strict like the data: a misspelt key is an
 * error, never a setting silently ignored.
 */
export const CONFIG_FILE = 'booklet.config.yaml';

function path(title: string, description: string) {
  return z.string().regex(/\S/).meta({ title, description });
}

const fonts = z
  .object({
    mincho: path('明朝体', '本文の明朝体（TrueType/OpenType）。 / The Mincho face for body text (TrueType/OpenType).').optional(),
    gothic: path('ゴシック体', '見出しのゴシック体。 / The Gothic face for headings.').optional(),
    gothicBold: path('ゴシック体（太字）', '太字のゴシック体。 / The bold Gothic face.').optional(),
    licence: path(
      'フォントのライセンス',
      '差し替えたフォントのライセンス文書。フォントを差し替えるときは必須（アーカイブに入る）。 / ' +
        'The licence of the replacement fonts; required with any of them (it goes into the archive).',
    ).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if ((f.mincho ?? f.gothic ?? f.gothicBold) !== undefined && f.licence === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['licence'],
        message:
          '差し替えたフォントのライセンス文書（licence: fonts/LICENSE.txt など）を書いてください / ' +
          'replacement fonts need their licence: add "licence: fonts/LICENSE.txt" (or wherever it is)',
      });
    }
  })
  .meta({
    title: 'フォント',
    description:
      '差し替えるフォント。書かなかったものは同梱の BIZ UD フォント。 / Replacement fonts; any not given stays the bundled BIZ UD face.',
  });

export const configSchema = z
  .object({
    editions: path('版のフォルダ', '年度ごとの版を置くフォルダ（既定: editions）。 / Where the editions live (default: editions).').optional(),
    output: path(
      '出力先',
      '出力のフォルダ。版ごとに <output>/<版のフォルダ名>/ に書く（既定: output）。 / Output folder: each edition goes to <output>/<edition folder name>/ (default: output).',
    ).optional(),
    theme: path(
      'テーマ',
      '市のテーマ（YAML）。書いた項目だけが同梱の templates/theme.yaml を上書きする。 / The city\'s theme: what it sets overrides the bundled templates/theme.yaml, the rest is inherited.',
    ).optional(),
    templates: path(
      'テンプレート',
      '上書きするテンプレートのフォルダ。partials/<名前>.hbs、layouts/<名前>.hbs、html/… が同名の同梱テンプレートに代わる。 / ' +
        'Template overrides: partials/<name>.hbs, layouts/<name>.hbs and html/… replace the bundled file of that name.',
    ).optional(),
    fonts: fonts.optional(),
    terms: termsSchema
      .meta({
        title: '用語（既定）',
        description:
          'この市の版すべての用語（部・課の呼び方、見出し）。版の edition.yaml の terms が項目ごとに上書きする。 / ' +
          'Terms for every edition of this city (organisation words, headings); an edition\'s own terms override them key by key.',
      })
      .optional(),
    logo: path(
      'ロゴ',
      '市のロゴ・市章（SVG、PNG、JPEG）。表紙・裏表紙・差し込みの帯に、テーマの logo の位置と大きさで置く。 / ' +
        'The city\'s logo or mark (SVG, PNG, JPEG), placed on the cover, back cover and insert strip as the theme\'s logo settings say.',
    ).optional(),
  })
  .strict()
  .meta({
    title: 'plan-booklet プロジェクト設定',
    description:
      '市のプロジェクト（版、テーマ、テンプレート、フォント、ロゴ）。パスは設定ファイルのフォルダから。 / ' +
      'A city project: editions, theme, templates, fonts and logo; paths are relative to this file\'s folder.',
  });

export type ConfigFile = z.infer<typeof configSchema>;
