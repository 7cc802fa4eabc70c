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
  /**
   * What to say (Japanese / English) when the value has the wrong type or fits none of a
   * union's forms, instead of the generic wording: e.g. `at: 2016` needs to be told
   * about `year`.
   */
  wrongValue?: string;
}
export const fieldHints = z.registry<FieldHint>();

import { ID_PATTERN } from './idPattern.js';
export { ID_PATTERN };

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

function contactOf(title: string, description: string) {
  return z
    .object({
      section: text('担当課', '問い合わせ先の課の名前（例: 企画経営課）。 / Section to contact, e.g. 企画経営課.'),
      extension: text(
        '内線番号',
        '内線番号。先頭の0が消えないよう "2150" のように引用符で囲む。 / Extension number, quoted ("2150") so leading zeros survive.',
      ).optional(),
      phone: text('電話番号', '電話番号（例: 0422-45-1151）。 / Phone number, e.g. 0422-45-1151.').optional(),
      email: text('メールアドレス', '例: kikaku@example.lg.jp。 / E-mail address.').optional(),
      web: text('ホームページ', 'ページのアドレス。書かれたとおりに印刷する。 / Web page address, printed as written.').optional(),
    })
    .strict()
    .meta({ title, description });
}

const contact = contactOf(
  '問い合わせ先',
  '冊子の問い合わせ先（編集担当）。省略可。 / Contact for questions about the booklet (the editing section); optional.',
);

const distribution = z
  .object({
    handedOut: textList('配布場所', '冊子を配布している場所の一覧。 / Places where the booklet is handed out.').optional(),
    readAt: textList('閲覧場所', '冊子を閲覧できる場所の一覧。 / Places where the booklet can be read.').optional(),
    online: text('掲載先', 'オンラインの掲載先（例: 市ホームページ）。 / Where it is published online, e.g. 市ホームページ.').optional(),
  })
  .strict()
  .meta({
    title: '配布・閲覧',
    description: '冊子の配布・閲覧場所。書いた項目だけを印刷する。 / Where the booklet is available; only what is given is printed.',
  });

const publisher = z
  .object({
    name: text('発行者', '例: 三鷹市企画部企画経営課。省略時は city。 / Issuing body; defaults to city.').optional(),
    address: text('所在地', '例: 〒181-8555 東京都三鷹市野崎一丁目1番1号。 / Postal address, printed as written.').optional(),
    phone: text('電話番号', '例: 0422-45-1151。 / Phone number.').optional(),
    web: text('ホームページ', '書かれたとおりに印刷する。 / Web page, printed as written.').optional(),
    issued: text(
      '発行年月',
      '書かれたとおりに印刷する（例: 平成30年7月）。省略時は issueDate から作る。どちらもなければ印刷しない。 / ' +
        'Printed as written, e.g. 平成30年7月; derived from issueDate when absent; without both, no line.',
    ).optional(),
  })
  .strict()
  .meta({
    title: '発行者',
    description:
      '裏表紙と差し込み（部ごとの冊子）に印刷する発行者の欄。 / The colophon printed on the back cover and on the inserts.',
  });

const digest = z
  .object({
    eraLines: textList(
      '元号の改行',
      'ダイジェストの角のバッジで元号表示をどこで改行するか（例: [令和, 2年度]）。 / How the era label is broken in the corner badge, e.g. [令和, 2年度].',
    ).optional(),
    kicker: text('見出しの前置き', '見出しの上の短い一文。 / Short line above the headline.').optional(),
    headline: text(
      '見出し',
      '例: 「各部の運営方針と目標」を策定しました。省略時は title（冊子の題名）。 / Headline, e.g. 「各部の運営方針と目標」を策定しました; defaults to the title.',
    ).optional(),
    addendum: text(
      '追記',
      'ダイジェストでのみ「はじめに」の後に付ける文。 / Appended to the introduction in the digest only.',
    ).optional(),
  })
  .strict()
  .meta({ title: 'ダイジェスト', description: '1ページの広報用ダイジェスト。 / The one-page newsletter digest.' });

/**
 * The words every other term's default is built from: the two organisation words, and
 * the projects heading when the edition names it (the counters follow a renamed heading).
 */
