import type { ElementNode } from '../../render/markup.js';
import { mm, type PlacedLogo } from '../theme.js';
import type { BlockContext, PdfNode } from './context.js';

/** The name of a raster logo in the document's images: embedded once however often it is drawn. */
export const LOGO_IMAGE = 'booklet-logo';

/** The logo drawn `width` pt wide (its height from its aspect). */
export function logoNode(logo: PlacedLogo, width: number): PdfNode {
  const size = { width, height: width * logo.ratio };
  return logo.svg !== undefined ? { svg: logo.svg, ...size, font: 'Gothic' } : { image: LOGO_IMAGE, ...size };
}

/**
 * `<logo place="cover"/>`: the city's logo in the flow, as wide and aligned as the theme
 * says, with its space below. `place="back-cover"`: drawn into the space above the next
 * block (the back cover's colophon), taking none of the page's room, so it never pushes
 * the colophon onto another page. Without a logo (or with the place set to false), nothing.
 */
export function logo(node: ElementNode, ctx: BlockContext): PdfNode {
  const l = ctx.theme.logo;
  const place = node.attrs['place'];
  const settings = place === 'cover' ? l?.places.cover : place === 'back-cover' ? l?.places.backCover : undefined;
  if (!l || !settings) return { stack: [] };
  const width = Math.min(mm(settings.width), ctx.width);
  const height = width * l.ratio;
  const space = mm(settings.space);
  const x = settings.align === 'left' ? 0 : settings.align === 'right' ? ctx.width - width : (ctx.width - width) / 2;
  if (place === 'back-cover') return { ...logoNode(l, width), relativePosition: { x, y: -(height + space) } };
  return { ...logoNode(l, width), margin: [x, 0, 0, space] };
}

/** The logo at the right end of an insert's strip, as high as the theme says: [its width, its node]. */
export function stripLogo(ctx: BlockContext): { width: number; gap: number; node: PdfNode } | undefined {
  const l = ctx.theme.logo;
  const s = l?.places.strip;
  if (!l || !s) return undefined;
  const height = mm(s.height);
  const width = height / l.ratio;
  return { width, gap: mm(s.gap), node: logoNode(l, width) };
}
