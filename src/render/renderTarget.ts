import type { Department, Edition } from '../model/types.js';
import { digestListed } from '../model/digestListing.js';
import type { Engine } from './engine.js';
import { parseMarkup, MarkupError, type ElementNode } from './markup.js';
import { TemplateError } from './engine.js';
import { contactText, departmentView, digestLead, factRows, publisherLines, type DepartmentView } from './view.js';

export type TargetKind = 'booklet' | 'insert' | 'digest';

/** Characters of a digest project line in one of two columns on A4 (see theme sizes). */
const DIGEST_LINE_CHARS = 25;

/**
 * Splits departments into two newspaper columns of about equal height, estimating each
 * department as its wrapped project lines plus two for its heading. Order is kept: the
 * first column takes departments until it holds half the weight.
 */
export function balanceColumns(departments: readonly Department[]): Department[][] {
  const weight = (d: Department) =>
    2 + d.projects.reduce((n, p) => n + Math.ceil([...p.title].length / DIGEST_LINE_CHARS), 0);
  const total = departments.reduce((s, d) => s + weight(d), 0);
  const left: Department[] = [];
  let acc = 0;
  for (const d of departments) {
    if (acc + weight(d) / 2 > total / 2 && left.length > 0) break;
    left.push(d);
    acc += weight(d);
  }
  return [left, departments.slice(left.length)];
}

// One edition renders a booklet, a digest and an insert per department: its views are made once.
const views = new WeakMap<Edition, Map<Department, DepartmentView>>();
function viewsOf(edition: Edition): Map<Department, DepartmentView> {
  let v = views.get(edition);
  if (!v) views.set(edition, (v = new Map(edition.departments.map((d) => [d, departmentView(d, edition.terms)]))));
  return v;
}

/** What the templates may ask of the project beside the data: `logo` when it has one. */
export interface RenderOptions {
  readonly logo?: boolean;
}

function view(edition: Edition, kind: TargetKind, department: Department | undefined, options: RenderOptions): Record<string, unknown> {
  const { terms } = edition;
  const byDepartment = viewsOf(edition);
  const departments = [...byDepartment.values()];
  return {
    ...edition,
    departments,
    ...(edition.contact ? { contactText: contactText(edition.contact, terms) } : {}),
    facts: factRows(edition),
    publisherLines: publisherLines(edition),
    ...(kind === 'insert' && department ? { department: byDepartment.get(department) ?? departmentView(department, terms) } : {}),
    ...(kind === 'digest' ? { digestLead: digestLead(edition), digestColumns: balanceColumns(digestListed(departments, (d) => d.projects.length)) } : {}),
    ...(options.logo ? { logo: true } : {}),
  };
}

function parse(layout: string, markup: string): ElementNode {
  try {
    return parseMarkup(markup);
  } catch (err) {
    if (err instanceof MarkupError) {
      const line = markup.split('\n')[err.line - 1] ?? '';
      throw new TemplateError(`templates/layouts/${layout}.hbs produced bad markup at ${err.message}\n  | ${line.trim()}`, { cause: err });
    }
    throw err;
  }
}

export interface Rendered {
  /** The markup text: everything the output shows, so its hash identifies the content. */
  readonly markup: string;
  readonly tree: ElementNode;
}

/** Pure: model → markup for one output. */
export function renderTarget(engine: Engine, edition: Edition, kind: TargetKind, department?: Department, options: RenderOptions = {}): Rendered {
  const markup = engine.layout(kind)(view(edition, kind, department, options));
  return { markup, tree: parse(kind, markup) };
}
