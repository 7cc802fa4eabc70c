import type { Paragraphs } from './types.js';

/**
 * Splits a text at blank lines. A single line break inside a paragraph is where the
 * editor's window wrapped, not a space: Japanese has no inter-word spaces, so the lines
 * are joined with nothing (Latin words keep one space so "ICT\nstrategy" stays two words).
 */
export function toParagraphs(text: string | undefined): Paragraphs {
  if (text === undefined) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((block) => joinLines(block.split('\n').map((l) => l.trim())))
    .filter((p) => p.length > 0);
}

function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (line === '') continue;
    const needsSpace = /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(line);
    out += (needsSpace ? ' ' : '') + line;
  }
  return out;
}
