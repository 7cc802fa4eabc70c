import type { Diagnostic } from '../load/diagnostic.js';
import type { LoadedEdition } from '../load/index.js';

/** Answers whether every font that may set a data text has a glyph for a code point. */
export type Coverage = (codePoint: number) => boolean;

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Characters a user pasted without seeing them: they would change the layout or vanish.
 * Reported by name so the editor knows what to delete.
 */
const INVISIBLE: ReadonlyMap<number, string> = new Map([
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x2060, 'WORD JOINER'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (BOM)'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x00ad, 'SOFT HYPHEN'],
]);

export function problemWith(cp: number, covered: Coverage): string | undefined {
  const name = INVISIBLE.get(cp);
  if (name) return `見えない文字 ${hex(cp)} が含まれています。削除してください / an invisible character ${hex(cp)} ${name} (often pasted from Word or a web page); delete it`;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
    return `制御文字 ${hex(cp)} が含まれています。削除してください / a control character ${hex(cp)}; delete it`;
  }
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) {
    return `異体字セレクタ ${hex(cp)} は表示できません。削除してください / a variation selector ${hex(cp)}, which the fonts cannot show; delete it`;
  }
  if (!covered(cp)) {
    const ch = String.fromCodePoint(cp);
    // A CJK compatibility ideograph the fonts lack may have a unified twin they have.
    const twin = ch.normalize('NFC');
    const instead = twin !== ch && [...twin].every((c) => covered(c.codePointAt(0)!)) ? twin : undefined;
    return instead
      ? `「${ch}」(${hex(cp)}) はフォントにない文字です。「${instead}」(${hex(instead.codePointAt(0)!)}) に置き換えてください / ` +
          `the character 「${ch}」 ${hex(cp)} is not in the BIZ UD fonts and would print as nothing; replace it with 「${instead}」 ${hex(instead.codePointAt(0)!)}`
      : `「${ch}」(${hex(cp)}) はフォントにない文字です。別の字に置き換えてください / ` +
          `the character 「${ch}」 ${hex(cp)} is not in the BIZ UD fonts and would print as nothing; replace it (e.g. 𠮷 → 吉, or write the emoji's meaning in words)`;
  }
  return undefined;
}

/**
 * Pure: every text of the edition checked before typesetting, so that no character
 * silently vanishes from a PDF. Newlines and tabs in block texts are layout, not text.
 */
export function checkGlyphs(edition: LoadedEdition, covered: Coverage): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (file: string, value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const seen = new Set<number>();
      for (const ch of value) {
        const cp = ch.codePointAt(0)!;
        if (cp === 0x0a || cp === 0x0d || cp === 0x09 || seen.has(cp)) continue;
        const problem = problemWith(cp, covered);
        if (!problem) continue;
        seen.add(cp);
        const at = edition.positionOf(file, path, value.indexOf(ch)) ?? { line: 1, column: 1 };
        const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
        out.push({ file, line: at.line, column: at.column, severity: 'error', message: `${where}: ${problem}` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(file, v, [...path, i]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(file, v, [...path, k]);
    }
  };
  const editionFile = edition.sources.find((s) => s.relPath === 'edition.yaml')?.path ?? 'edition.yaml';
  visit(editionFile, edition.edition, []);
  for (const d of edition.departments) visit(d.file, d.data, []);
  return out;
}
