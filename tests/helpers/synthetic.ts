import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isMap, isPair, isScalar, visit } from 'yaml';
import { rng } from './prng.js';

/**
 * Synthetic editions for tests and benchmarks: any number of departments, every field
 * filled, with text lengths modelled on data/sample (mission ≈ 80–160 characters, 3–6
 * sections, two policy paragraphs of 150–300 characters, one special topic, 4–6 projects
 * with summaries and 1–3 indicators). The text is assembled from realistic civic-
 * administration phrases, with Latin letters and digits mixed in (ICT, DX, 2024年度,
 * 約3倍, 3・4・13号, 約4,000基) and brackets 「」『』（）, so line breaking, kinsoku and
 * font fallback are exercised as by real data. The same options always give the same
 * files: the text comes from a small seeded PRNG, never from Math.random.
 */
export interface SyntheticOptions {
  readonly departments: number;
  readonly seed?: number;
  /** Default `sample` (fictional content, printed 見本 on every page). */
  readonly status?: 'draft' | 'final' | 'sample';
}

const FISCAL_YEAR = 2024;
const CITY = '見本市';

const prng = rng;

class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** n distinct elements in random order (all of them when n ≥ length). */
  sample<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }
}

type IndicatorKind = 'count' | 'percent' | 'text';
interface IndicatorSpec {
  readonly name: string;
  readonly unit?: string;
  readonly kind: IndicatorKind;
  /** Order of magnitude of a count (default 100). */
  readonly scale?: number;
  /** The target is lower than the baseline (waiting times, waste, overtime). */
  readonly down?: boolean;
}

interface Domain {
  /** The department's name, ending in 部. */
  readonly name: string;
  readonly sections: readonly (readonly [name: string, role: string])[];
  /** Nouns the department works on, for the sentence templates. */
  readonly topics: readonly string[];
  /** Named programmes and plans (may contain Latin letters and digits). */
  readonly keywords: readonly string[];
  readonly projects: readonly string[];
  readonly indicators: readonly IndicatorSpec[];
  readonly specialTopics: readonly string[];
}

