import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/load/jsonSchema.js';

describe('schema/*.schema.json', () => {
  it.each(Object.entries(jsonSchemaFiles()))('%s is up to date (run `npm run schema`)', async (name, generated) => {
    const committed = await readFile(new URL(`../../schema/${name}`, import.meta.url), 'utf8');
    expect(committed).toBe(generated);
  });

  it('is deterministic', () => {
    expect(jsonSchemaFiles()).toEqual(jsonSchemaFiles());
  });

  it('rejects unknown keys and requires what the format requires', () => {
    const edition = JSON.parse(jsonSchemaFiles()['edition.schema.json']!);
    expect(edition.additionalProperties).toBe(false);
    expect(edition.required).toEqual(['fiscalYear', 'city', 'title', 'departments']);
    expect(edition.properties.contact.required).toEqual(['section']);
    const dept = JSON.parse(jsonSchemaFiles()['department.schema.json']!);
    expect(dept.required).toEqual(['name']);
    // A department without key projects is printed (with a warning), so an empty list is valid.
    expect(dept.properties.projects.minItems).toBeUndefined();
    const indicator = dept.properties.projects.items.properties.indicators.items;
    expect(indicator.required).toEqual(['name']);
    expect(indicator.properties.values.items.required).toEqual(['label']);
  });
});
