import { createRequire } from 'node:module';

/**
 * Template specs compiled ahead of time, by template key (see templateKey in engine.ts).
 * `npm run build` (scripts/build.mjs) writes them as precompiled.generated.cjs beside the
 * bundled module that loads this; run from the sources, there is none. A template whose text differs from what was precompiled (an
 * edited template, a different Handlebars) has another key and is compiled at first use.
 */
function load(): Readonly<Record<string, unknown>> {
  try {
    return (createRequire(import.meta.url)('./precompiled.generated.cjs') as { PRECOMPILED: Record<string, unknown> }).PRECOMPILED;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return {};
    throw err;
  }
}

export const PRECOMPILED = load();