const DOMAINS: readonly Domain[] = [
  {
    name: '企画政策部',
    sections: [
      ['企画経営課', '市政の総合的な企画・調整、基本計画の進行管理と行政評価'],
      ['財政課', '予算の編成と中長期財政計画の策定、財政状況の分析・公表'],
      ['デジタル推進課', '行政手続のオンライン化、ICTを活用した業務改革と情報セキュリティ対策'],
      ['広報課', '広報紙・公式ウェブサイト・SNSによる情報発信と市民の声の聴取（広聴）'],
      ['資産活用課', '公共施設の総合的な管理と市有財産の有効活用'],
      ['秘書課', '市長・副市長の秘書事務と表彰・儀式'],
    ],
    topics: ['行財政改革', '市民参加', '公共施設の再編', '行政手続のオンライン化', '政策評価'],
    keywords: ['DX推進計画', '電子申請サービス', 'AI・RPAの活用', 'オープンデータ', 'EBPM（証拠に基づく政策立案）'],
    projects: [
      '『第4次見本市基本計画』の中間見直しに向けた市民参加の推進',
      '行政手続のオンライン化とキャッシュレス決済の拡大',
      'AI・RPAを活用した業務の効率化（DX推進プロジェクト）',
      '『見本市公共施設等総合管理計画』に基づく施設の再編',
      '5Gを活用した地域課題解決の実証事業',
      'オープンデータの公開と利活用の促進',
      '行政評価制度の見直しとEBPMの推進',
    ],
    indicators: [
      { name: 'オンラインで申請できる手続の割合', unit: '%', kind: 'percent' },
      { name: '市民討議会の参加者数', unit: '人', kind: 'count', scale: 100 },
      { name: 'RPAを導入した業務数', unit: '業務', kind: 'count', scale: 10 },
      { name: '削減された業務時間（年間）', unit: '時間', kind: 'count', scale: 1000 },
      { name: '個別施設計画', kind: 'text' },
      { name: '公開データセット数', unit: '件', kind: 'count', scale: 100 },
    ],
    specialTopics: ['物価高騰への対応', '国の重点支援地方交付金の活用', 'マイナンバーカードの活用'],
  },
  {
    name: '総務部',
    sections: [
      ['総務課', '文書の管理、情報公開・個人情報保護と法務'],
      ['人事課', '職員の任用・人材育成、働き方改革の推進'],
      ['契約管財課', '工事・物品の契約事務と庁舎の維持管理'],
      ['危機管理課', '地域防災計画の推進、災害時の初動体制の整備'],
      ['税務課', '市税の賦課・徴収と納税環境の整備'],
      ['情報政策課', '庁内ネットワークの運用と情報セキュリティの確保'],
    ],
    topics: ['人材育成', '防災・減災', '公正な契約事務', '納税環境の整備', '働き方改革'],
    keywords: ['BCP（業務継続計画）', 'テレワーク', '電子契約', 'スマート申告', '地域防災計画（2024年修正）'],
    projects: [
      '大規模災害に備えたBCP（業務継続計画）の改定',
      '職員の多様な働き方の推進とテレワーク環境の整備',
      '電子契約システムの導入による契約事務の効率化',
      '市税のキャッシュレス納付の拡大',
      '自主防災組織の活動支援と防災リーダーの育成',
      '公文書管理の電子化と文書保存年限の見直し',
    ],
    indicators: [
      { name: 'テレワーク実施職員の割合', unit: '%', kind: 'percent' },
      { name: '電子契約の件数', unit: '件', kind: 'count', scale: 100 },
      { name: 'キャッシュレス納付の割合', unit: '%', kind: 'percent' },
      { name: '防災リーダー養成講座の修了者数', unit: '人', kind: 'count', scale: 10 },
      { name: 'BCPの改定', kind: 'text' },
    ],
    specialTopics: ['能登半島地震を踏まえた防災体制の見直し', '職員採用の多様化'],
  },
  {
    name: '市民部',
    sections: [
      ['市民課', '住民基本台帳・戸籍の事務とマイナンバーカードの交付'],
      ['保険年金課', '国民健康保険・後期高齢者医療制度と国民年金の事務'],
      ['市民協働課', '市民活動の支援と町会・自治会との協働の推進'],
      ['文化スポーツ課', '文化芸術の振興と生涯スポーツの推進'],
      ['人権・男女平等推進課', '人権施策の推進と男女平等参画の推進'],
    ],
    topics: ['窓口サービス', '地域コミュニティ', '市民協働', '文化芸術の振興', '多文化共生'],
    keywords: ['書かない窓口', 'マイナンバーカード', '市民活動センター', '多言語翻訳アプリ', 'パートナーシップ制度'],
    projects: [
      '「書かない窓口」の導入による窓口サービスの向上',
      'マイナンバーカードの普及と利活用の促進',
      '町会・自治会の活動支援と担い手の育成',
      '多文化共生の推進と外国人住民への情報提供',
      '市民文化祭の開催と文化芸術活動の支援',
      'パートナーシップ宣誓制度の運用',
    ],
    indicators: [
      { name: 'マイナンバーカードの交付率', unit: '%', kind: 'percent' },
      { name: '窓口の平均待ち時間', unit: '分', kind: 'count', scale: 10, down: true },
      { name: '市民活動団体の登録数', unit: '団体', kind: 'count', scale: 100 },
      { name: '多言語で発信した情報の件数', unit: '件', kind: 'count', scale: 100 },
      { name: '書かない窓口の導入', kind: 'text' },
    ],
    specialTopics: ['外国人住民の増加への対応', '戸籍の振り仮名記載への対応'],
  },
  {
    name: '健康福祉部',
    sections: [
      ['福祉総務課', '地域福祉の推進、民生委員・児童委員の活動支援'],
      ['高齢者支援課', '高齢者福祉の推進、地域包括支援センターの運営支援と介護保険事業の運営'],
      ['障がい者支援課', '障がい者（児）の自立と社会参加の支援、障がい福祉サービスの提供'],
      ['生活福祉課', '生活保護の実施と生活困窮者の自立支援'],
      ['健康推進課', '市民の健康づくりの推進、各種検診・予防接種の実施'],
      ['介護保険課', '要介護認定と介護保険料の賦課・徴収'],
    ],
    topics: ['地域包括ケア', '健康寿命の延伸', '介護人材の確保', '重層的支援体制', '生活困窮者の自立支援'],
    keywords: ['重層的支援体制整備事業', '健康ポイント事業「みほんウォーク」', '第9期介護保険事業計画', 'ICTによる情報共有', '8050問題'],
    projects: [
      '重層的支援体制整備事業の本格実施',
      '在宅医療・介護連携の推進とICTによる情報共有',
      '介護人材の確保・定着に向けた支援',
      '健康ポイント事業「みほんウォーク」の拡充',
      '「見本市障がい者福祉センター（仮称）」の整備に向けた取り組み',
      'がん検診の受診率向上に向けた取り組み',
      'ひきこもり支援の充実と居場所づくり',
    ],
    indicators: [
      { name: '支援会議の開催回数', unit: '回', kind: 'count', scale: 1 },
      { name: '特定健康診査の受診率', unit: '%', kind: 'percent' },
      { name: 'アプリの登録者数', unit: '人', kind: 'count', scale: 1000 },
      { name: '研修受講費用の助成件数', unit: '件', kind: 'count', scale: 10 },
      { name: '整備基本計画', kind: 'text' },
      { name: 'がん検診の受診率', unit: '%', kind: 'percent' },
    ],
    specialTopics: ['新型コロナウイルス感染症の5類移行後の対応', '熱中症対策の強化'],
  },
  {
    name: '子ども未来部',
    sections: [
      ['子ども政策課', '子ども・子育て支援施策の総合的な企画・調整'],
      ['保育課', '保育所の入所事務と保育の質の向上'],
      ['子ども家庭支援センター', '子育て相談と児童虐待の防止、要保護児童への支援'],
      ['児童青少年課', '学童保育所の運営と青少年の健全育成'],
      ['子育て給付課', '児童手当・医療費助成などの給付事務'],
    ],
    topics: ['子育て支援', '待機児童の解消', '児童虐待の防止', 'こどもの居場所づくり', 'ヤングケアラーへの支援'],
    keywords: ['こども家庭センター', '子育て応援アプリ', '学童保育所', 'こども計画', '病児・病後児保育'],
    projects: [
      'こども家庭センターの設置による切れ目のない支援',
      '学童保育所の待機児童の解消',
      '子育て応援アプリによる情報発信の充実',
      'ヤングケアラーの早期発見と支援体制の構築',
      '『見本市こども計画』の策定',
      '病児・病後児保育の拡充',
    ],
    indicators: [
      { name: '学童保育所の待機児童数', unit: '人', kind: 'count', scale: 10, down: true },
      { name: '子育て応援アプリの登録者数', unit: '人', kind: 'count', scale: 1000 },
      { name: '保育所の定員', unit: '人', kind: 'count', scale: 1000 },
      { name: 'こども計画', kind: 'text' },
      { name: '相談対応件数', unit: '件', kind: 'count', scale: 1000 },
    ],
    specialTopics: ['出生数の減少と子育て世帯の転出への対応', 'こども基本法の施行を受けた取り組み'],
  },
  {
    name: '都市整備部',
    sections: [
      ['都市計画課', '都市計画の策定・変更、景観まちづくりの推進'],
      ['道路交通課', '道路・橋りょうの維持管理、交通安全対策と地域公共交通の充実'],
      ['公園緑地課', '公園の整備・管理、緑化の推進と樹林地の保全'],
      ['下水道課', '下水道施設の維持管理と浸水対策'],
      ['建築指導課', '建築確認と耐震化の促進、空き家対策'],
      ['住宅課', '市営住宅の管理と住宅セーフティネットの充実'],
    ],
    topics: ['都市基盤の整備', '浸水対策', '地域公共交通', '空き家対策', '無電柱化'],
    keywords: ['都市計画道路3・4・13号（中央線）', 'コミュニティバス', '雨水貯留施設', 'LED街路灯', '立地適正化計画'],
    projects: [
      '都市計画道路3・4・13号（中央線）の整備の推進',
      '見本駅周辺のまちづくりの推進',
      '雨水貯留施設などの整備による浸水対策',
      'コミュニティバスのルート再編',
      '空き家の適正管理と利活用の促進',
      '木造住宅の耐震化の促進',
    ],
    indicators: [
      { name: '用地取得率', unit: '%', kind: 'percent' },
      { name: '無電柱化の整備延長', unit: 'm', kind: 'count', scale: 100 },
      { name: '雨水貯留施設の貯留量', unit: '立方メートル', kind: 'count', scale: 1000 },
      { name: '駅前広場の基本設計', kind: 'text' },
      { name: 'コミュニティバスの利用者数（年間）', unit: '人', kind: 'count', scale: 10000 },
      { name: '耐震化された木造住宅の割合', unit: '%', kind: 'percent' },
    ],
    specialTopics: ['建設資材などの価格高騰への対応', '2024年問題（物流・建設業の時間外労働規制）への対応'],
  },
  {
    name: '生活環境部',
    sections: [
      ['環境政策課', '地球温暖化対策の推進と環境学習'],
      ['ごみ対策課', 'ごみの減量・資源化と収集運搬'],
      ['生活安全課', '防犯・交通安全の推進と消費生活相談'],
      ['産業振興課', '商工業の振興と創業支援'],
      ['農業振興課', '都市農業の振興と農地の保全'],
    ],
    topics: ['脱炭素社会', 'ごみの減量', '地域経済の活性化', '消費者被害の防止', '都市農業'],
    keywords: ['ゼロカーボンシティ宣言', 'EV（電気自動車）', 'プラスチックの分別回収', '創業支援センター', '地産地消'],
    projects: [
      '「見本市ゼロカーボンシティ宣言」に基づく脱炭素化の推進',
      'プラスチックの分別回収の開始',
      '公共施設の脱炭素化と再生可能エネルギーの導入',
      '創業支援センターによる起業家の育成',
      '消費者被害の防止に向けた啓発と相談体制の充実',
      '市内産農産物の地産地消の推進',
    ],
    indicators: [
      { name: '市の事務事業に伴うCO2排出量', unit: 't', kind: 'count', scale: 1000, down: true },
      { name: '1人1日あたりのごみ排出量', unit: 'g', kind: 'count', scale: 100, down: true },
      { name: '創業支援による起業件数', unit: '件', kind: 'count', scale: 10 },
      { name: 'ごみの資源化率', unit: '%', kind: 'percent' },
      { name: '分別回収の開始', kind: 'text' },
    ],
    specialTopics: ['エネルギー価格高騰への対応', '特殊詐欺被害の増加への対応'],
  },
  {
    name: '教育部',
    sections: [
      ['教育総務課', '教育委員会の運営と学校施設の整備'],
      ['学務課', '就学事務、学校給食と通学路の安全対策'],
      ['指導課', '教育課程の編成支援と教員の研修'],
      ['教育支援課', '特別支援教育の推進と不登校児童・生徒への支援'],
      ['生涯学習課', '生涯学習の推進と社会教育施設の運営'],
      ['図書館', '市立図書館の運営と読書活動の推進'],
    ],
    topics: ['確かな学力の育成', '学校施設の長寿命化', '不登校への支援', '教員の働き方改革', '生涯学習'],
    keywords: ['GIGAスクール構想', '1人1台端末', 'コミュニティ・スクール', '学校給食費', 'ICT支援員'],
    projects: [
      'GIGAスクール構想の推進と1人1台端末の更新',
      '学校施設の長寿命化改修',
      '不登校児童・生徒の居場所づくりと学びの支援',
      '教員の働き方改革の推進',
      'コミュニティ・スクールの全校展開',
      '電子図書館サービスの導入',
    ],
    indicators: [
      { name: '長寿命化改修を終えた学校数', unit: '校', kind: 'count', scale: 1 },
      { name: '教員の月平均時間外在校等時間', unit: '時間', kind: 'count', scale: 10, down: true },
      { name: 'コミュニティ・スクールの導入率', unit: '%', kind: 'percent' },
      { name: '電子図書館の貸出件数', unit: '件', kind: 'count', scale: 1000 },
      { name: '端末の更新', kind: 'text' },
    ],
    specialTopics: ['学校給食費の無償化に向けた検討', '部活動の地域移行'],
  },
];

