// Editions of every shape the data format allows: each optional key present or absent,
// empty lists, zero values, long texts, many labels, more than fifty projects. Texts are
// words without brackets or colons, so an empty slot found in a PDF is a template's fault.
import fc from 'fast-check';
import type { DepartmentFile, EditionFile } from '../../../src/load/schema.js';

const WORDS = [
  '市民', '参加', '協働', '推進', '計画', '策定', '防災', '地域', '福祉', '子育て', '支援', '充実', '施設', '整備', '環境',
  'デジタル', 'まちづくり', '公園', '道路', '学校', '教育', '健康', '文化', 'スポーツ', '交通', '安全', '相談', '窓口',
  '見直し', '向上', '確保', '拡充', 'ICT', 'DX', '2030', '3', '12', 'の', 'と', 'を', 'に', 'による',
];

const word = fc.constantFrom(...WORDS);
/** A short text: a few words, no punctuation. */
export const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(''));
const sentence = fc.array(word, { minLength: 3, maxLength: 14 }).map((ws) => `${ws.join('')}。`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((ss) => ss.join(''));
/** Past 600 characters a list item is set as one paragraph that starts with its mark. */
const longItem = fc.array(sentence, { minLength: 40, maxLength: 60 }).map((ss) => ss.join(''));
const listBlock = fc
  .tuple(fc.constantFrom('・', '○', '①', '(1)', '1.', '※'), fc.array(fc.oneof({ weight: 9, arbitrary: phrase }, { weight: 1, arbitrary: longItem }), { minLength: 1, maxLength: 4 }))
  .map(([mark, items]) => items.map((t) => `${mark}${mark.length > 1 ? ' ' : ''}${t}`).join('\n'));

/** Running text: paragraphs and lists, separated by blank lines or by a sentence end. */
export const runningText = (maxBlocks: number) =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: listBlock }), { minLength: 1, maxLength: maxBlocks })
    .chain((blocks) => fc.constantFrom('\n\n', '\n').map((sep) => blocks.join(sep)));

/** Present or absent (the key is left out, not set to undefined: YAML has no undefined). */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const contact = fc
  .record({ section: phrase, extension: maybe(fc.stringMatching(/^[0-9]{2,5}$/)), phone: maybe(fc.constant('03-1234-5678')), email: maybe(fc.constant('kikaku@example.lg.jp')), web: maybe(fc.constant('https://www.example.lg.jp/kikaku/')) })
  .map(compact);

const timePoint = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 1990, max: 2040 }).map((year) => ({ year })),
  fc.constantFrom('2016年', '2020年3月', 'H27〜30', '2015–2018', '令和4年度末', '計画期間中').map((at) => ({ at })),
);
const value = fc.oneof(fc.nat(2_000_000), fc.constantFrom(0, 0.125, 12.5), fc.constantFrom('策定', '実施', '約120'));
const valueFields = fc
  .tuple(maybe(value), maybe(fc.constantFrom('人', '%', '件', 'か所')), timePoint, maybe(phrase))
  // A unit belongs to a value: without one there is nothing to print it after.
  .map(([v, unit, at, note]) => compact({ value: v, unit: v === undefined ? undefined : unit, ...at, note }));
const LABELS = ['基準値', '当初値', '現状値', '実績値', '目標値', '長期目標', '中間目標'];
const labelled = fc.tuple(fc.constantFrom(...LABELS), valueFields).map(([label, v]) => ({ label, ...v }));

const indicator = fc
  .record({
    name: phrase,
    unit: maybe(fc.constantFrom('人', '%', '回', '件')),
    note: maybe(phrase),
    baseline: maybe(valueFields),
    values: maybe(fc.array(labelled, { maxLength: 7 })),
    target: maybe(valueFields),
  })
  .map(compact)
  // The format requires one value at least.
  .map((i) => (i.baseline === undefined && i.target === undefined && (i.values ?? []).length === 0 ? { ...i, target: { value: 1 } } : i));

