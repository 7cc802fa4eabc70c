import Handlebars from 'handlebars';
import { BookletError } from '../errors.js';
import { helpers } from './helpers.js';

export interface TemplateSources {
  /** name → template text; layouts are `layouts/<name>`, partials `partials/<name>`. */
  readonly [name: string]: string;
}

export type Layout = (context: unknown) => string;

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
export function createEngine(sources: TemplateSources): Engine {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  for (const [name, text] of Object.entries(sources)) {
    if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), text);
  }
  const layouts = new Map<string, Layout>();
  for (const [name, text] of Object.entries(sources)) {
    if (!name.startsWith('layouts/')) continue;
    const compiled = hb.compile(text, { strict: true, noEscape: false, preventIndent: true });
    const layoutName = name.slice('layouts/'.length);
    layouts.set(layoutName, (context) => {
      try {
        return compiled(context);
      } catch (cause) {
        throw new TemplateError(`templates/layouts/${layoutName}.hbs: ${(cause as Error).message}`, { cause });
      }
    });
  }
  return {
    layout(name) {
      const l = layouts.get(name);
      if (!l) throw new TemplateError(`no layout templates/layouts/${name}.hbs`);
      return l;
    },
  };
}