const NAMED_PLANS = ['第4次見本市基本計画', '見本市DX推進計画', '見本市地域福祉計画', '見本市環境基本計画（第3次）', '見本市まち・ひと・しごと創生総合戦略'];
const PARTNERS = ['NPOや市民活動団体', '町会・自治会', '市内の大学', '医師会や関係機関', '商工会や市内事業者', '近隣の自治体', '国や東京都'];

/**
 * Sentence templates; {T} topic, {K} keyword, {P} plan, {Y} the fiscal year, {N} a digit,
 * {R} partners. A leading ~ marks a sentence that continues another (また、このため):
 * it never opens a paragraph.
 */
const SENTENCES: readonly string[] = [
  '{Y}年度は『{P}』の中間年にあたることから、これまでの取り組みの成果と課題を検証し、{T}の一層の充実を図ります。',
  '人口減少や少子高齢化の進行、物価高騰など社会経済情勢の変化を踏まえ、{T}に関する施策の優先順位を整理します。',
  '~また、ICTを活用した業務の効率化を進め、生み出した時間を窓口での丁寧な相談対応や政策立案に振り向けます。',
  '{T}については、市民や関係団体との意見交換会を年{N}回開催し、いただいた意見を施策に反映させます。',
  '前年度の実績は2022年度の約{N}倍となっており、引き続き「{K}」の取り組みを拡大します。',
  '~あわせて、DX（デジタル・トランスフォーメーション）の推進により、{T}に関する手続のオンライン化を加速させます。',
  '国や東京都の補助金を活用して市民の負担を軽減するとともに、年間約{N},000件の申請に迅速に対応できる体制を整えます。',
  '特に「{K}」については、市内{N}か所の拠点を中心に、{R}と連携した取り組みを進めます。',
  '~これらの取り組みを通じて、だれもが安心して暮らし続けられる「住み続けたいまち」の実現を目指します。',
  '進行管理にはPDCAサイクルを取り入れ、目標指標の達成状況と評価の結果を毎年度公表します。',
  '部内の各課が分野の垣根を越えて連携し、市民一人ひとりの視点に立って課題の解決にあたります。',
  '2023年度の試行では、対象業務の処理時間が約3分の1に短縮されたことから、{Y}年度は対象を全庁に広げます。',
  'SNSや公式ウェブサイト、広報紙など多様な媒体を通じて、{T}に関する情報を分かりやすく発信します。',
  '都市計画道路3・4・13号の沿道をはじめ、地区ごとの特性に応じて{T}の取り組みを展開します。',
  '『{P}』に掲げる目標の達成に向けて、{R}との協働により「{K}」を着実に推進します。',
  '{Y}年度から{N}年間を計画期間とする新たな方針を策定し、中長期的な視点で{T}に取り組みます。',
  '利用者アンケート（回答数1,{N}00件）の結果では、約{N}割の方が「満足」または「おおむね満足」と回答しています。',
  'AIやRPAなどの新たな技術の活用を検討し、{T}の質の向上と事務の効率化の両立を図ります。',
  '近年、{T}を取り巻く課題は複雑化・多様化しており、従来の制度だけでは対応が難しい事例が増えています。',
  '~このため、相談窓口の一本化や専門職の配置により、支援を必要とする人を確実に支える体制を整えます。',
];

