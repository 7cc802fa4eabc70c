/**
 * Template specs compiled ahead of time, by template key (see templateKey in engine.ts).
 * Empty in the sources: `npm run build` replaces dist/render/precompiled.js with the
 * specs of templates/ (scripts/precompileTemplates.mjs). A template whose text differs
 * from what was precompiled (an edited template, a different Handlebars) has another key
 * and is compiled when first used, as before.
 */
export const PRECOMPILED: Readonly<Record<string, unknown>> = {};
