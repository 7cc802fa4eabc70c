// Helpers only the HTML edition's templates use. Every one returns escaped text or a
// boolean: data never becomes markup, as in the PDFs.
import Handlebars from 'handlebars';
import { Parser } from '../vendor/budoux/parser.js';
import { model } from '../vendor/budoux/ja.js';

let parser: Parser | undefined;

/**
 * The text with `<wbr>` between its BudouX phrases, each phrase escaped: a heading breaks
 * between phrases in every browser, not only in those that know `word-break: auto-phrase`.
 */
export function phrases(text: unknown): Handlebars.SafeString {
  parser ??= new Parser(model);
  const s = String(text ?? '');
  return new Handlebars.SafeString(parser.parse(s).map((p) => Handlebars.Utils.escapeExpression(p)).join('<wbr>'));
}

/** 1,234,567 bytes → 1.2MB, 345,678 → 338KB: as Japanese public sites label a download. */
export function fileSize(bytes: unknown): string {
  const n = typeof bytes === 'number' ? bytes : 0;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)}MB`;
  return `${Math.max(1, Math.round(n / 1024))}KB`;
}

/** An address worth a link: http(s) only, no spaces or quotes. Anything else prints as text. */
export function isWebAddress(url: unknown): boolean {
  return typeof url === 'string' && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url);
}

export function isMailAddress(email: unknown): boolean {
  return typeof email === 'string' && /^[^\s@<>"'`\\:/]+@[^\s@<>"'`\\:/]+\.[^\s@<>"'`\\:/]+$/.test(email);
}

export const htmlHelpers = { phrases, fileSize, isWebAddress, isMailAddress } as const;
