import { z } from 'zod';
import { fieldHints } from '../load/schema.js';

const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;

const PAGE_SIZES_MM: Readonly<Record<string, readonly [number, number]>> = {
  A4: [210, 297],
  B5: [182, 257],
  A5: [148, 210],
};

const percent = z.number().min(0).max(100);
const cmyk = z.tuple([percent, percent, percent, percent]);
const plates = (c: readonly number[]) => c.filter((v) => v > 0).length;

const colour = z
  .object({
    rgb: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    cmyk,
    /**
     * Print only: the colour for small text and thin rules, at most two plates (fine lines
     * in three or four plates show every misregistration). Without it such a colour falls
     * back to a K tint of the same lightness.
     */
    fine: cmyk.refine((c) => plates(c) <= 2, 'fine uses at most two plates').optional(),
  })
  .strict();

const margins = z.object({ top: z.number(), bottom: z.number(), sides: z.number() }).strict();
/** A right-hand page's margins; left-hand pages mirror them. */
const facingMargins = z.object({ top: z.number(), bottom: z.number(), inside: z.number(), outside: z.number() }).strict();

/** What the press step makes of the booklet (booklet-print.pdf, booklet-imposed.pdf). */
const print = z
  .object({
    // PDF/X-4 would need the output condition's ICC profile embedded; no Japan Color
    // profile can be shipped under a free licence, so PDF/X-1a (which may name a
    // registered condition instead) is the only standard on offer.
    standard: z.literal('PDF/X-1a:2001'),
    outputIntent: z
      .object({
        identifier: z.string().min(1),
        condition: z.string().min(1),
        registry: z.string().min(1),
      })
      .strict(),
    markArea: z.number().nonnegative(),
    creep: z.number().min(0).max(2),
    hiddenFolio: z.object({ size: z.number().positive(), fromSpine: z.number().nonnegative(), fromBottom: z.number().nonnegative() }).strict(),
    fine: z.object({ textBelow: z.number().nonnegative(), rulesBelow: z.number().nonnegative() }).strict(),
    // The pages that make the print PDF a multiple of four go before the back cover.
    padding: z.enum(['memo', 'blank']),
    memoTitle: z.string().min(1),
  })
  .strict();

/**
 * How a department starts in the booklet (the inserts always start on their first page):
 * - `auto`: a department that fits whole in the space left on the page below the one
 *   before runs on there, `runOnSpace` below it; any other starts a new page (so one
 *   longer than a page always does, and none is split that could have been kept whole).
 * - `page`: every department starts a new page.
 * - `right`: every department starts a right-hand page; the booklet then has the blank
 *   left-hand pages that takes, in the screen PDF too (one layout serves both PDFs).
 * - `continue`: every department runs on, `runOnSpace` below the one before, breaking
 *   across pages wherever it falls (its title band kept with its first lines).
 */
export const DEPARTMENT_STARTS = ['auto', 'page', 'right', 'continue'] as const;
export type DepartmentStart = (typeof DEPARTMENT_STARTS)[number];

const layout = z
  .object({
    departmentStart: z.enum(DEPARTMENT_STARTS),
    runOnSpace: z.number().nonnegative(),
  })
  .strict();

/**
 * Where a paragraph that opens with a full-width bracket (「【（…) starts, in em from the
 * text edge to the bracket's ink; JLReq 3.1.5 lists all three as in use:
 * - 1.5: 全角半下がり, the one-em indent and the bracket's own half-em blank (the default);
 * - 1: 全角下がり, the bracket set in half an em after a half-em indent, its ink where
 *   other paragraphs' first character stands;
 * - 0.5: 二分下がり, the bracket at the text edge with its blank.
 */
export const BRACKET_INDENTS = [1.5, 1, 0.5] as const;
export type BracketIndent = (typeof BRACKET_INDENTS)[number];
const text = z.object({ bracketIndent: z.union(BRACKET_INDENTS.map((n) => z.literal(n)) as [z.ZodLiteral<1.5>, z.ZodLiteral<1>, z.ZodLiteral<0.5>]) }).strict();

/** Where a logo sits in the flow: its width, alignment and the space below it (mm). */
const logoInFlow = z.object({ width: z.number().positive(), align: z.enum(['left', 'center', 'right']), space: z.number().nonnegative() }).strict();

/**
 * The city's logo (booklet.config.yaml: logo) where the templates put <logo place="…"/>;
 * `false` leaves a place without it. `colors`: the logo's own colours for print, beside
 * the theme's; `unmapped`: what the print PDF does with a colour found in neither.
 */
const logo = z
  .object({
    cover: z.union([logoInFlow, z.literal(false)]),
    backCover: z.union([logoInFlow, z.literal(false)]),
    strip: z.union([z.object({ height: z.number().positive(), gap: z.number().nonnegative() }).strict(), z.literal(false)]),
    colors: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/), colour),
    unmapped: z.enum(['refuse', 'convert']),
  })
  .strict();

