import { z } from 'zod';
import { fieldHints, type FieldHint } from './schema.js';
import type { DataPath } from './formatPath.js';

export interface FieldInfo {
  /** The schema with optional/default wrappers removed. */
  schema: z.ZodType;
  /** Japanese label from the schema's meta title, e.g. 事業名. */
  title?: string;
  hint?: FieldHint;
}

/**
 * Pure: the schema that describes the value at `path`, so messages can name
 * the field (事業名), list the keys an object allows, and know its unit.
 */
export function schemaAt(root: z.ZodType, path: DataPath): FieldInfo | undefined {
  let info = unwrap(root);
  for (const seg of path) {
    const s = info.schema;
    let next: z.ZodType | undefined;
    // A union of a plain value and an object (a project's budget): keys belong to the object.
    const object = s instanceof z.ZodUnion ? (s.options as z.ZodType[]).find((o) => o instanceof z.ZodObject) : s;
    if (object instanceof z.ZodObject && typeof seg === 'string') next = (object.shape as Record<string, z.ZodType>)[seg];
    else if (s instanceof z.ZodArray && typeof seg === 'number') next = s.element as z.ZodType;
    if (!next) return undefined;
    info = unwrap(next);
  }
  return info;
}

/** The keys an object at `path` allows, in schema order; empty when it is not an object. */
export function keysAt(root: z.ZodType, path: DataPath): string[] {
  const s = schemaAt(root, path)?.schema;
  const object = s instanceof z.ZodUnion ? (s.options as z.ZodType[]).find((o) => o instanceof z.ZodObject) : s;
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}

function unwrap(schema: z.ZodType): FieldInfo {
  let s = schema;
  let title = titleOf(s);
  let hint = fieldHints.get(s);
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
    title ??= titleOf(s);
    hint ??= fieldHints.get(s);
  }
  return { schema: s, ...(title !== undefined ? { title } : {}), ...(hint !== undefined ? { hint } : {}) };
}

function titleOf(s: z.ZodType): string | undefined {
  const title = z.globalRegistry.get(s)?.title;
  return typeof title === 'string' ? title : undefined;
}
