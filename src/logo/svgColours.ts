// What an SVG logo paints, read from its text with places, before anything is typeset: every
// colour (in the forms the SVG renderer pdfmake uses, svg-to-pdfkit, understands: #rgb,
// #rrggbb, rgb(), rgba(), named colours), and what PDF/X-1a cannot print (transparency,
// masks, embedded raster images) or no PDF can hold (cmyk() colours, text in fonts of its own). The print
// PDF maps each colour through the theme's colour table (src/config/apply.ts).

/** CSS named colours as svg-to-pdfkit knows them: name:rrggbb. */
const NAMED_TEXT =
  'aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc ' +
  'bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a ' +
  'burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50 ' +
  'cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b ' +
  'darkgoldenrod:b8860b darkgray:a9a9a9 darkgrey:a9a9a9 darkgreen:006400 darkkhaki:bdb76b ' +
  'darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 ' +
  'darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f darkslategrey:2f4f4f ' +
  'darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff dimgray:696969 ' +
  'dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0 forestgreen:228b22 ' +
  'fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700 goldenrod:daa520 gray:808080 ' +
  'grey:808080 green:008000 greenyellow:adff2f honeydew:f0fff0 hotpink:ff69b4 indianred:cd5c5c ' +
  'indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa lavenderblush:fff0f5 lawngreen:7cfc00 ' +
  'lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff lightgoldenrodyellow:fafad2 ' +
  'lightgray:d3d3d3 lightgrey:d3d3d3 lightgreen:90ee90 lightpink:ffb6c1 lightsalmon:ffa07a ' +
  'lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899 ' +
  'lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff ' +
  'maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db ' +
  'mediumseagreen:3cb371 mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc ' +
  'mediumvioletred:c71585 midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 ' +
  'navajowhite:ffdead navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 ' +
  'orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee ' +
  'palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd ' +
  'powderblue:b0e0e6 purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1 ' +
  'saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d ' +
  'silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa ' +
  'springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 ' +
  'turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 ';

export const NAMED_COLOURS: ReadonlyMap<string, string> = new Map(
  NAMED_TEXT.trim()
    .split(/\s+/)
    .map((e) => e.split(':') as [string, string])
    .map(([name, hex]) => [name, `#${hex}`]),
);

export interface SvgColour {
  /** '#rrggbb', lower case. */
  readonly hex: string;
  /** As written. */
  readonly raw: string;
  /** UTF-16 offset in the SVG text. */
  readonly offset: number;
}

export interface SvgProblem {
  readonly offset: number;
  readonly message: string;
  /** `print`: only the print PDF cannot take it; `all`: no PDF can. */
  readonly refuses: 'print' | 'all';
}

export interface SvgPaint {
  readonly colours: readonly SvgColour[];
  readonly problems: readonly SvgProblem[];
}

const COLOUR_PROPERTIES = 'fill|stroke|stop-color|color|flood-color|lighting-color';
const OPACITY_PROPERTIES = 'opacity|fill-opacity|stroke-opacity|stop-opacity';
/** `fill="…"` / `fill='…'` attributes and `fill: …` declarations (style attributes and <style>). */
const PROPERTY = new RegExp(`(?<![\\w-])(${COLOUR_PROPERTIES}|${OPACITY_PROPERTIES})\\s*(?:=\\s*(?:"([^"]*)"|'([^']*)')|:\\s*([^;"'}<>]*))`, 'g');

const hex2 = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');