const SUMMARY_SENTENCES: readonly string[] = [
  '{R}と連携し、「{K}」の利用を促進します。',
  '{Y}年度は、対象地区を{N}地区に広げて実施します。',
  '事業の成果を検証し、{T}の新たな展開につなげます。',
  '2023年度の試行では、参加者が前年度から約{N}倍に増えました。',
  'ICTを活用して手続を簡素化し、申請から決定までの期間を約{N}割短縮します。',
  '関係機関による会議を定期的に開催し、既存の制度では対応が難しい事例への支援を協議します。',
  '説明会やワークショップを年{N}回開催し、市民の意見を事業に反映させます。',
  '『{P}』に基づき、{T}に関する取り組みを計画的に進めます。',
  '市内約{N},000世帯を対象にアンケートを実施し、ニーズを的確に把握します。',
  'SNSや広報紙で事業の内容と成果を分かりやすく周知します。',
];

const INTRO = [
  '「各部の運営方針と目標」は、『第4次見本市基本計画』に掲げる施策の実現に向けて、各部が主体的に取り組むための「部の経営の全体構想」を示すものです。組織構成、職員数、予算規模などの「部の経営資源」を踏まえて2024年度の「運営方針」を定め、「主要事業と目標指標」を設定しています。',
  'この冊子は、書式と組版の確認のために自動生成した見本です。記載の市・部・事業・数値はすべて架空です。DX（デジタル・トランスフォーメーション）の推進など、社会経済情勢の変化に対する各部の取り組みについても記述しています。',
];

