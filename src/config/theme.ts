import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { z } from 'zod';
import { themeSchema, type ThemeFile } from '../typeset/theme.js';

// A city's theme sets only what differs from the built-in templates/theme.yaml: objects
// are merged key by key, everything else (numbers, texts, lists, `false`) replaces the
// built-in value. A colour is replaced whole: its rgb, cmyk and fine belong together (a
// built-in `fine` kept beside a city's new cmyk would print small text in another colour).

/** A colour entry: `{ rgb, cmyk, fine? }`, replaced whole. */
function isColour(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && 'rgb' in schema.shape && 'cmyk' in schema.shape;
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** Every key optional at every depth, objects still strict (a misspelt key stays an error). */
function overridable(schema: z.ZodType): z.ZodType {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject) || isColour(s)) return s;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(s.shape as Record<string, z.ZodType>)) shape[key] = overridable(value).optional();
  return z.object(shape).strict();
}

/** What a city's theme file may hold: any part of the theme. */
export const themeOverrideSchema = (overridable(themeSchema) as z.ZodObject).meta({
  title: 'plan-booklet テーマ（市の上書き）',
  description:
    '同梱の templates/theme.yaml との違いだけを書く。書いた項目が上書きし、書かなかった項目は同梱のまま。色は rgb・cmyk・fine をまとめて置き換える。 / ' +
    'Only what differs from the bundled templates/theme.yaml: what is set overrides, the rest is inherited; a colour is replaced whole (rgb, cmyk and fine together).',
});

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeWith(schema: z.ZodType | undefined, base: unknown, over: unknown): unknown {
  const s = schema && unwrap(schema);
  if (!isPlainObject(base) || !isPlainObject(over) || (s && isColour(s))) return over;
  const shape = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
  const values = s instanceof z.ZodRecord ? (s.def.valueType as z.ZodType) : undefined;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in base ? mergeWith(shape?.[key] ?? values, base[key], value) : value;
  return out;
}

/** The built-in theme with a city's override applied (checked again as a whole by the caller). */
export function mergeTheme(base: ThemeFile, override: unknown): unknown {
  return mergeWith(themeSchema, base, override);
}

/**
 * The effective theme's bytes, for the manifest's hash and the archive: the built-in
 * file itself when the override changes nothing (so a project that sets nothing builds
 * exactly what the tool alone builds), else the merged theme written out in full.
 */
export function effectiveThemeBytes(base: ThemeFile, baseBytes: Uint8Array, merged: ThemeFile): Uint8Array {
  if (isDeepStrictEqual(base, merged)) return baseBytes;
  const text =
    '# The theme a build used: the built-in templates/theme.yaml with the project\'s theme applied,\n' +
    '# written out whole by plan-booklet.\n' +
    stringify(merged, { lineWidth: 0 });
  return new TextEncoder().encode(text);
}
