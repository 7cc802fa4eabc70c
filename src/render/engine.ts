import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { BookletError } from '../errors.js';
import { helpers } from './helpers.js';
import { PRECOMPILED } from './precompiled.js';

/**
 * How every template is compiled, ahead of time or at first use. Handlebars adds keys to
 * the options object it is given, so it only ever gets copies.
 */
export const COMPILE_OPTIONS = Object.freeze({ strict: true, noEscape: false, preventIndent: true });

/** Identifies a compiled template: its text, the options and the Handlebars version. */
export function templateKey(text: string): string {
  return createHash('sha256').update(`${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0${text}`).digest('hex');
}

export interface TemplateSources {
  /** name → template text; layouts are `layouts/<name>`, partials `partials/<name>`. */
  readonly [name: string]: string;
}

export type Layout = (context: unknown) => string;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

export interface Engine {
  layout(name: string): Layout;
}

/** A template failed or produced markup the typesetter does not accept. */
export class TemplateError extends BookletError {}

/**
 * Compiles every template once into an isolated Handlebars instance: helpers and partials
 * registered here never leak into other code using Handlebars. `strict` makes a typo in a
 * template (`{{titel}}`) an error instead of an empty string.
 */
export interface EngineOptions {
  /** Where the templates live, for messages (templates/html for the HTML edition). */
  readonly dir?: string;
  /** Helpers beside the common ones (the HTML edition's phrase breaks). */
  readonly helpers?: Readonly<Record<string, (...args: never[]) => unknown>>;
  /** Specs compiled ahead of time, by templateKey (default: those `npm run build` wrote). */
  readonly precompiled?: Readonly<Record<string, unknown>>;
}

export function createEngine(sources: TemplateSources, options: EngineOptions = {}): Engine {
  const dir = options.dir ?? 'templates';
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries({ ...helpers, ...options.helpers })) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  // Compiling the templates was ~60 ms of every process (most of a warm rebuild's render
  // stage); specs precompiled by `npm run build` are used when the text is the same.
  const compile = (text: string): Handlebars.TemplateDelegate => {
    const spec = (options.precompiled ?? PRECOMPILED)[templateKey(text)];
    return spec ? hb.template(spec as TemplateSpecification) : hb.compile(text, { ...COMPILE_OPTIONS });
  };
  for (const [name, text] of Object.entries(sources)) {
    if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), compile(text));
  }
  const layouts = new Map<string, Layout>();
  for (const [name, text] of Object.entries(sources)) {
    if (!name.startsWith('layouts/')) continue;
    const compiled = compile(text);
    const layoutName = name.slice('layouts/'.length);
    layouts.set(layoutName, (context) => {
      try {
        return compiled(context);
      } catch (cause) {
        throw new TemplateError(`${dir}/layouts/${layoutName}.hbs: ${(cause as Error).message}`, { cause });
      }
    });
  }
  return {
    layout(name) {
      const l = layouts.get(name);
      if (!l) throw new TemplateError(`no layout ${dir}/layouts/${name}.hbs`);
      return l;
    },
  };
}