const pageSize = z.union([z.enum(['A4', 'B5', 'A5']), z.tuple([z.number().positive(), z.number().positive()])]);
pageSize.register(fieldHints, {
  wrongValue: 'A4、B5、A5 か [幅, 高さ]（mm）で書いてください / write A4, B5, A5 or [width, height] in mm',
});

export const themeSchema = z.object({
  page: z.object({
    size: pageSize,
    margins: facingMargins,
    gutter: z.number().nonnegative(),
    digestMargins: margins,
    headOffset: z.number(),
    folioOffset: z.number(),
    bleed: z.number().nonnegative(),
  }).strict(),
  layout,
  // Optional: a theme written before it existed reads as the default.
  text: text.optional(),
  fonts: z.object({ body: z.enum(['Mincho', 'Gothic']), heading: z.enum(['Mincho', 'Gothic']) }).strict(),
  sizes: z.object({
    body: z.number(), small: z.number(), table: z.number(), h1: z.number(), h2: z.number(), h3: z.number(),
    head: z.number(), folio: z.number(), lineHeight: z.number(),
  }).strict(),
  colors: z.object({
    accent: colour, accentLight: colour, text: colour, muted: colour, rule: colour, paper: colour, watermark: colour,
  }).strict(),
  print,
  logo,
}).strict();

export type ThemeFile = z.infer<typeof themeSchema>;
export type PrintSettings = ThemeFile['print'];
export type ColourName = keyof ThemeFile['colors'];
export type LogoSettings = ThemeFile['logo'];
export type ColourMode = 'rgb' | 'cmyk';

/**
 * A right-hand (odd) page's margins in pt; `inside` includes the gutter. Left-hand pages
 * are drawn mirrored (inside on the right).
 */
export interface Margins {
  readonly top: number;
  readonly bottom: number;
  readonly inside: number;
  readonly outside: number;
}

/** Theme in points, with colours resolved for one output. */
export interface Theme {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly margins: Margins;
  readonly digestMargins: Margins;
  readonly headOffset: number;
  readonly folioOffset: number;
  readonly bleed: number;
  readonly departmentStart: DepartmentStart;
  /** pt above a department that runs on below the one before. */
  readonly runOnSpace: number;
  /** em from the text edge to the ink of a paragraph's opening bracket (BRACKET_INDENTS). */
  readonly bracketIndent: BracketIndent;
  readonly fonts: ThemeFile['fonts'];
  readonly sizes: ThemeFile['sizes'];
  readonly colourMode: ColourMode;
  colour(name: ColourName): string | number[];
  /** The city's logo and where it goes; undefined without one. */
  readonly logo?: PlacedLogo;
}

/** What the typesetter needs of a logo: how to draw it, its aspect, and the theme's places (mm). */
export interface PlacedLogo {
  /** SVG text, or a data: URL of a PNG or JPEG. */
  readonly svg?: string;
  readonly image?: string;
  /** height / width. */
  readonly ratio: number;
  readonly places: LogoSettings;
}

export interface LogoImage {
  readonly svg?: string;
  readonly image?: Uint8Array;
  readonly kind: string;
  readonly width: number;
  readonly height: number;
}

export function resolveTheme(file: ThemeFile, colourMode: ColourMode, logo?: LogoImage): Theme {
  const [w, h] = typeof file.page.size === 'string' ? (PAGE_SIZES_MM[file.page.size] ?? [210, 297]) : file.page.size;
  const p = file.page;
  return {
    pageWidth: mm(w),
    pageHeight: mm(h),
    margins: { top: mm(p.margins.top), bottom: mm(p.margins.bottom), inside: mm(p.margins.inside + p.gutter), outside: mm(p.margins.outside) },
    digestMargins: { top: mm(p.digestMargins.top), bottom: mm(p.digestMargins.bottom), inside: mm(p.digestMargins.sides), outside: mm(p.digestMargins.sides) },
    headOffset: mm(p.headOffset),
    folioOffset: mm(p.folioOffset),
    bleed: mm(p.bleed),
    departmentStart: file.layout.departmentStart,
    runOnSpace: mm(file.layout.runOnSpace),
    bracketIndent: file.text?.bracketIndent ?? 1.5,
    fonts: file.fonts,
    sizes: file.sizes,
    colourMode,
    colour: (name) => (colourMode === 'rgb' ? file.colors[name].rgb : [...file.colors[name].cmyk]),
    ...(logo
      ? {
          logo: {
            ...(logo.svg !== undefined
              ? { svg: logo.svg }
              : { image: `data:image/${logo.kind === 'jpeg' ? 'jpeg' : 'png'};base64,${Buffer.from(logo.image ?? new Uint8Array(0)).toString('base64')}` }),
            ratio: logo.height / logo.width,
            places: file.logo,
          },
        }
      : {}),
  };
}
