import { TERM_DEFAULTS, type TermKey, type TermsData } from '../load/schema.js';
import type { Terms } from './types.js';

/**
 * Every term the templates print: the data's own, else the default built from the
 * edition's organisation words (so `department: 局` also turns 部の使命・目標 into
 * 局の使命・目標 unless `mission` itself is given) and its projects heading (so
 * `projects: 重点課題` turns 掲載事業数 21事業 into 掲載重点課題数 21件).
 */
export function resolveTerms(given: TermsData | undefined): Terms {
  const words = { department: given?.department ?? '部', section: given?.section ?? '課', projects: given?.projects };
  const out = {} as Record<TermKey, string>;
  for (const key of Object.keys(TERM_DEFAULTS) as TermKey[]) out[key] = given?.[key] ?? TERM_DEFAULTS[key].defaultOf(words);
  return out;
}

/**
 * A department's own document title, for its insert's PDF metadata: the edition title
 * with its 「各部の」 replaced by the department's name (各部の運営方針と目標 → 企画部の運営方針と目標;
 * also 各部局の, 各部(局)の, 各局の); any other title follows the name in brackets, or in
 * 「」 when it has brackets of its own, so brackets never nest
 * (総務部(防災安全課)「行政評価（事務事業評価）結果一覧」).
 */
export function departmentDocumentTitle(editionTitle: string, departmentName: string, terms: Terms): string {
  const unit = `(?:${escapeRegExp(terms.department)}|部局|部|局)`;
  const each = new RegExp(`^各${unit}(?:[(（]${unit}[)）])?の`, 'u').exec(editionTitle);
  if (each && editionTitle.length > each[0].length) return `${departmentName}の${editionTitle.slice(each[0].length)}`;
  if (!/[()（）]/u.test(editionTitle)) return `${departmentName}（${editionTitle}）`;
  return /[「」]/u.test(editionTitle) ? `${departmentName}　${editionTitle}` : `${departmentName}「${editionTitle}」`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
