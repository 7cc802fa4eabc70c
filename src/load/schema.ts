import { z } from 'zod';

/**
 * The data format of docs/data-format.md, as zod schemas. These are the single
 * source of truth: the TypeScript types below are inferred from them and the
 * editor JSON Schemas in schema/ are generated from them.
 *
 * Every object is strict because a misspelt optional key would otherwise be
 * dropped silently and its text would just be missing from the booklet.
 *
 * Messages for users are not written here but in issueMessage.ts, from the
 * zod issue codes, so that every field gets the same bilingual wording.
 */

/** Extra facts about a field that only the error messages need (kept out of the JSON Schema). */
export interface FieldHint {
  /** The field is counted in this many yen, e.g. 1000 for 千円. */
  yenPerUnit?: number;
}
export const fieldHints = z.registry<FieldHint>();

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A required text: blank or whitespace-only text would print as an empty heading. */
function text(title: string, description: string) {
  // /\S/ is what `s.trim().length > 0` means, and unlike a refine it survives into the JSON Schema.
  return z.string().regex(/\S/).meta({ title, description });
}

function wholeNumber(title: string, description: string) {
  return z.number().int().min(0).meta({ title, description });
}

function textList(title: string, description: string) {
  return z.array(z.string().regex(/\S/)).meta({ title, description });
}

const id = z
  .string()
  .regex(ID_PATTERN)
  .meta({
    title: '部のID',
    description:
      '半角英小文字・数字をハイフンでつないだ語（例: kikaku, kenko-fukushi）。departments/<ID>.yaml のファイル名と同じ。 / ' +
      'Lower-case ASCII words joined by hyphens (e.g. kikaku, kenko-fukushi); the file departments/<id>.yaml.',
  });

// ---------------------------------------------------------------- edition.yaml

const contact = z
  .object({
    section: text('担当課', '問い合わせ先の課の名前（例: 企画経営課）。 / Section to contact, e.g. 企画経営課.'),
    extension: text(
      '内線番号',
      '内線番号。先頭の0が消えないよう "2150" のように引用符で囲む。 / Extension number, quoted ("2150") so leading zeros survive.',
    ).optional(),
    phone: text('電話番号', '代表電話番号（例: 0422-45-1151）。 / Phone number, e.g. 0422-45-1151.').optional(),
  })
  .strict()
  .meta({ title: '問い合わせ先', description: '冊子の問い合わせ先。 / Contact for questions about the booklet.' });

const distribution = z
  .object({
    handedOut: textList('配布場所', '冊子を配布している場所の一覧。 / Places where the booklet is handed out.'),
    readAt: textList('閲覧場所', '冊子を閲覧できる場所の一覧。 / Places where the booklet can be read.').optional(),
    online: text('掲載先', 'オンラインの掲載先（例: 市ホームページ）。 / Where it is published online, e.g. 市ホームページ.').optional(),
  })
  .strict()
  .meta({ title: '配布・閲覧', description: '冊子の配布・閲覧場所。 / Where the booklet is available.' });

const digest = z
  .object({
    eraLines: textList(
      '元号の改行',
      'ダイジェストの角のバッジで元号表示をどこで改行するか（例: [令和, 2年度]）。 / How the era label is broken in the corner badge, e.g. [令和, 2年度].',
    ).optional(),
    kicker: text('見出しの前置き', '見出しの上の短い一文。 / Short line above the headline.').optional(),
    headline: text(
      '見出し',
      '省略時は「<title>」を策定しました。 / Headline; defaults to 「<title>」を策定しました.',
    ).optional(),
    addendum: text(
      '追記',
      'ダイジェストでのみ「はじめに」の後に付ける文。 / Appended to the introduction in the digest only.',
    ).optional(),
  })
  .strict()
  .meta({ title: 'ダイジェスト', description: '1ページの広報用ダイジェスト。 / The one-page newsletter digest.' });

export const editionSchema = z
  .object({
    fiscalYear: z
      .number()
      .int()
      .min(1868)
      .max(2200)
      .meta({ title: '年度', description: '西暦の年度（例: 2020）。 / The fiscal year in the Western calendar, e.g. 2020.' }),
    eraLabel: text(
      '元号表記',
      '例: 令和2年度。省略時は fiscalYear から作る。 / e.g. 令和2年度; derived from fiscalYear when absent.',
    ).optional(),
    status: z
      .enum(['draft', 'final', 'sample'])
      .default('draft')
      .meta({
        title: '状態',
        description:
          'draft: 校正（既定） / final: 確定 / sample: 見本。 / draft prints 校正 (default), final is frozen, sample prints 見本.',
      }),
    city: text('市の名前', '発行者。PDFの作成者にもなる（例: 三鷹市）。 / The publisher and PDF author, e.g. 三鷹市.'),
    title: text('冊子の題名', '例: 各部の運営方針と目標。 / Booklet title, e.g. 各部の運営方針と目標.'),
    issueDate: z.iso.date().meta({
      title: '発行日',
      description:
        'YYYY-MM-DD（例: 2020-07-01）。省略時は年度の4月1日。 / Issue date as YYYY-MM-DD; defaults to April 1 of the fiscal year.',
    }).optional(),
    introduction: text(
      'はじめに',
      '冊子の「はじめに」とダイジェストの導入文。空行で段落を分ける。 / The introduction; a blank line starts a new paragraph.',
    ),
    contact,
    distribution,
    digest: digest.optional(),
    departments: z
      .array(id)
      .min(1)
      .meta({
        title: '部の並び',
        description:
          '冊子に載せる部のIDを掲載順に並べる。各IDに departments/<ID>.yaml が必要。 / ' +
          'Department ids in booklet order; each needs departments/<id>.yaml.',
        uniqueItems: true,
      }),
  })
  .strict()
  .meta({
    title: 'edition.yaml',
    description: '冊子1冊分の設定（年度・題名・はじめに・部の並び）。 / One edition: year, title, introduction, department order.',
  });

