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
 * with its 「各部の」 replaced by the department's name (各部の運営方針と目標 → 企画部の運営方針と目標);
 * a title that does not start so is kept whole after the name.
 */
export function departmentDocumentTitle(editionTitle: string, departmentName: string, terms: Terms): string {
  const each = `各${terms.department}の`;
  return editionTitle.startsWith(each) && editionTitle.length > each.length
    ? `${departmentName}の${editionTitle.slice(each.length)}`
    : `${departmentName}（${editionTitle}）`;
}
