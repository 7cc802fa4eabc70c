/** Japanese line breaking (JLReq) and its pdfmake adapter. */
export { type FontLike, type FontMetrics, fontMetrics, openFontMetrics } from './metrics.js';
export { CL, type CharClass, charClass } from './classes.js';
export {
  type BreakOptions,
  type LineRun,
  type SetLine,
  FIT_EPSILON_PT,
  SAFE_SPREAD,
  breakParagraph,
  lineText,
} from './breakLines.js';
export { type HeadingOptions, breakHeading, setHeading } from './heading.js';
export { type PdfmakeTextOptions, gapInline, lineInlines, toPdfmake } from './toPdfmake.js';
