import { textOf, type ElementNode } from '../../render/markup.js';
import { classes, type BlockContext, type PdfNode } from './context.js';
import { markerBox, setText, unbrokenWidth, withMarker, type TextStyle } from './setText.js';

type Style = Partial<TextStyle>;

const PARAGRAPH_STYLES: Readonly<Record<string, (ctx: BlockContext) => Style>> = {
  lead: (ctx) => ({ fontSize: ctx.theme.sizes.body - 0.5, lineHeight: 1.6 }),
  small: (ctx) => ({ fontSize: ctx.theme.sizes.small, color: ctx.theme.colour('muted'), alignment: 'left', indent: 0 }),
  contact: (ctx) => ({ font: 'Gothic', bold: true, color: ctx.theme.colour('accent'), alignment: 'left', indent: 0 }),
  'contact-label': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small, color: ctx.theme.colour('muted'), alignment: 'left', indent: 0 }),
  kicker: (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.h3, color: ctx.theme.colour('accent'), alignment: 'left', indent: 0, margin: [0, 4, 0, 2] }),
  closing: (ctx) => ({ fontSize: ctx.theme.sizes.small + 0.5, lineHeight: 1.55, indent: 0 }),
  'cover-era': (ctx) => ({ font: 'Gothic', fontSize: 20, bold: true, color: ctx.theme.colour('paper'), alignment: 'left', indent: 0 }),
  'cover-title': (ctx) => ({ font: 'Gothic', fontSize: 34, bold: true, color: ctx.theme.colour('paper'), alignment: 'left', indent: 0, lineHeight: 1.3, margin: [0, 8, 0, 0], phrases: true }),
  'cover-city': (ctx) => ({ font: 'Gothic', fontSize: 18, bold: true, color: ctx.theme.colour('accent'), alignment: 'right', indent: 0 }),
  'strip-edition': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small + 1, color: ctx.theme.colour('paper'), alignment: 'left', indent: 0, margin: [0, 0, 0, 0] }),
  'strip-city': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small + 1, bold: true, color: ctx.theme.colour('paper'), alignment: 'right', indent: 0, margin: [0, -12, 0, 0] }),
  'era-line': (ctx) => ({ font: 'Gothic', fontSize: 15, bold: true, color: ctx.theme.colour('paper'), alignment: 'center', indent: 0, lineHeight: 1.1, margin: [0, 0, 0, 0], oneLine: true }),
  'digest-dept': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.h3, bold: true, color: ctx.theme.colour('accent'), alignment: 'left', indent: 0, lineHeight: 1.2, margin: [0, 5, 0, 2] }),
  'nothing-listed': (ctx) => ({ color: ctx.theme.colour('muted'), alignment: 'left', indent: 0 }),
  'digest-nothing': (ctx) => ({ fontSize: ctx.theme.sizes.small, lineHeight: 1.25, color: ctx.theme.colour('muted'), alignment: 'left', indent: 0, margin: [0, 0, 0, 3] }),
  'project-facts': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small, color: ctx.theme.colour('muted'), alignment: 'left', indent: 0, margin: [0, 0, 0, 3] }),
  'colophon-title': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.h3, bold: true, alignment: 'left', indent: 0, margin: [0, 0, 0, 6] }),
};

export function paragraph(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  let style: TextStyle = {
    font: t.fonts.body,
    fontSize: t.sizes.body,
    lineHeight: t.sizes.lineHeight,
    alignment: 'justify',
    // 字下げ: a paragraph starts one full-width space in, as Japanese prose does.
    indent: 1,
    bracketIndent: t.bracketIndent,
    margin: [0, 0, 0, t.sizes.body * 0.5],
    keepLines: true,
  };
  for (const c of classes(node)) style = { ...style, ...PARAGRAPH_STYLES[c]?.(ctx) };
  if (style.oneLine) {
    const natural = unbrokenWidth(textOf(node), { ...style, indent: 0 }, ctx);
    // A hair under the measure: the breaker must not find it one rounding too wide.
    if (natural > ctx.width) style = { ...style, fontSize: (style.fontSize * ctx.width * 0.995) / natural };
  }
  return setText(node.children, style, ctx);
}

/** Numbers for h1's kicker column: its text is two digits, set in the kicker size. */
const KICKER_SCALE = 1.4;

export function heading(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  if (node.name === 'h1') {
    const kicker = node.attrs['kicker'];
    const id = node.attrs['id'] ? { id: node.attrs['id'] } : {};
    const style: TextStyle = { font: t.fonts.heading, bold: true, fontSize: t.sizes.h1, lineHeight: 1.25, phrases: true };
    if (!kicker) {
      return { ...setText(node.children, { ...style, color: t.colour('accent'), margin: [0, 0, 0, t.sizes.h1 * 0.6] }, ctx), ...id };
    }
    const kickerSize = t.sizes.h1 * KICKER_SCALE;
    const kickerWidth = ctx.metrics(t.fonts.heading, true).width(kicker) * kickerSize + 10;
    return {
      columns: [
        { width: kickerWidth, text: kicker, font: t.fonts.heading, bold: true, fontSize: kickerSize, color: t.colour('paper'), margin: [0, -4, 0, 0] },
        { width: ctx.width - kickerWidth, ...setText(node.children, { ...style, color: t.colour('paper'), margin: [0, 3, 0, 0] }, ctx.within(ctx.width - kickerWidth)), ...id },
      ],
      columnGap: 0,
    };
  }
  if (node.name === 'h2') {
    const [padL, padR, bar] = [7, 2, 4];
    const inner = ctx.within(ctx.width - padL - padR - bar);
    return {
      table: {
        widths: [inner.width],
        body: [[setText(node.children, { font: t.fonts.heading, bold: true, fontSize: t.sizes.h2, color: t.colour('accent'), lineHeight: 1.3, phrases: true }, inner)]],
      },
      layout: {
        hLineWidth: (i: number) => (i === 1 ? 0.6 : 0),
        vLineWidth: (i: number) => (i === 0 ? bar : 0),
        hLineColor: () => t.colour('rule'),
        vLineColor: () => t.colour('accent'),
        paddingLeft: () => padL,
        paddingRight: () => padR,
        paddingTop: () => 1,
        paddingBottom: () => 2,
      },
      margin: [0, t.sizes.h2 * 0.9, 0, t.sizes.h2 * 0.6],
    };
  }
  // h3: a key project, its number hanging in front of the title, in a box as wide as the
  // department's widest number (51. must not wrap where ① fitted).
  const marker = node.attrs['marker'];
  const style: TextStyle = { font: t.fonts.heading, bold: true, fontSize: t.sizes.h3, lineHeight: 1.45, phrases: true };
  const markerWidth = marker ? markerBox([marker, node.attrs['widest'] ?? ''], t.sizes.h3, 1.4, 0.4, ctx) : 0;
  const margin = [0, t.sizes.h3 * 0.6, 0, t.sizes.h3 * 0.3];
  if (!marker) return { ...setText(node.children, style, ctx), margin };
  const markerNode = { text: marker, font: t.fonts.heading, bold: true, fontSize: t.sizes.h3, lineHeight: 1.45, color: t.colour('accent') };
  return withMarker(markerNode, markerWidth, node.children, style, ctx, margin);
}

export { textOf };
