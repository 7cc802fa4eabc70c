import type { Terms } from '../model/types.js';
import { SHEET } from './layout.js';

export interface GuideLine {
  readonly text: string;
  readonly heading?: boolean;
}

export interface GuideContext {
  /** 令和2年度 各部の運営方針と目標 */
  readonly edition: string;
  readonly department: string;
  readonly terms: Terms;
}

/** Pure: the 記入方法 sheet, one line per row. */
export function guideLines(c: GuideContext): GuideLine[] {
  const d = c.terms.department;
  const h = (text: string): GuideLine => ({ text, heading: true });
  const p = (text: string): GuideLine => ({ text });
  return [
    h(`${c.edition}　${c.department}　記入用ワークブック`),
    p(`この冊子に載せる${c.department}の内容を、このワークブックに書いて提出してください。前年度（または現在）の内容が入っています。変わったところだけを書き直してください。`),
    p(''),
    h('シート'),
    p(`「${SHEET.form}」: ${d}の名前、${c.terms.mission}、${c.terms.policy}、${c.terms.resources}（職員数・予算額・組織）、問い合わせ先。`),
    p(`「${SHEET.sections}」: ${c.terms.sections}。1行に1つ。`),
    p(`「${SHEET.topics}」: その年の特記事項。1行に1つ。なければ空のままにします。`),
    p(`「${SHEET.projects}」: 主要事業。1行に1つ、載せる順に（行の順が①②…の順になります）。`),
    p(`「${SHEET.indicators}」: 各事業の目標指標。1行に1つの値（現状値・目標値など）。`),
    p(''),
    h('書き方'),
    p('・白いセルに書きます。灰色のセルと灰色の小さな文字の行（キー）は取り込みに使うので、変更・削除しないでください。'),
    p('・セルの中で改行するには Alt+Enter（Mac の Excel は Option+Return、LibreOffice は Ctrl+Enter）。空行で段落を分けます。'),
    p('・行頭の「・」「○」「①」「(1)」などは、そのまま箇条書きの印として印刷されます。'),
    p('・数字の欄（職員数・予算額・年度）は半角の数字で書きます。予算額は「予算額の単位」で選んだ単位の整数です。'),
    p('・年度は西暦の数字で書きます（2022 と書くと「2022年度」と印刷）。2016年、令和4年度末、計画期間中など、年度でない時点は「時点」の欄に書いたとおりに書きます。'),
    p('・空欄は「書かない」という意味です（その項目は印刷されません）。'),
    p('・行を足すときは、表の下の空いている行に書くか、行を挿入します。行を消すときは行ごと削除します。途中の空行は無視されます。'),
    p(''),
    h(`${SHEET.indicators}シートの書き方`),
    p('・1つの指標は、値の数だけ行を使います。最初の行に事業番号と指標名（と指標の単位）を書き、続く行は指標名を空欄にします。'),
    p(`・事業番号は「${SHEET.projects}」シートの番号です。空欄の行は上の行と同じ事業です。`),
    p('・種別: 「現状値」と「目標値」は指標ごとに1つずつ。それ以外の値（基準値・実績値・長期目標など）は「区分つき」を選び、「区分」の欄に名前を書きます。'),
    p('・値は数値でも文字（策定、検討など）でもかまいません。単位は「指標の単位」に書き、値ごとに違うときだけ「値の単位」に書きます。'),
    p(''),
    h('提出'),
    p('・Excel ブック（.xlsx）のまま保存して提出します。.xls や CSV では取り込めません。LibreOffice で編集したときも「Excel 2007-365 (.xlsx)」形式で保存してください。'),
    p('・シートを追加したり、様式の右にメモの列を足したりしてもかまいません（取り込みには使いません）。様式のシート・列・灰色の行は削除しないでください。'),
    p('・数式を使ってもかまいません。保存された計算結果を取り込みます。'),
  ];
}