// ---------------------------------------------------------- departments/<id>.yaml

const section = z
  .object({
    name: text('課の名前', '例: 企画経営課。 / Section name, e.g. 企画経営課.'),
    role: text('課の役割', '例: 市政の総合的な企画・調整。 / What the section does.'),
    staff: wholeNumber('職員数', '課の職員数（人）。半角の整数。 / Staff of the section, a whole number.').optional(),
  })
  .strict()
  .meta({ title: '課', description: '各課の役割。 / A section and its role.' });

const budget = wholeNumber(
  '予算額（千円）',
  '千円単位の半角の整数（1億2千万円なら 120000）。 / Budget in thousands of yen, a whole number (¥120,000,000 is 120000).',
);
budget.register(fieldHints, { yenPerUnit: 1000 });

const resources = z
  .object({
    staff: wholeNumber('職員数', '部の職員数（人）。半角の整数。 / Staff of the department, a whole number.').optional(),
    budget: budget.optional(),
    budgetNote: text('予算額の注記', '例: 一般会計当初予算。 / Note on the budget, e.g. 一般会計当初予算.').optional(),
  })
  .strict()
  .meta({ title: '部の経営資源', description: '職員数と予算額。 / Staff and budget.' });

const specialTopic = z
  .object({
    title: text('見出し', '例: 新型コロナウイルス感染症への対応。 / Heading of the topic.'),
    body: text('本文', '空行で段落を分ける。 / Body; a blank line starts a new paragraph.'),
  })
  .strict()
  .meta({ title: '特記事項', description: 'その年の特別な取り組み。 / A topic particular to the year.' });

const indicatorValue = z
  .object({
    value: z
      .union([
        z.number(),
        z.string().regex(/\S/),
      ])
      .meta({ title: '値', description: '数値か短い文字列（例: 20, 策定）。 / A number or a short text, e.g. 20 or 策定.' }),
    year: z.number().int().meta({ title: '年度', description: '西暦の年度（例: 2022）。 / Fiscal year, e.g. 2022.' }),
  })
  .strict();

const indicator = z
  .object({
    name: text('指標名', '例: 市民参加の機会。 / Indicator name.'),
    unit: text('単位', '例: 回、%。 / Unit, e.g. 回 or %.').optional(),
    baseline: indicatorValue
      .meta({ title: '現状値', description: '{ value: 12, year: 2019 } のように書く。 / Baseline, e.g. { value: 12, year: 2019 }.' })
      .optional(),
    target: indicatorValue.meta({
      title: '目標値',
      description: '{ value: 20, year: 2022 } のように書く。 / Target, e.g. { value: 20, year: 2022 }.',
    }),
  })
  .strict()
  .meta({ title: '目標指標', description: '事業の目標指標。 / A target indicator of the project.' });

const project = z
  .object({
    title: text('事業名', '例: 『第5次三鷹市基本計画』の策定。 / Project title.'),
    summary: text('事業の概要', '空行で段落を分ける。 / Summary; a blank line starts a new paragraph.').optional(),
    indicators: z.array(indicator).meta({ title: '目標指標', description: 'Target indicators.' }).optional(),
  })
  .strict()
  .meta({ title: '主要事業', description: '①②…の順に番号が付く。 / A main project, numbered ①② in this order.' });

export const departmentSchema = z
  .object({
    name: text('部の名前', '例: 企画部。 / Department name, e.g. 企画部.'),
    mission: text('部の使命・目標', '空行で段落を分ける。 / Mission; a blank line starts a new paragraph.').optional(),
    sections: z.array(section).meta({ title: '各課の役割', description: 'Sections and their roles.' }).optional(),
    resources: resources.optional(),
    policy: text('運営方針', '空行で段落を分ける。 / Policy; a blank line starts a new paragraph.').optional(),
    specialTopics: z
      .array(specialTopic)
      .meta({ title: '特記事項', description: '例: 2020年度の新型コロナ対応。 / e.g. the 2020 COVID-19 response.' })
      .optional(),
    projects: z
      .array(project)
      .min(1)
      .meta({ title: '主要事業', description: '1つ以上。掲載順に①②…と番号が付く。 / At least one; numbered ①② in order.' }),
  })
  .strict()
  .meta({
    title: 'departments/<id>.yaml',
    description: '1つの部の運営方針と目標。 / One department: mission, sections, resources, policy, projects.',
  });

export type EditionFile = z.infer<typeof editionSchema>;
export type Contact = EditionFile['contact'];
export type Distribution = EditionFile['distribution'];
export type Digest = NonNullable<EditionFile['digest']>;
export type EditionStatus = EditionFile['status'];

export type DepartmentFile = z.infer<typeof departmentSchema>;
export type Section = z.infer<typeof section>;
export type Resources = z.infer<typeof resources>;
export type SpecialTopic = z.infer<typeof specialTopic>;
export type Project = z.infer<typeof project>;
export type Indicator = z.infer<typeof indicator>;
export type IndicatorValue = z.infer<typeof indicatorValue>;
