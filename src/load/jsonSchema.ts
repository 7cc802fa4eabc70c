import { z } from 'zod';
import { departmentSchema, editionSchema } from './schema.js';

/**
 * The editor JSON Schemas, as file name → file text. Pure so that a test can
 * check the committed files in schema/ are what the zod schemas say now.
 */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    'department.schema.json': render(departmentSchema),
    'edition.schema.json': render(editionSchema),
  };
}

function render(schema: z.ZodType): string {
  // draft-07 is the newest draft that yaml-language-server (VS Code's YAML extension) fully supports;
  // 'input' because editors check what people type, before defaults are filled in.
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return JSON.stringify(json, null, 2) + '\n';
}