/** A colour value → '#rrggbb', as svg-to-pdfkit reads it; alpha (rgba) separately. */
export function parseSvgColour(raw: string): { hex: string; alpha: number } | 'cmyk' | undefined {
  const v = raw.trim();
  const named = NAMED_COLOURS.get(v);
  if (named) return { hex: named, alpha: 1 };
  if (/^cmyk\(/i.test(v)) return 'cmyk';
  let m = /^rgba\(\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9.]+)\s*\)$/i.exec(v);
  if (m) return { hex: `#${hex2(+m[1]!)}${hex2(+m[2]!)}${hex2(+m[3]!)}`, alpha: parseFloat(m[4]!) };
  m = /^rgb\(\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*\)$/i.exec(v);
  if (m) return { hex: `#${hex2(+m[1]!)}${hex2(+m[2]!)}${hex2(+m[3]!)}`, alpha: 1 };
  m = /^rgb\(\s*([0-9.]+)%\s*,\s*([0-9.]+)%\s*,\s*([0-9.]+)%\s*\)$/i.exec(v);
  if (m) return { hex: `#${hex2(2.55 * +m[1]!)}${hex2(2.55 * +m[2]!)}${hex2(2.55 * +m[3]!)}`, alpha: 1 };
  m = /^#([0-9a-f]{6})$/i.exec(v);
  if (m) return { hex: `#${m[1]!.toLowerCase()}`, alpha: 1 };
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(v);
  if (m) return { hex: `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toLowerCase(), alpha: 1 };
  return undefined;
}

const NOT_A_COLOUR = /^(none|transparent|currentcolor|inherit|initial|unset|url\(.*)$/i;

/** Every colour the SVG paints with, and what keeps it out of a PDF; pure. */
export function svgPaint(text: string): SvgPaint {
  const colours: SvgColour[] = [];
  const problems: SvgProblem[] = [];
  // Comments and CDATA markers are not paint; blanked so offsets stay true.
  const scan = text.replace(/<!--[^]*?-->/g, (c) => ' '.repeat(c.length)).replace(/<!\[CDATA\[|\]\]>/g, (c) => ' '.repeat(c.length));
  for (const m of scan.matchAll(PROPERTY)) {
    const property = m[1]!;
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    const offset = m.index + Math.max(property.length, m[0].indexOf(value, property.length));
    if (new RegExp(`^(${OPACITY_PROPERTIES})$`).test(property)) {
      const n = value.endsWith('%') ? parseFloat(value) / 100 : parseFloat(value);
      if (Number.isFinite(n) && n < 1) {
        problems.push({
          offset,
          refuses: 'print',
          message: `${property} ${value}: the print PDF (PDF/X-1a) has no transparency; give the shape a solid colour instead`,
        });
      }
      continue;
    }
    // A url(#gradient) may name a fallback colour after it; the gradient's stops are found on their own.
    const paint = value.replace(/^url\([^)]*\)\s*/i, '');
    if (paint === '' || NOT_A_COLOUR.test(paint)) continue;
    const parsed = parseSvgColour(paint);
    if (parsed === 'cmyk') {
      problems.push({
        offset,
        refuses: 'all',
        message: `${paint}: a cmyk() colour cannot go into the screen PDFs (PDF/A, RGB); write its RGB colour (#rrggbb) and give the CMYK in the theme under logo.colors`,
      });
    } else if (parsed) {
      colours.push({ hex: parsed.hex, raw: paint, offset });
      if (parsed.alpha < 1) {
        problems.push({ offset, refuses: 'print', message: `${paint}: the print PDF (PDF/X-1a) has no transparency; give the colour without alpha` });
      }
    }
  }
  for (const m of scan.matchAll(/<(image|feImage|filter|mask|text)\b/g)) {
    const element = m[1]!;
    const problem: Record<string, Omit<SvgProblem, 'offset'>> = {
      // The renderer would read the image from wherever its href points: never at build time.
      image: { refuses: 'all', message: '<image>: an SVG logo may not embed or link raster images; draw it with shapes, or give the logo itself as PNG' },
      feImage: { refuses: 'all', message: '<feImage>: an SVG logo may not embed or link raster images; draw it with shapes, or give the logo itself as PNG' },
      filter: { refuses: 'all', message: '<filter>: filter effects are not drawn into PDFs; draw the logo with plain shapes' },
      // The SVG renderer sets text in a font it looks up on disk, outside the booklet's fonts.
      text: {
        refuses: 'all',
        message:
          '<text>: text in an SVG logo is not drawn with the booklet\'s fonts; convert it to outlines in the drawing program (Illustrator: 文字 ▸ アウトラインを作成; Inkscape: パス ▸ オブジェクトをパスへ)',
      },
      mask: { refuses: 'print', message: '<mask>: a mask is soft transparency, which the print PDF (PDF/X-1a) cannot hold; use a clipPath or plain shapes' },
    };
    problems.push({ offset: m.index, ...problem[element]! });
  }
  return { colours, problems };
}
