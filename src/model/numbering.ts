import type { Numbering } from '../load/schema.js';
import { circledNumber } from './circled.js';

/** Unicode encloses numbers only up to ㊿. */
export const MAX_CIRCLED = 50;

export type NumberingStyle = Exclude<Numbering, 'auto'>;

/**
 * The one style a department's projects are numbered in. `auto` is circled while every
 * project has a circled number, and arabic for all of them past fifty: mixing ① … ㊿
 * with (51) would change style half-way down the list. `circled` asked for more than
 * fifty falls back the same way (a warning says so).
 */
export function styleFor(numbering: Numbering, count: number): NumberingStyle {
  if (numbering === 'auto' || numbering === 'circled') return count <= MAX_CIRCLED ? 'circled' : 'arabic';
  return numbering;
}

/** 1 → ①, (1), 1., ・ or '' by style. */
export function marker(style: NumberingStyle, n: number): string {
  switch (style) {
    case 'circled':
      return circledNumber(n);
    case 'parenthesized':
      return `(${n})`;
    case 'arabic':
      return `${n}.`;
    case 'bullet':
      return '・';
    case 'none':
      return '';
  }
}
