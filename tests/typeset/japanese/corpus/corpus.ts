/**
 * The hard-paragraph corpus, set at the booklet's body measure by our line breaker
 * (whole paragraph, and line by line as before) and by Typst: the figures that
 * tests/typeset/japanese/vsTypst.test.ts checks and bench/vsTypst.ts prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type SetLine, breakParagraph, lineText } from '../../../../src/typeset/japanese/breakLines.js';
import { fontFileMetrics as openFontMetrics } from '../../../../src/engine/index.js';
import { letterCount, prepare } from '../../../../src/typeset/japanese/prepare.js';
import { resolveTheme, themeSchema } from '../../../../src/typeset/theme.js';
import { type TypstParagraph, typstLines } from '../../../helpers/typst.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FONT_DIR = join(ROOT, 'fonts');

export interface CorpusParagraph {
  readonly name: string;
  readonly from: 'edition' | 'held-out';
  readonly text: string;
}

export function corpus(): CorpusParagraph[] {
  return parse(readFileSync(fileURLToPath(new URL('hard-paragraphs.yaml', import.meta.url)), 'utf8')) as CorpusParagraph[];
}

/** The booklet's body text: the theme's body size and font, the page width less its margins, a one-em indent. */
export function bodySetting(): Omit<TypstParagraph, 'text'> {
  const theme = resolveTheme(themeSchema.parse(parse(readFileSync(join(ROOT, 'templates/theme.yaml'), 'utf8'))), 'rgb');
  return {
    font: theme.fonts.body,
    fontSize: theme.sizes.body,
    measure: theme.pageWidth - theme.margins.inside - theme.margins.outside,
    justify: true,
    indent: 1,
  };
}

export interface SetParagraph {
  readonly lines: readonly SetLine[];
  readonly texts: readonly string[];
  /** Letters (not punctuation) on the last line of a paragraph of two lines or more; Infinity for one line. */
  readonly lastLetters: number;
}

export interface Comparison {
  readonly paragraph: CorpusParagraph;
  readonly ours: SetParagraph;
  readonly greedy: SetParagraph;
  readonly typst: number;
}

/** Every corpus paragraph set three ways. */
export function compare(paragraphs = corpus(), setting = bodySetting()): Comparison[] {
  const metrics = openFontMetrics(join(FONT_DIR, setting.font === 'Mincho' ? 'BIZUDMincho-Regular.ttf' : 'BIZUDGothic-Regular.ttf'));
  const set = (text: string, breaking: 'optimal' | 'greedy'): SetParagraph => {
    const lines = breakParagraph(text, { metrics, fontSize: setting.fontSize, measure: setting.measure, justify: setting.justify, indent: setting.indent, breaking });
    const texts = lines.map(lineText);
    const last = prepare(texts.at(-1) ?? '', metrics);
    return { lines, texts, lastLetters: lines.length > 1 ? letterCount(last, 0, last.n) : Infinity };
  };
  const typst = typstLines(paragraphs.map((p) => ({ ...setting, text: p.text })), FONT_DIR).lines;
  return paragraphs.map((paragraph, i) => ({
    paragraph,
    ours: set(paragraph.text, 'optimal'),
    greedy: set(paragraph.text, 'greedy'),
    typst: typst[i]!,
  }));
}