const TEXT_VALUES: readonly (readonly [string, string])[] = [
  ['検討', '策定'],
  ['着手', '完了'],
  ['未実施', '実施'],
  ['試行', '本格実施'],
  ['設計', '着工'],
];

class Writer {
  constructor(
    private readonly r: Rand,
    private readonly domain: Domain,
  ) {}

  fill(template: string): string {
    return template.replace(/\{([TKPYNR])\}/g, (_, slot: string) => {
      switch (slot) {
        case 'T':
          return this.r.pick(this.domain.topics);
        case 'K':
          return this.r.pick(this.domain.keywords);
        case 'P':
          return this.r.pick(NAMED_PLANS);
        case 'Y':
          return String(FISCAL_YEAR);
        case 'N':
          return String(this.r.int(2, 9));
        default:
          return this.r.pick(PARTNERS);
      }
    });
  }

  /** One paragraph of min–max characters (best effort: never an endless loop). */
  paragraph(pool: readonly string[], min: number, max: number): string {
    for (let attempt = 0; ; attempt++) {
      let text = '';
      const used = new Set<number>();
      while (text.length < min && used.size < pool.length) {
        const i = this.r.int(0, pool.length - 1);
        if (used.has(i)) continue;
        used.add(i);
        const template = pool[i]!;
        if (template.startsWith('~') && text.length === 0) {
          used.delete(i);
          continue;
        }
        const s = this.fill(template.replace(/^~/, ''));
        if (text.length + s.length > max && text.length > 0) continue;
        text += s;
      }
      if ((text.length >= min && text.length <= max) || attempt >= 20) return text;
    }
  }
}