export interface OrganisationWords {
  readonly department: string;
  readonly section: string;
  /** `terms.projects` when given; undefined for the default heading. */
  readonly projects?: string | undefined;
}

/**
 * What a renamed projects heading counts: the heading itself (重点課題), or the part before
 * 「と」 when the heading joins two nouns (政策内容と目標 → 政策内容).
 */
export function countedNoun(projectsHeading: string): string {
  return /^(.*?[\p{Script=Han}\p{Script=Katakana}ー])と\p{Script=Han}/u.exec(projectsHeading)?.[1] ?? projectsHeading;
}

/**
 * Every word the templates print that is not data: organisation words, headings, labels.
 * `defaultOf` gives the default from the two organisation words, so an edition of a city
 * with 局 and 室 changes two words and every heading follows; any one can be overridden.
 * The model resolves these (model/terms.ts); templates print only `terms.*`.
 */
export const TERM_DEFAULTS = {
  department: { title: '部（上位の組織）', defaultOf: () => '部' },
  section: { title: '課（部の下の組織）', defaultOf: () => '課' },
  cover: { title: '表紙（しおり）', defaultOf: () => '表紙' },
  introduction: { title: 'はじめに', defaultOf: () => 'はじめに' },
  contents: { title: '目次', defaultOf: () => '目次' },
  backCover: { title: '裏表紙（しおり）', defaultOf: () => '裏表紙' },
  fiscalYear: { title: '対象年度', defaultOf: () => '対象年度' },
  departmentCount: { title: '掲載部数', defaultOf: (w: OrganisationWords) => `掲載${w.department}数` },
  // A renamed projects heading is counted in its own word: 掲載重点課題数 29件.
  projectCount: { title: '掲載事業数（projects を変えると 掲載<projects>数）', defaultOf: (w: OrganisationWords) => (w.projects !== undefined ? `掲載${countedNoun(w.projects)}数` : '掲載事業数') },
  projectUnit: { title: '事業の数え方（projects を変えると 件）', defaultOf: (w: OrganisationWords) => (w.projects !== undefined ? '件' : '事業') },
  staffTotal: { title: '職員数の合計', defaultOf: (w: OrganisationWords) => `職員数（掲載${w.department}の合計）` },
  budgetTotal: { title: '予算額の合計', defaultOf: (w: OrganisationWords) => `予算額（掲載${w.department}の合計）` },
  mission: { title: '部の使命・目標', defaultOf: (w: OrganisationWords) => `${w.department}の使命・目標` },
  sections: { title: '各課の役割', defaultOf: (w: OrganisationWords) => `各${w.section}の役割` },
  sectionList: { title: '課の一覧（役割のない課の表の見出し）', defaultOf: (w: OrganisationWords) => `${w.department}の組織` },
  sectionName: { title: '課名', defaultOf: (w: OrganisationWords) => `${w.section}名` },
  role: { title: '役割', defaultOf: () => '役割' },
  staff: { title: '職員数', defaultOf: () => '職員数' },
  persons: { title: '人（職員数の単位）', defaultOf: () => '人' },
  resources: { title: '部の経営資源', defaultOf: (w: OrganisationWords) => `${w.department}の経営資源` },
  organization: { title: '組織', defaultOf: () => '組織' },
  sectionCount: { title: '掲載課数', defaultOf: (w: OrganisationWords) => `掲載${w.section}数` },
  departmentBudget: { title: '予算額（部の経営資源）', defaultOf: () => '予算額' },
  policy: { title: '運営方針', defaultOf: () => '運営方針' },
  projects: { title: '主要事業と目標指標', defaultOf: () => '主要事業と目標指標' },
  nothingListed: {
    title: '掲載のない部の一行',
    defaultOf: (w: OrganisationWords) => `（${w.projects ?? '主要事業と目標指標'}の掲載はありません）`,
  },
  indicators: { title: '目標指標', defaultOf: () => '目標指標' },
  unit: { title: '単位（値が文字だけの指標）', defaultOf: () => '単位' },
  baseline: { title: '現状値', defaultOf: () => '現状値' },
  target: { title: '目標値', defaultOf: () => '目標値' },
  value: { title: '値（指標の表）', defaultOf: () => '値' },
  timePoint: { title: '時点（指標の表）', defaultOf: () => '時点' },
  note: { title: '備考（指標の表）', defaultOf: () => '備考' },
  budget: { title: '事業費（事業ごとの予算）', defaultOf: () => '事業費' },
  responsible: { title: '担当', defaultOf: () => '担当' },
  contact: { title: '問い合わせ', defaultOf: () => '問い合わせ' },
  extension: { title: '内線', defaultOf: () => '内線' },
  phone: { title: '電話', defaultOf: () => '電話' },
  email: { title: 'メール', defaultOf: () => 'メール' },
  publisher: { title: '発行', defaultOf: () => '発行' },
  editor: { title: '編集', defaultOf: () => '編集' },
  issued: { title: '発行年月', defaultOf: () => '発行年月' },
  handedOut: { title: '冊子の配布場所', defaultOf: () => '冊子の配布場所' },
  readAt: { title: '閲覧場所', defaultOf: () => '閲覧場所' },
  feedback: { title: '結びの一文', defaultOf: () => 'ご意見、ご感想などをお寄せください。' },
} as const satisfies Record<string, { title: string; defaultOf: (w: OrganisationWords) => string }>;