const budget = fc.oneof(
  fc.nat(50_000_000),
  fc
    .record({ amount: fc.oneof(fc.nat(9_999_999), fc.constantFrom('約12億円', '未定')), unit: maybe(fc.constantFrom('円', '千円', '万円', '百万円') as fc.Arbitrary<'円'>), label: maybe(fc.constantFrom('事業費', '予算額')), note: maybe(phrase) })
    .map(compact),
);

const project = fc
  .record({ title: phrase, summary: maybe(runningText(3)), section: maybe(phrase), budget: maybe(budget), indicators: maybe(fc.array(indicator, { maxLength: 3 })) })
  .map(compact);

export const department = (projects: fc.Arbitrary<DepartmentFile['projects']>): fc.Arbitrary<DepartmentFile> =>
  fc
    .record({
      name: phrase,
      mission: maybe(runningText(3)),
      sections: maybe(fc.array(fc.record({ name: phrase, role: maybe(phrase), staff: maybe(fc.nat(40)) }).map(compact), { maxLength: 4 })),
      resources: maybe(
        fc
          .record({
            staff: maybe(fc.constantFrom(0, 12, 1234)),
            budget: maybe(fc.nat(99_999_999)),
            budgetUnit: maybe(fc.constantFrom('円', '千円', '万円', '百万円') as fc.Arbitrary<'円'>),
            budgetNote: maybe(phrase),
            organization: maybe(fc.constantFrom('4課1室', '3課')),
          })
          .map(compact),
      ),
      policy: maybe(runningText(4)),
      specialTopics: maybe(fc.array(fc.record({ title: phrase, body: runningText(2) }), { maxLength: 2 })),
      contact: maybe(contact),
      projects,
    })
    .map(compact);

export const ordinaryProjects = maybe(fc.array(project, { maxLength: 4 }));

const terms = fc
  .record({
    department: maybe(fc.constantFrom('部', '局', '区', '本部')),
    section: maybe(fc.constantFrom('課', '室', '所属', '係')),
    policy: maybe(fc.constant('重点方針')),
    baseline: maybe(fc.constant('基準値')),
  })
  .map(compact);

export const editionFields: fc.Arbitrary<Omit<EditionFile, 'departments'>> = fc
  .record({
    fiscalYear: fc.integer({ min: 2015, max: 2030 }),
    eraLabel: maybe(fc.constant('令和X年度')),
    status: fc.constant('draft' as const),
    city: phrase,
    title: phrase,
    issueDate: maybe(fc.constantFrom('2018-07-01', '2019-05-01', '2024-06-01')),
    introduction: maybe(runningText(3)),
    contact: maybe(contact),
    distribution: maybe(fc.record({ handedOut: maybe(fc.array(phrase, { maxLength: 3 })), readAt: maybe(fc.array(phrase, { maxLength: 2 })), online: maybe(phrase) }).map(compact)),
    publisher: maybe(fc.record({ name: maybe(phrase), address: maybe(fc.constant('〒181-8555 東京都三鷹市野崎一丁目1番1号')), phone: maybe(fc.constant('0422-45-1151')), web: maybe(fc.constant('https://www.city.example.lg.jp/')), issued: maybe(fc.constant('平成30年7月')) }).map(compact)),
    terms: maybe(terms),
    numbering: maybe(fc.constantFrom('auto', 'circled', 'parenthesized', 'arabic', 'bullet', 'none') as fc.Arbitrary<'auto'>),
    digest: maybe(fc.record({ eraLines: maybe(fc.constant<string[]>(['令和', 'X年度'])), kicker: maybe(phrase), headline: maybe(phrase), addendum: maybe(phrase) }).map(compact)),
  })
  .map(compact);

export interface Shape {
  readonly edition: EditionFile;
  readonly departments: readonly { readonly id: string; readonly data: DepartmentFile }[];
}

export const shapeArb = (projects = ordinaryProjects, maxDepartments = 3): fc.Arbitrary<Shape> =>
  fc.tuple(editionFields, fc.array(department(projects), { minLength: 1, maxLength: maxDepartments })).map(([e, ds]) => {
    const ids = ds.map((_, i) => `d${i + 1}`);
    return { edition: { ...e, departments: ids }, departments: ds.map((data, i) => ({ id: ids[i]!, data })) };
  });
