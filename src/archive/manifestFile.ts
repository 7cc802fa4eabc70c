import { z } from 'zod';
import type { Manifest } from '../emit/manifest.js';
import { BookletError } from '../errors.js';
import { OUTPUT_KINDS } from '../emit/targets.js';

/**
 * manifest.json as verify reads it: only what it checks is required, so that fields added
 * later (as long as manifestVersion stays 1) do not make older archives unreadable.
 */
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const hashedInput = z.object({ path: z.string().min(1), bytes: z.number().int().min(0), sha256: sha });
const manifestSchema = z.looseObject({
  manifestVersion: z.literal(1),
  tool: z.looseObject({ name: z.string(), version: z.string(), code: sha.optional() }),
  edition: z.looseObject({ fiscalYear: z.number(), eraLabel: z.string(), status: z.string(), documentDate: z.string() }),
  data: z.looseObject({ sha256: sha, files: z.array(hashedInput) }),
  resources: z.looseObject({ sha256: sha, files: z.array(hashedInput) }),
  build: z
    .looseObject({ only: z.array(z.enum(OUTPUT_KINDS)).min(1).optional(), dept: z.string().min(1).optional(), impose: z.literal('saddle').optional() })
    .optional(),
  files: z.array(z.looseObject({ path: z.string().min(1), bytes: z.number().int().min(0), pages: z.number().int().min(0), sha256: sha })),
  stale: z.array(z.string().min(1)).optional(),
});

/** Parses and checks manifest.json text; `where` names it in messages. */
export function parseManifest(text: string, where: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BookletError(`${where}: not valid JSON (${(err as Error).message}); it cannot be verified against`);
  }
  const version = (json as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version === 'number' && version !== 1) {
    throw new BookletError(`${where}: manifestVersion ${version} is not one this plan-booklet reads (1); verify it with the version that wrote it`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BookletError(`${where}: not a plan-booklet manifest (${issue?.path.join('.') || '(top)'}: ${issue?.message})`);
  }
  return parsed.data as unknown as Manifest;
}