export type TermKey = keyof typeof TERM_DEFAULTS;

const DEFAULT_WORDS: OrganisationWords = { department: '部', section: '課' };

/** The `terms` of an edition (and of a project's config, which an edition's terms override key by key). */
export const termsSchema = z
  .object(
    Object.fromEntries(
      Object.entries(TERM_DEFAULTS).map(([key, t]) => [
        key,
        text(t.title, `既定: ${t.defaultOf(DEFAULT_WORDS)} / default: ${t.defaultOf(DEFAULT_WORDS)}`).optional(),
      ]),
    ) as Record<TermKey, z.ZodOptional<ReturnType<typeof text>>>,
  )
  .strict()
  .meta({
    title: '用語',
    description:
      '組織の呼び方（部・課）と冊子が印刷する見出し・ラベル。department と section を変えると、それを使う見出し（部の使命・目標 など）も変わる。 / ' +
      'Organisation words and the fixed headings and labels; headings built from department/section follow them unless set themselves.',
  });

const numbering = z
  .enum(['auto', 'circled', 'parenthesized', 'arabic', 'bullet', 'none'])
  .meta({
    title: '主要事業の番号',
    description:
      'auto（既定）: 50件までは①②…、それを超える部は 1. 2. … / circled: ①② / parenthesized: (1) (2) / arabic: 1. 2. / bullet: ・（番号なしの箇条書き） / none: 印なし。 / ' +
      'auto (default): ①… up to 50 projects, else 1. 2. for all of that department; circled; parenthesized (1); arabic 1.; bullet ・ (an unnumbered list); none.',
  });

const continuousNumbering = z.boolean().meta({
  title: '通し番号',
  description:
    'true: 主要事業の番号を部ごとに 1 から振り直さず、冊子全体で続けて振る（元の資料が表全体を 1〜7 と通し番号で数えているとき）。 / ' +
    'true: key projects are numbered on from one department to the next, as a source that numbers its whole table 1 … 7.',
});

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
      '冊子の「はじめに」とダイジェストの導入文。空行で段落を分ける。省略可。 / The introduction; a blank line starts a new paragraph; optional.',
    ).optional(),
    contact: contact.optional(),
    distribution: distribution.optional(),
    publisher: publisher.optional(),
    terms: termsSchema.optional(),
    numbering: numbering.optional(),
    continuousNumbering: continuousNumbering.optional(),
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
    role: text('課の役割', '例: 市政の総合的な企画・調整。省略可。 / What the section does; optional.').optional(),
    staff: wholeNumber('職員数', '課の職員数（人）。半角の整数。 / Staff of the section, a whole number.').optional(),
  })
  .strict()
  .meta({ title: '課', description: '各課の役割。 / A section and its role.' });

const budget = wholeNumber(
  '予算額',
  '半角の整数。単位は budgetUnit（既定は千円: 1億2千万円なら 120000）。 / ' +
    'A whole number in budgetUnit (default thousands of yen: ¥120,000,000 is 120000).',
);
budget.register(fieldHints, { yenPerUnit: 1000 });

const budgetUnit = z
  .enum(['円', '千円', '万円', '百万円'])
  .meta({ title: '予算額の単位', description: '円・千円・万円・百万円（既定: 千円）。 / Unit of the budget figures (default 千円).' });

