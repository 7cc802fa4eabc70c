import type { ElementNode, MarkupNode } from '../../src/render/markup.js';
import { textOf } from '../../src/render/markup.js';

/**
 * What an optional value left out must never leave behind: a sentence with a hole, empty
 * brackets, a label with nothing after it. Used on texts whose data has no brackets or
 * colons of its own, so every match is a template's fault.
 */
export const EMPTY_SLOT_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['冊子は、で', /冊子は、?で/],
  ['、で', /、で(配布|閲覧|ご覧)/],
  ['のほか、で', /のほか、(冊子でも)?で/],
  ['empty brackets', /[（(「『【［[〔〈《]\s*[）)」』】］\]〕〉》]/],
  ['bracketed label only', /[（(](内線|電話|メール)[）)]/],
];

/** The patterns a squashed text matches, by name. */
export function emptySlots(text: string): string[] {
  return EMPTY_SLOT_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => `${name}: …${text.match(re(name))?.[0] ?? ''}…`);
}
const re = (name: string) => EMPTY_SLOT_PATTERNS.find(([n]) => n === name)![1];

/** Every paragraph and table cell of rendered markup whose text ends in a label with no value (`配布場所:`, `担当：`). */
export function danglingLabels(doc: ElementNode): string[] {
  const out: string[] = [];
  const walk = (n: MarkupNode): void => {
    if (n.type === 'text') return;
    if (n.name === 'p' || n.name === 'cell' || n.name === 'item') {
      const text = textOf(n).trim();
      if (text === '' || /[:：]$/.test(text) || /(内線|電話|メール|発行|編集|発行年月)$/.test(text)) out.push(`<${n.name}>${text}`);
      return;
    }
    n.children.forEach(walk);
  };
  walk(doc);
  return out;
}
