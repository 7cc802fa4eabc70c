import type { ThemeFile } from '../typeset/theme.js';
import { mm } from '../typeset/theme.js';
import type { PartSpan } from '../typeset/toDocDefinition.js';
import { imposeSaddle } from './press/impose.js';
import { padToEven } from './press/padEven.js';
import { pressReady } from './press/pressReady.js';
import type { Job } from './targets.js';

export interface BuiltFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly parts?: readonly PartSpan[];
}

export interface Typeset {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly parts: readonly PartSpan[];
}

/** Room outside the bleed for the crop marks and the slug line. */
const MARK_AREA_MM = 12;

/**
 * Pure (bytes in, bytes out): the files one typesetting pass becomes. The print PDF is
 * the screen PDF's pages re-boxed and re-coloured, so both share one layout and the same
 * page numbers; inserts get a blank last page when odd, so each starts on a front side
 * when printed double-sided.
 */
export async function finishJob(job: Job, screen: Typeset, theme: ThemeFile, slug: string): Promise<BuiltFile[]> {
  const out: BuiltFile[] = [];
  const parts = job.kind === 'booklet' ? { parts: screen.parts } : {};
  if (job.outputs.screen) {
    if (job.kind === 'insert') {
      const padded = await padToEven(screen.bytes);
      out.push({ path: job.outputs.screen, bytes: padded.bytes, pages: padded.pages });
    } else {
      out.push({ path: job.outputs.screen, bytes: screen.bytes, pages: screen.pages, ...parts });
    }
  }
  if (job.outputs.print) {
    const printed = await pressReady(screen.bytes, {
      bleed: mm(theme.page.bleed),
      markArea: mm(MARK_AREA_MM),
      colours: Object.values(theme.colors),
      slug,
    });
    out.push({ path: job.outputs.print, bytes: printed.bytes, pages: printed.pages });
    if (job.outputs.imposed) {
      const imposed = await imposeSaddle(printed.bytes);
      out.push({ path: job.outputs.imposed, bytes: imposed, pages: printed.pages / 2 });
    }
  }
  return out;
}