const resources = z
  .object({
    staff: wholeNumber('職員数', '部の職員数（人）。半角の整数。 / Staff of the department, a whole number.').optional(),
    budget: budget.optional(),
    budgetUnit: budgetUnit.optional(),
    budgetNote: text('予算額の注記', '例: 一般会計当初予算。 / Note on the budget, e.g. 一般会計当初予算.').optional(),
    organization: text(
      '組織',
      '書かれたとおりに印刷する（例: 4課1室）。省略時は掲載した課の数を「掲載課数」として示す。 / ' +
        'Printed as written, e.g. 4課1室; when absent only the count of listed sections is shown, labelled as such.',
    ).optional(),
  })
  .strict()
  .meta({ title: '部の経営資源', description: '職員数・予算額・組織。書いた項目だけを印刷する。 / Staff, budget and organisation; only what is given is printed.' });

const specialTopic = z
  .object({
    title: text('見出し', '例: 新型コロナウイルス感染症への対応。 / Heading of the topic.'),
    body: text('本文', '空行で段落を分ける。 / Body; a blank line starts a new paragraph.'),
  })
  .strict()
  .meta({ title: '特記事項', description: 'その年の特別な取り組み。 / A topic particular to the year.' });

const AT_HINT =
  'at は時点を書かれたとおりの文字列で書きます。年度なら year: 2016、暦年なら at: "2016年" のように書いてください / ' +
  'at is a time point as text, printed as written: write year: 2016 for fiscal year 2016, or at: "2016年"';

const at = text(
  '時点',
  '書かれたとおりに印刷する時点（例: 2016年、2020年3月、H27〜30、令和4年度末、計画期間中）。 / ' +
    'A time point printed as written, e.g. 2016年, 2020年3月, H27〜30, 令和4年度末.',
);
at.register(fieldHints, { wrongValue: AT_HINT });

const valueOf = z
  .union([z.number(), z.string().regex(/\S/)])
  .meta({ title: '値', description: '数値か短い文字列（例: 20, 策定）。省略時は ― と印刷。 / A number or a short text, e.g. 20 or 策定; omitted prints ―.' });

/** The keys every indicator value has; `year` (a fiscal year) and `at` (any time point) exclude each other. */
const valueFields = {
  value: valueOf.optional(),
  unit: text('単位', '指標の単位を上書きする（例: 人）。 / Overrides the indicator\'s unit.').optional(),
  year: z.number().int().meta({ title: '年度', description: '西暦の年度（例: 2022）。「2022年度」と印刷。 / Fiscal year, e.g. 2022, printed 2022年度.' }).optional(),
  at: at.optional(),
  note: text('注記', '例: 見込み。 / A note on this value, e.g. 見込み.').optional(),
};

const YEAR_AND_AT =
  'year と at は同時に書けません。年度なら year: 2016、それ以外の時点は at: "2016年" のどちらか一方にしてください / ' +
  'year and at cannot both be given: year: 2016 for a fiscal year, or at: "2016年" for any other time point';

function oneTimePoint(v: { year?: number | undefined; at?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.year !== undefined && v.at !== undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: YEAR_AND_AT });
}

const indicatorValue = z.object(valueFields).strict().superRefine(oneTimePoint);

const labelledValue = z
  .object({
    label: text('区分', '例: 基準値、当初値、現状値、目標値、実績値、長期目標。 / e.g. 基準値, 実績値, 目標値.'),
    ...valueFields,
  })
  .strict()
  .superRefine(oneTimePoint)
  .meta({ title: '指標の値', description: '区分つきの値。書いた順に印刷する。 / A labelled value, printed in order.' });

const NO_VALUES =
  '目標指標に値がありません。baseline・target・values のいずれかを書いてください / ' +
  'the indicator has no value; give baseline, target or values';

