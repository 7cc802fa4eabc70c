import { listMark } from './listMarks.js';
import type { ListItem, RichText, TextBlock } from './types.js';

/**
 * How line breaks in running text are read (docs/data-format.md, 「改行の扱い」):
 *
 * - a blank line ends a paragraph or list;
 * - a line that starts with a list mark (listMarks.ts) is a list item; consecutive
 *   items form one list;
 * - any other line starts a new paragraph when the line before ended a sentence
 *   (。！？ possibly followed by closing brackets, or a colon), when it starts with a
 *   full-width space (the Japanese paragraph indent), or when it or the line before is a
 *   bracketed heading on its own (【基本方針】);
 * - otherwise the break fell in the middle of a sentence: the lines are joined (nothing
 *   between Japanese, one space between Latin letters or digits) and the join is
 *   reported, so no break disappears without a word.
 */

export interface ReadText {
  readonly blocks: RichText;
  /** 0-based indexes of the lines that were joined to the line before them. */
  readonly joinedLines: readonly number[];
}

const SENTENCE_END = /[。．！？!?][」』）)〕］\]】〉》"'”’]*$|[：:]$/u;
const BRACKETED_LINE = /^[【［〔〈《＜][^【］〕〉》＞]*[】］〕〉》＞]$/u;
// U+3000 is kept: at the start of a line it is the paragraph indent the rules read.
const EDGE_SPACE = /^[ \t]+|[ \t\u3000]+$/gu;

/** Text joined across a line break: nothing between Japanese, one space between Latin words or figures. */
export function joinAcross(before: string, after: string): string {
  if (before === '') return after;
  const latin = /[A-Za-z0-9.,;:!?)\]'"%]$/.test(before) && /^[A-Za-z0-9(['"]/.test(after);
  return `${before}${latin ? ' ' : ''}${after}`;
}

export function readText(text: string | undefined): ReadText {
  if (text === undefined) return { blocks: [], joinedLines: [] };
  const blocks: TextBlock[] = [];
  const joinedLines: number[] = [];
  let paragraph: string | undefined;
  let items: ListItem[] | undefined;
  let item: ListItem | undefined;
  let previousLine = '';

  const closeParagraph = () => {
    if (paragraph !== undefined) blocks.push({ kind: 'paragraph', text: paragraph });
    paragraph = undefined;
  };
  const closeList = () => {
    if (item) items?.push(item);
    if (items && items.length > 0) blocks.push({ kind: 'list', items });
    items = undefined;
    item = undefined;
  };

  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    const indented = /^[ \t]*\u3000/u.test(raw);
    const line = raw.replace(EDGE_SPACE, '').replace(/^\u3000+/u, '');
    if (line === '') {
      closeParagraph();
      closeList();
      previousLine = '';
      return;
    }
    const mark = indented ? undefined : listMark(line);
    if (mark) {
      closeParagraph();
      if (item) items?.push(item);
      items ??= [];
      item = { marker: mark.marker, text: mark.text };
    } else {
      const open = item?.text ?? paragraph;
      const breaks =
        open === undefined || indented || SENTENCE_END.test(previousLine) || BRACKETED_LINE.test(line) || BRACKETED_LINE.test(previousLine);
      if (breaks) {
        closeParagraph();
        closeList();
        paragraph = line;
      } else if (item) {
        item = { marker: item.marker, text: joinAcross(item.text, line) };
        joinedLines.push(index);
      } else {
        paragraph = joinAcross(paragraph ?? '', line);
        joinedLines.push(index);
      }
    }
    previousLine = line;
  });
  closeParagraph();
  closeList();
  return { blocks, joinedLines };
}

/** Pure: a multi-paragraph text → its paragraphs and lists. */
export function toRichText(text: string | undefined): RichText {
  return readText(text).blocks;
}

/**
 * A one-line field (a title, a name, a label): a line break there has nowhere to go, so
 * the lines are joined as running text joins them (a warning names the field).
 */
export function oneLine(text: string): string;
export function oneLine(text: string | undefined): string | undefined;
export function oneLine(text: string | undefined): string | undefined {
  if (text === undefined || !/[\r\n]/.test(text)) return text;
  return text
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/^[ \t\u3000]+|[ \t\u3000]+$/gu, ''))
    .filter((l) => l !== '')
    .reduce(joinAcross, '');
}
