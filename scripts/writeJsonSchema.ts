// Regenerates schema/*.schema.json from src/load/schema.ts (the data) and src/config (a
// project's config and theme): `npm run schema`.
// The files are committed so editors can use them without a build;
// tests/load/jsonSchema.test.ts fails when they are out of date.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../src/load/jsonSchema.js';
import { projectSchemaFiles } from '../src/config/jsonSchema.js';

const outDir = fileURLToPath(new URL('../schema/', import.meta.url));
await mkdir(outDir, { recursive: true });
for (const [name, text] of Object.entries({ ...jsonSchemaFiles(), ...projectSchemaFiles() })) {
  await writeFile(join(outDir, name), text, 'utf8');
  console.log(`wrote schema/${name}`);
}
