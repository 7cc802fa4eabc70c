import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontMetrics } from '../../../src/typeset/japanese/metrics.js';
import { fontFileMetrics } from '../../../src/engine/index.js';
import { type SetLine, lineText } from '../../../src/typeset/japanese/breakLines.js';

export const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fonts');
export const MINCHO = path.join(FONT_DIR, 'BIZUDMincho-Regular.ttf');
export const GOTHIC = path.join(FONT_DIR, 'BIZUDGothic-Regular.ttf');
export const GOTHIC_BOLD = path.join(FONT_DIR, 'BIZUDGothic-Bold.ttf');

let mincho: FontMetrics | undefined;
export function minchoMetrics(): FontMetrics {
  mincho ??= fontFileMetrics(MINCHO);
  return mincho;
}

export const texts = (lines: readonly SetLine[]): string[] => lines.map(lineText);

/** Width of a line recomputed from its runs the way pdfmake measures them. */
export function runsWidth(line: SetLine, metrics: FontMetrics, fontSize: number): number {
  let x = 0;
  for (const r of line.runs) {
    x += r.gapBefore;
    let adv = 0;
    for (const ch of r.text) adv += metrics.advance(ch.codePointAt(0)!, r.hwid ? 'hwid' : undefined);
    if ([...r.text].length !== r.text.length || r.text.length > [...r.text].length) {
      // clusters with marks are measured whole
      adv = metrics.width(r.text, r.hwid ? 'hwid' : undefined);
    }
    x += adv * fontSize + r.spacing * (r.text.length - 1);
  }
  return x;
}

export { rng } from '../../helpers/prng.js';

export const LINE_START_PROHIBITED =
  '」』）］｝〕〉》】〙〗’”)]}‐〜゠–！？‼⁇⁈⁉!?・：；:;。．.、，,ゝゞヽヾ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ';
export const LINE_END_PROHIBITED = '「『（［｛〔〈《【〘〖‘“([{';
