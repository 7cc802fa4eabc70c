import type { Diagnostic } from '../load/diagnostic.js';
import { fmt, naiveCmyk } from '../emit/press/colour.js';
import type { ThemeFile } from '../typeset/theme.js';
import type { Logo } from './asset.js';
import { offsetPosition } from './place.js';

/** Every colour the print PDF maps exactly: the theme's `colors` and the logo's own. */
export function printColourTable(theme: ThemeFile): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [name, c] of Object.entries(theme.colors)) table.set(c.rgb.toLowerCase(), `colors.${name}`);
  for (const [name, c] of Object.entries(theme.logo.colors)) table.set(c.rgb.toLowerCase(), `logo.colors.${name}`);
  return table;
}

/** The CMYK (percent) the conversion rule gives an RGB colour: K = 1 − max(R, G, B), C/M/Y relative to it. */
export function ruleCmyk(hex: string): number[] {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return naiveCmyk(r, g, b).map((v) => Number(fmt(v * 100, 0)));
}

/**
 * What keeps the logo out of the print PDF (PDF/X-1a, CMYK only), as diagnostics at the
 * logo file: transparency and masks in an SVG; an SVG colour without CMYK in the theme
 * (unless `logo.unmapped: convert`); a PNG (its pixels can only be converted by the rule,
 * so `convert` must say so); an RGB JPEG (plan-booklet cannot decode JPEG to convert it).
 */
export function logoPrintProblems(logo: Logo, theme: ThemeFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (offset: number | undefined, message: string): Diagnostic => ({
    file: logo.shown,
    ...(offset !== undefined && logo.svg !== undefined ? offsetPosition(logo.svg, offset) : { line: 0, column: 0 }),
    severity: 'error',
    message: `${message} (for booklet-print.pdf)`,
  });
  const convert = theme.logo.unmapped === 'convert';
  if (logo.kind === 'svg') {
    for (const p of logo.paint?.problems ?? []) if (p.refuses === 'print') out.push(at(p.offset, p.message));
    if (!convert) {
      const table = printColourTable(theme);
      const seen = new Set<string>();
      for (const c of logo.paint?.colours ?? []) {
        // Pure black is printed in K alone whatever the table says.
        if (c.hex === '#000000' || table.has(c.hex) || seen.has(c.hex)) continue;
        seen.add(c.hex);
        const suggestion = `{ rgb: '${c.hex}', cmyk: [${ruleCmyk(c.hex).join(', ')}] }`;
        out.push(
          at(
            c.offset,
            `${c.raw}: the theme gives this colour no CMYK; add it under logo.colors in the theme, e.g. "name: ${suggestion}" ` +
              '(that is what the conversion rule gives: use the city\'s official values), or set logo.unmapped: convert',
          ),
        );
      }
    }
  } else if (logo.kind === 'png' && !convert) {
    out.push(
      at(undefined, 'a PNG logo\'s pixels have no CMYK in the theme: give the logo as SVG (its colours mapped through the theme), or set logo.unmapped: convert to convert each pixel by the rule'),
    );
  } else if (logo.kind === 'jpeg' && logo.components === 3) {
    out.push(at(undefined, 'an RGB JPEG cannot be converted to CMYK here; save the logo as PNG (or better, SVG)'));
  }
  return out;
}
