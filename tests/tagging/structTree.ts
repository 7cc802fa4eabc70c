// The structure tree of a PDF as poppler reads it back (`pdfinfo -struct-text`): each
// element with its role, attributes, the text of its own marked content and its kids.
import { execFileSync } from 'node:child_process';
import { requireTool } from '../helpers/tools.js';

export interface Elem {
  readonly role: string;
  readonly attrs: Record<string, string>;
  /** Text of the element's own content, in order (word joiners removed: see gapGlyph.ts). */
  readonly texts: string[];
  readonly kids: Elem[];
  /** Annotations (OBJR) among its kids. */
  objects: number;
}

const WORD_JOINER = /\u2060/g;

export function structTree(file: string): Elem {
  requireTool('pdftotext');
  const out = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const root: Elem = { role: '(root)', attrs: {}, texts: [], kids: [], objects: 0 };
  const stack: { indent: number; el: Elem }[] = [{ indent: -1, el: root }];
  for (const raw of out.split('\n')) {
    if (raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    const last = stack[stack.length - 1]!.el;
    if (line.startsWith('/')) {
      const [key, ...value] = line.slice(1).split(' ');
      last.attrs[key!] = value.join(' ').replace(/^\//, '');
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.el;
    if (line.startsWith('"')) parent.texts.push(line.slice(1, -1).replace(WORD_JOINER, ''));
    else if (/^Object \d+ \d+$/.test(line)) parent.objects++;
    else {
      const role = /^(\w+)/.exec(line)?.[1] ?? line;
      const el: Elem = { role, attrs: {}, texts: [], kids: [], objects: 0 };
      parent.kids.push(el);
      stack.push({ indent, el });
    }
  }
  return root;
}

/** Every element, depth first in reading order. */
export function* elements(el: Elem): Generator<Elem> {
  yield el;
  for (const k of el.kids) yield* elements(k);
}

/** The element's text with its kids', squashed. */
export function textOf(el: Elem): string {
  return (el.texts.join('') + el.kids.map(textOf).join('')).replace(/\s+/g, '');
}

export const withRole = (root: Elem, ...roles: string[]): Elem[] => [...elements(root)].filter((e) => roles.includes(e.role));
