import type { ThemeFile } from '../typeset/theme.js';
import { mm } from '../typeset/theme.js';
import type { PartSpan } from '../typeset/toDocDefinition.js';
import type { EmbeddableFont } from '../engine/index.js';
import type { Job } from './targets.js';
import type { MemoPage } from './press/pressReady.js';
import type { TypesetResult } from './typesetCache.js';

export interface BuiltFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly parts?: readonly PartSpan[];
}

/** A finished file's bytes and page count. */
export interface Finished {
  readonly bytes: Uint8Array;
  readonly pages: number;
}

/** What the press step needs besides the screen PDF. */
export interface PressInputs {
  readonly theme: ThemeFile;
  /** Fonts (as the engine parsed them) for the slug and hidden folio, in order of preference (BIZ UD Gothic first). */
  readonly fonts: readonly EmbeddableFont[];
  /** The edition's name, printed in the slug of every page and sheet. */
  readonly slug: string;
}

/** The notes page that pads the print PDF, in the booklet's margins and colours. */
function memoPage(theme: ThemeFile): MemoPage {
  const { page, sizes, colors, print } = theme;
  return {
    title: print.memoTitle,
    margins: { top: mm(page.margins.top), bottom: mm(page.margins.bottom), inside: mm(page.margins.inside + page.gutter), outside: mm(page.margins.outside) },
    titleSize: sizes.h2,
    pitch: mm(8),
    titleColour: colors.accent.rgb,
    ruleColour: colors.rule.rgb,
  };
}

/**
 * Makes one derived file, or gives the one made earlier from the same screen PDF: `what`
 * names the derivation (the caller keys it with the screen PDF's content address).
 */
export type Reuse = (what: string, make: () => Promise<Finished>) => Promise<Finished>;
const makeEveryTime: Reuse = (_what, make) => make();

/**
 * Pure (bytes in, bytes out): the files one typesetting pass becomes. The print PDF is
 * the screen PDF's pages re-boxed and re-coloured, so both share one layout and the same
 * page numbers; inserts get a blank last page when odd, so each starts on a front side
 * when printed double-sided.
 */
export async function finishJob(job: Job, screen: Omit<TypesetResult, 'report'>, press: PressInputs, reuse: Reuse = makeEveryTime): Promise<BuiltFile[]> {
  const out: BuiltFile[] = [];
  // pdf-lib (~150 ms to load) only when a file has to be made.
  const load = () => Promise.all([import('./press/padEven.js'), import('./press/pressReady.js'), import('./press/impose.js')]);
  const parts = job.kind === 'booklet' ? { parts: screen.parts } : {};
  if (job.outputs.screen) {
    if (job.kind === 'insert') {
      const padded = await reuse('even', async () => (await load())[0].padToEven(screen.bytes));
      out.push({ path: job.outputs.screen, bytes: padded.bytes, pages: padded.pages });
    } else {
      out.push({ path: job.outputs.screen, bytes: screen.bytes, pages: screen.pages, ...parts });
    }
  }
  if (job.outputs.print) {
    const { page, print, colors } = press.theme;
    const printed = await reuse('print', async () =>
      (await load())[1].pressReady(screen.bytes, {
        bleed: mm(page.bleed),
        markArea: mm(print.markArea),
        // The logo's own colours are mapped exactly too (theme logo.colors).
        colours: [...Object.values(colors), ...Object.values(press.theme.logo.colors)],
        fonts: press.fonts,
        slug: press.slug,
        fine: print.fine,
        hiddenFolio: { size: print.hiddenFolio.size, fromSpine: mm(print.hiddenFolio.fromSpine), fromBottom: mm(print.hiddenFolio.fromBottom) },
        outputIntent: print.outputIntent,
        ...(print.padding === 'memo' ? { memo: memoPage(press.theme) } : {}),
      }),
    );
    out.push({ path: job.outputs.print, bytes: printed.bytes, pages: printed.pages });
    if (job.outputs.imposed) {
      const imposed = await reuse('saddle', async () => ({
        bytes: await (await load())[2].imposeSaddle(printed.bytes, { fonts: press.fonts, slug: press.slug, creep: mm(print.creep) }),
        pages: printed.pages / 2,
      }));
      out.push({ path: job.outputs.imposed, bytes: imposed.bytes, pages: imposed.pages });
    }
  }
  return out;
}
