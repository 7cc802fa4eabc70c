import { z } from 'zod';
import { configSchema } from './schema.js';
import { themeOverrideSchema } from './theme.js';

/** The editor JSON Schemas of a project's files (booklet.config.yaml, the city's theme), as file name → text. */
export function projectSchemaFiles(): Record<string, string> {
  return {
    'config.schema.json': render(configSchema),
    'theme.schema.json': render(themeOverrideSchema),
  };
}

function render(schema: z.ZodType): string {
  // As for the data's schemas (src/load/jsonSchema.ts): draft-07 for yaml-language-server, input types.
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }), null, 2)}\n`;
}