function indicatorValues(r: Rand, spec: IndicatorSpec): { baseline: string | number; target: string | number } {
  switch (spec.kind) {
    case 'text': {
      const [b, t] = r.pick(TEXT_VALUES);
      return { baseline: b, target: t };
    }
    case 'percent': {
      const baseline = r.next() < 0.3 ? r.int(150, 700) / 10 : r.int(15, 70);
      return { baseline, target: Math.min(100, Math.round(baseline + r.int(5, 30))) };
    }
    default: {
      const scale = spec.scale ?? 100;
      const baseline = r.int(1, 9) * scale + r.int(0, scale - 1);
      const factor = spec.down ? 0.3 + r.next() * 0.6 : 1.2 + r.next() * 2;
      return { baseline, target: Math.max(spec.down ? 0 : baseline + 1, Math.round(baseline * factor)) };
    }
  }
}

function departmentName(domain: Domain, round: number): string {
  // 企画政策部, then 企画政策第2部, 企画政策第3部 … when the list of names comes round again.
  return round === 0 ? domain.name : `${domain.name.replace(/部$/, '')}第${round + 1}部`;
}

function department(r: Rand, domain: Domain, round: number): Record<string, unknown> {
  const w = new Writer(r, domain);
  const sections = r.sample(domain.sections, r.int(3, 6)).map(([name, role]) => ({ name, role, staff: r.int(6, 35) }));
  const staff = sections.reduce((sum, s) => sum + s.staff, 0) + r.int(1, 4);
  const projects = r.sample(domain.projects, r.int(4, 6)).map((title) => ({
    title,
    summary: w.paragraph(SUMMARY_SENTENCES, 70, 150),
    indicators: r.sample(domain.indicators, r.int(1, 3)).map((spec) => {
      const { baseline, target } = indicatorValues(r, spec);
      return {
        name: spec.name,
        ...(spec.unit ? { unit: spec.unit } : {}),
        baseline: { value: baseline, year: FISCAL_YEAR - 1 },
        target: { value: target, year: FISCAL_YEAR + r.int(0, 4) },
      };
    }),
  }));
  return {
    name: departmentName(domain, round),
    mission: w.paragraph(SENTENCES, 80, 160),
    sections,
    resources: {
      staff,
      budget: r.int(300, 20000) * 1000 + r.int(0, 999),
      budgetNote: r.pick(['一般会計当初予算', '一般会計当初予算（人件費を除く）', '一般会計当初予算（特別会計を除く）']),
    },
    policy: `${w.paragraph(SENTENCES, 150, 300)}\n\n${w.paragraph(SENTENCES, 150, 300)}`,
    specialTopics: [{ title: r.pick(domain.specialTopics), body: w.paragraph(SENTENCES, 150, 250) }],
    projects,
  };
}

