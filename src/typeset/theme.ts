import { z } from 'zod';

const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;

const PAGE_SIZES_MM: Readonly<Record<string, readonly [number, number]>> = {
  A4: [210, 297],
  B5: [182, 257],
  A5: [148, 210],
};

const colour = z.object({
  rgb: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  cmyk: z.tuple([z.number(), z.number(), z.number(), z.number()]),
}).strict();

const margins = z.object({ top: z.number(), bottom: z.number(), sides: z.number() }).strict();

export const themeSchema = z.object({
  page: z.object({
    size: z.union([z.enum(['A4', 'B5', 'A5']), z.tuple([z.number().positive(), z.number().positive()])]),
    margins: margins,
    digestMargins: margins,
    headOffset: z.number(),
    folioOffset: z.number(),
    bleed: z.number().nonnegative(),
  }).strict(),
  fonts: z.object({ body: z.enum(['Mincho', 'Gothic']), heading: z.enum(['Mincho', 'Gothic']) }).strict(),
  sizes: z.object({
    body: z.number(), small: z.number(), table: z.number(), h1: z.number(), h2: z.number(), h3: z.number(),
    head: z.number(), folio: z.number(), lineHeight: z.number(),
  }).strict(),
  colors: z.object({
    accent: colour, accentLight: colour, text: colour, muted: colour, rule: colour, paper: colour, watermark: colour,
  }).strict(),
}).strict();

export type ThemeFile = z.infer<typeof themeSchema>;
export type ColourName = keyof ThemeFile['colors'];
export type ColourMode = 'rgb' | 'cmyk';

export interface Margins {
  readonly top: number;
  readonly bottom: number;
  readonly sides: number;
}

const marginsPt = (m: Margins): Margins => ({ top: mm(m.top), bottom: mm(m.bottom), sides: mm(m.sides) });

/** Theme in points, with colours resolved for one output. */
export interface Theme {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly margins: Margins;
  readonly digestMargins: Margins;
  readonly headOffset: number;
  readonly folioOffset: number;
  readonly bleed: number;
  readonly fonts: ThemeFile['fonts'];
  readonly sizes: ThemeFile['sizes'];
  readonly colourMode: ColourMode;
  colour(name: ColourName): string | number[];
}

export function resolveTheme(file: ThemeFile, colourMode: ColourMode): Theme {
  const [w, h] = typeof file.page.size === 'string' ? (PAGE_SIZES_MM[file.page.size] ?? [210, 297]) : file.page.size;
  return {
    pageWidth: mm(w),
    pageHeight: mm(h),
    margins: marginsPt(file.page.margins),
    digestMargins: marginsPt(file.page.digestMargins),
    headOffset: mm(file.page.headOffset),
    folioOffset: mm(file.page.folioOffset),
    bleed: mm(file.page.bleed),
    fonts: file.fonts,
    sizes: file.sizes,
    colourMode,
    colour: (name) => (colourMode === 'rgb' ? file.colors[name].rgb : [...file.colors[name].cmyk]),
  };
}
