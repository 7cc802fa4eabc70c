import { createEngine, type Engine } from '../render/engine.js';
import { contactText, departmentView, factRows, publisherLines, type DepartmentView } from '../render/view.js';
import type { Edition } from '../model/types.js';
import { htmlHelpers } from './helpers.js';

/** A PDF of this build the pages link to: its path in the output folder, size and page count. */
export interface PdfFile {
  readonly path: string;
  readonly bytes: number;
  readonly pages: number;
}

export interface Download {
  /** Relative to the html/ folder. */
  readonly href: string;
  readonly bytes: number;
  readonly pages: number;
}

export interface HtmlPage {
  /** Relative to the html/ folder. */
  readonly path: string;
  readonly text: string;
}

export const INDEX_PAGE = 'index.html';
export const departmentPage = (d: { readonly fileTag: string }) => `${d.fileTag}.html`;

export function createHtmlEngine(templates: Readonly<Record<string, string>>): Engine {
  return createEngine(templates, { dir: 'templates/html', helpers: htmlHelpers });
}

interface PageDepartment extends DepartmentView {
  readonly page: string;
  readonly download?: Download;
}

/**
 * Pure: the edition → the index page and one page per department. `pdfs` are the PDFs
 * the output folder holds with this build; a PDF not among them gets no link, so no link
 * is ever broken.
 */
export function renderPages(engine: Engine, edition: Edition, pdfs: ReadonlyMap<string, PdfFile>): HtmlPage[] {
  const download = (path: string): Download | undefined => {
    const f = pdfs.get(path);
    return f ? { href: `../${path}`, bytes: f.bytes, pages: f.pages } : undefined;
  };
  const { terms } = edition;
  const departments: PageDepartment[] = edition.departments.map((d) => {
    const insert = download(`inserts/${d.fileTag}.pdf`);
    return { ...departmentView(d, terms), page: departmentPage(d), ...(insert ? { download: insert } : {}) };
  });
  const booklet = download('booklet.pdf');
  const digest = download('digest.pdf');
  const common = {
    ...edition,
    departments,
    ...(edition.contact ? { contactText: contactText(edition.contact, terms) } : {}),
    facts: factRows(edition),
    publisherLines: publisherLines(edition),
    downloads: {
      ...(booklet ? { booklet } : {}),
      ...(digest ? { digest } : {}),
      inserts: departments.filter((d) => d.download),
      any: Boolean(booklet || digest || departments.some((d) => d.download)),
    },
  };
  const pages: HtmlPage[] = [{ path: INDEX_PAGE, text: engine.layout('index')(common) }];
  departments.forEach((department, i) => {
    const previous = departments[i - 1];
    const next = departments[i + 1];
    const context = { ...common, department, ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
    pages.push({ path: department.page, text: engine.layout('department')(context) });
  });
  return pages;
}
