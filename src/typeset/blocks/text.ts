import { loadDefaultJapaneseParser } from 'budoux';
import { textOf, type ElementNode } from '../../render/markup.js';
import { classes, type BlockContext, type PdfNode } from './context.js';
import { inlines } from './inline.js';

const budoux = loadDefaultJapaneseParser();

/**
 * Headings break only between BudouX phrases: each phrase is a `noWrap` inline, so pdfmake
 * may break between inlines but never inside a word.
 */
export function phrases(text: string): PdfNode[] {
  return budoux.parse(text).map((p) => ({ text: p, noWrap: true }));
}

const PARAGRAPH_STYLES: Readonly<Record<string, (ctx: BlockContext) => PdfNode>> = {
  lead: (ctx) => ({ fontSize: ctx.theme.sizes.body - 0.5, lineHeight: 1.6, leadingIndent: ctx.theme.sizes.body - 0.5 }),
  small: (ctx) => ({ fontSize: ctx.theme.sizes.small, color: ctx.theme.colour('muted'), alignment: 'left' }),
  contact: (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.body, bold: true, color: ctx.theme.colour('accent'), alignment: 'left' }),
  'contact-label': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small, color: ctx.theme.colour('muted'), alignment: 'left' }),
  kicker: (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.h3, color: ctx.theme.colour('accent'), alignment: 'left', margin: [0, 4, 0, 2] }),
  closing: (ctx) => ({ fontSize: ctx.theme.sizes.small + 0.5, lineHeight: 1.55, leadingIndent: 0 }),
  'cover-era': (ctx) => ({ font: 'Gothic', fontSize: 20, bold: true, color: ctx.theme.colour('paper'), alignment: 'left', leadingIndent: 0 }),
  'cover-title': (ctx) => ({ font: 'Gothic', fontSize: 34, bold: true, color: ctx.theme.colour('paper'), alignment: 'left', leadingIndent: 0, lineHeight: 1.3, margin: [0, 8, 0, 0] }),
  'cover-city': (ctx) => ({ font: 'Gothic', fontSize: 18, bold: true, color: ctx.theme.colour('accent'), alignment: 'right', leadingIndent: 0 }),
  'strip-edition': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small + 1, color: ctx.theme.colour('paper'), alignment: 'left', leadingIndent: 0, margin: [0, 0, 0, 0] }),
  'strip-city': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.small + 1, bold: true, color: ctx.theme.colour('paper'), alignment: 'right', leadingIndent: 0, margin: [0, -12, 0, 0] }),
  'era-line': (ctx) => ({ font: 'Gothic', fontSize: 15, bold: true, color: ctx.theme.colour('paper'), alignment: 'center', leadingIndent: 0, lineHeight: 1.1, margin: [0, 0, 0, 0] }),
  'digest-dept': (ctx) => ({ font: ctx.theme.fonts.heading, fontSize: ctx.theme.sizes.h3, bold: true, color: ctx.theme.colour('accent'), alignment: 'left', leadingIndent: 0, lineHeight: 1.2, margin: [0, 5, 0, 2] }),
  'colophon-title': (ctx) => ({ font: 'Gothic', fontSize: ctx.theme.sizes.h3, bold: true, alignment: 'left', leadingIndent: 0, margin: [0, 0, 0, 6] }),
};

export function paragraph(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const base: PdfNode = {
    text: inlines(node.children),
    font: t.fonts.body,
    fontSize: t.sizes.body,
    lineHeight: t.sizes.lineHeight,
    alignment: 'justify',
    // 字下げ: a paragraph starts one full-width space in, as Japanese prose does.
    leadingIndent: t.sizes.body,
    margin: [0, 0, 0, t.sizes.body * 0.5],
  };
  for (const c of classes(node)) Object.assign(base, PARAGRAPH_STYLES[c]?.(ctx));
  return base;
}

export function heading(node: ElementNode, ctx: BlockContext): PdfNode {
  const t = ctx.theme;
  const text = textOf(node);
  if (node.name === 'h1') {
    const kicker = node.attrs['kicker'];
    const title: PdfNode = {
      text: phrases(text),
      font: t.fonts.heading,
      bold: true,
      fontSize: t.sizes.h1,
      lineHeight: 1.25,
      ...(node.attrs['id'] ? { id: node.attrs['id'] } : {}),
    };
    if (!kicker) return { ...title, color: t.colour('accent'), margin: [0, 0, 0, t.sizes.h1 * 0.6] };
    return {
      columns: [
        { width: 'auto', text: kicker, font: t.fonts.heading, bold: true, fontSize: t.sizes.h1 * 1.4, color: t.colour('paper'), margin: [0, -4, 10, 0] },
        { width: '*', ...title, color: t.colour('paper'), margin: [0, 3, 0, 0] },
      ],
    };
  }
  if (node.name === 'h2') {
    return {
      table: { widths: ['*'], body: [[{ text: phrases(text), font: t.fonts.heading, bold: true, fontSize: t.sizes.h2, color: t.colour('accent'), lineHeight: 1.3 }]] },
      layout: {
        hLineWidth: (i: number) => (i === 1 ? 0.6 : 0),
        vLineWidth: (i: number) => (i === 0 ? 4 : 0),
        hLineColor: () => t.colour('rule'),
        vLineColor: () => t.colour('accent'),
        paddingLeft: () => 7,
        paddingTop: () => 1,
        paddingBottom: () => 2,
      },
      margin: [0, t.sizes.h2 * 0.9, 0, t.sizes.h2 * 0.6],
    };
  }
  // h3: a key project, its circled number hanging in the margin of the title.
  const marker = node.attrs['marker'];
  const style = { font: t.fonts.heading, bold: true, fontSize: t.sizes.h3, lineHeight: 1.45 };
  return {
    columns: [
      ...(marker ? [{ width: t.sizes.h3 * 1.4, text: marker, ...style, color: t.colour('accent') }] : []),
      { width: '*', text: phrases(text), ...style },
    ],
    columnGap: 0,
    margin: [0, t.sizes.h3 * 0.6, 0, t.sizes.h3 * 0.3],
  };
}