const indicator = z
  .object({
    name: text('指標名', '例: 市民参加の機会。 / Indicator name.'),
    unit: text('単位', '例: 回、%。各値の既定の単位。 / Unit, e.g. 回 or %; the default for every value.').optional(),
    note: text('注記', '例: 各年4月1日現在。 / A note on the indicator.').optional(),
    baseline: indicatorValue
      .meta({ title: '現状値', description: '{ value: 12, year: 2019 } のように書く。 / Baseline, e.g. { value: 12, year: 2019 }.' })
      .optional(),
    values: z
      .array(labelledValue)
      .meta({
        title: '値の一覧',
        description:
          '区分つきの値を印刷する順に並べる（baseline の後、target の前に印刷）。 / Labelled values in printed order (after baseline, before target).',
      })
      .optional(),
    target: indicatorValue
      .meta({ title: '目標値', description: '{ value: 20, year: 2022 } のように書く。 / Target, e.g. { value: 20, year: 2022 }.' })
      .optional(),
  })
  .strict()
  .superRefine((ind, ctx) => {
    if (ind.baseline === undefined && ind.target === undefined && (ind.values ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: NO_VALUES });
    }
  })
  .meta({ title: '目標指標', description: '事業の目標指標。 / A target indicator of the project.' });

const BUDGET_HINT =
  '事業費は半角の整数か { amount: 12000, unit: 千円, label: 予算額, note: … } の形で書いてください / ' +
  'a project budget is a whole number or { amount: 12000, unit: 千円, label: 予算額, note: … }';

const projectBudget = z
  .union([
    wholeNumber('事業費', '部の budgetUnit（既定: 千円）の半角の整数。 / A whole number in the department\'s budgetUnit (default 千円).'),
    z
      .object({
        amount: z
          .union([z.number(), z.string().regex(/\S/)])
          .meta({ title: '金額', description: '数値か、書かれたとおりに印刷する文字列。 / A number, or a text printed as written.' }),
        unit: budgetUnit.optional(),
        label: text('名称', '例: 事業費、予算額（既定: 事業費）。 / e.g. 事業費 or 予算額 (default 事業費).').optional(),
        note: text('注記', '例: 一般会計。 / A note, e.g. 一般会計.').optional(),
      })
      .strict(),
  ])
  .meta({ title: '事業費', description: '事業の予算（省略可）。 / The project\'s budget (optional).' });
projectBudget.register(fieldHints, { wrongValue: BUDGET_HINT });

const project = z
  .object({
    title: text('事業名', '例: 『第5次三鷹市基本計画』の策定。 / Project title.'),
    summary: text('事業の概要', '空行で段落を分ける。 / Summary; a blank line starts a new paragraph.').optional(),
    section: text('担当課', '事業を担当する課（例: 企画経営課）。 / The responsible section.').optional(),
    budget: projectBudget.optional(),
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
    contact: contactOf(
      '部の問い合わせ先',
      'この部の問い合わせ先。冊子ではこの部の最後に、差し込みにも印刷する。 / The department\'s own contact, printed at the end of its section and on its insert.',
    ).optional(),
    projects: z
      .array(project)
      .meta({
        title: '主要事業',
        description:
          '掲載順に①②…と番号が付く。ないときは見出しと本文だけを印刷し、警告を出す。 / Numbered ①② in order; without any, the department prints its texts and a warning is given.',
      })
      .optional(),
  })
  .strict()
  .meta({
    title: 'departments/<id>.yaml',
    description: '1つの部の運営方針と目標。 / One department: mission, sections, resources, policy, projects.',
  });

export type EditionFile = z.infer<typeof editionSchema>;
export type ContactData = NonNullable<EditionFile['contact']>;
export type DistributionData = NonNullable<EditionFile['distribution']>;
export type PublisherData = NonNullable<EditionFile['publisher']>;
export type TermsData = NonNullable<EditionFile['terms']>;
export type Numbering = NonNullable<EditionFile['numbering']>;
export type DigestData = NonNullable<EditionFile['digest']>;
export type EditionStatus = EditionFile['status'];

export type DepartmentFile = z.infer<typeof departmentSchema>;
export type SectionData = z.infer<typeof section>;
export type ResourcesData = z.infer<typeof resources>;
export type BudgetUnit = z.infer<typeof budgetUnit>;
export type SpecialTopicData = z.infer<typeof specialTopic>;
export type ProjectData = z.infer<typeof project>;
export type ProjectBudgetData = z.infer<typeof projectBudget>;
export type IndicatorData = z.infer<typeof indicator>;
export type IndicatorValueData = z.infer<typeof indicatorValue>;
export type LabelledValue = z.infer<typeof labelledValue>;
