import { createHash } from 'node:crypto';

/**
 * The six capital letters before a subset font's name (ABCDEF+Font), derived from the
 * font and the glyphs in the subset: two different subsets never share a name by
 * accident, and the same subset always gets the same one.
 */
export function subsetTag(fontName: string, glyphs: readonly number[]): string {
  const digest = createHash('sha256').update(`${fontName}\n${glyphs.join(',')}`).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}