/** YAML as editors write it: indicator values in flow style, `{ value: 12, year: 2023 }`. */
function yaml(schema: string, value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && (pair.key.value === 'baseline' || pair.key.value === 'target') && isMap(pair.value)) pair.value.flow = true;
    },
  });
  return `# yaml-language-server: $schema=${schema}\n# 自動生成した見本（架空）。tests/helpers/synthetic.ts\n` + doc.toString({ lineWidth: 0 });
}

/** Writes `dir/edition.yaml` and `dir/departments/d001.yaml`… (dir is created). */
export async function writeSyntheticEdition(
  dir: string,
  opts: { departments: number; seed?: number; status?: 'draft' | 'final' | 'sample' },
): Promise<void> {
  if (!Number.isInteger(opts.departments) || opts.departments < 1) throw new RangeError(`departments must be a positive integer, not ${opts.departments}`);
  const r = new Rand(opts.seed ?? 1);
  const width = Math.max(3, String(opts.departments).length);
  const ids = Array.from({ length: opts.departments }, (_, i) => `d${String(i + 1).padStart(width, '0')}`);
  const order = r.sample(DOMAINS, DOMAINS.length);

  await mkdir(join(dir, 'departments'), { recursive: true });
  const edition = {
    fiscalYear: FISCAL_YEAR,
    eraLabel: '令和6年度',
    status: opts.status ?? 'sample',
    city: CITY,
    title: '各部の運営方針と目標',
    issueDate: `${FISCAL_YEAR}-06-01`,
    introduction: INTRO.join('\n\n'),
    contact: { section: '企画経営課', extension: '0312', phone: '0123-45-6789' },
    distribution: {
      handedOut: ['企画経営課（市役所3階）', '市民課窓口', '各地区の市民センター'],
      readAt: ['市立中央図書館', '各地区の図書館分室'],
      online: '見本市公式ウェブサイト',
    },
    digest: {
      eraLines: ['令和', '6年度'],
      kicker: '各部の取り組みを紹介します',
      headline: '「各部の運営方針と目標」を策定しました',
      addendum: '今号では、各部の主要事業の一部を紹介します。',
    },
    departments: ids,
  };
  await writeFile(join(dir, 'edition.yaml'), yaml('../../schema/edition.schema.json', edition));
  for (const [i, id] of ids.entries()) {
    const domain = order[i % order.length]!;
    const dept = department(r, domain, Math.floor(i / order.length));
    await writeFile(join(dir, 'departments', `${id}.yaml`), yaml('../../../schema/department.schema.json', dept));
  }
}
