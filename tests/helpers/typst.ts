/**
 * Sets paragraphs with Typst (the npm build of its compiler, a dev dependency) at given
 * measures, to compare line counts with ours.
 *
 * Reading the count: each paragraph is measured inside Typst (`measure(block(width, par))`)
 * and the height is returned through `metadata` and a query. With the text's top and
 * bottom edges set to 1 em and 0 and a leading of ½ em, a paragraph of n lines is exactly
 * n × 1.5 em − ½ em high, so the count needs no guess about glyph boxes or PDF text
 * extraction. Optionally the paragraphs are also rendered one per page to a PDF, to read
 * Typst's lines back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

export interface TypstParagraph {
  readonly text: string;
  readonly font: 'Mincho' | 'Gothic';
  readonly bold?: boolean;
  /** pt */
  readonly fontSize: number;
  /** pt */
  readonly measure: number;
  readonly justify: boolean;
  /** em on the first line */
  readonly indent: number;
}

export interface TypstResult {
  readonly lines: number[];
  /** One page per paragraph, when asked for. */
  readonly pdf?: Uint8Array;
}

const FAMILY = { Mincho: 'BIZ UDMincho', Gothic: 'BIZ UDGothic' } as const;
// A root that exists nowhere: Typst reads only the files mapped into it.
const ROOT = '/plan-booklet-typst';

const SOURCE = `
#let pars = json("/pars.json")
#set page(height: auto, margin: 0pt)
#for p in pars {
  set page(width: p.measure * 1pt)
  set text(font: p.family, size: p.size * 1pt, weight: p.weight, lang: "ja", top-edge: 1em, bottom-edge: 0em)
  set par(justify: p.justify, leading: 0.5em, spacing: 0pt, first-line-indent: (amount: p.indent * 1em, all: true))
  context [#metadata(measure(block(width: p.measure * 1pt, par(p.text))).height / text.size) <height>]
  par(p.text)
  pagebreak(weak: true)
}
`;

/** Typst's line count for every paragraph (and the PDF, with `pdf: true`). */
export function typstLines(paragraphs: readonly TypstParagraph[], fontDir: string, opts: { pdf?: boolean } = {}): TypstResult {
  const fonts = ['BIZUDMincho-Regular.ttf', 'BIZUDGothic-Regular.ttf', 'BIZUDGothic-Bold.ttf'].map((f) => readFileSync(join(fontDir, f)));
  const compiler = NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontBlobs: fonts }] });
  const pars = paragraphs.map((p) => ({
    text: p.text,
    family: FAMILY[p.font],
    weight: p.bold ? 'bold' : 'regular',
    size: p.fontSize,
    measure: p.measure,
    justify: p.justify,
    indent: p.indent,
  }));
  compiler.mapShadow(`${ROOT}/pars.json`, Buffer.from(JSON.stringify(pars)));
  const compiled = compiler.compile({ mainFileContent: SOURCE });
  const doc = compiled.result;
  if (!doc) {
    const error = compiled.takeError();
    throw new Error(`Typst failed: ${JSON.stringify(error ? compiler.fetchDiagnostics(error) : 'no result')}`);
  }
  const heights = (compiler.query(doc, { selector: '<height>' }) as Array<{ value: number }>).map((m) => m.value);
  if (heights.length !== paragraphs.length) throw new Error(`Typst measured ${heights.length} of ${paragraphs.length} paragraphs`);
  // n lines of 1 em with ½ em leading between them: n × 1.5 − 0.5 em
  const lines = heights.map((h) => Math.round((h + 0.5) / 1.5));
  return { lines, ...(opts.pdf ? { pdf: new Uint8Array(compiler.pdf(doc)) } : {}) };
}
