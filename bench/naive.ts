import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PdfMake } from '../src/engine/modules.js';

/**
 * The baseline: the same content as one plain pdfmake document, the way the pdfmake
 * documentation would have you write it. Text nodes are plain strings with pdfmake's
 * default (UAX #14) line breaking and `alignment: 'justify'`; indicators are tables; the
 * 目次 is pdfmake's `toc`; running heads come from a header callback that looks up which
 * department heading was laid out last. Fonts are registered through pdfmake.virtualfs
 * directly: nothing from src/ (no engine, no font parse cache, no own line breaking).
 */

const require = createRequire(import.meta.url);


interface Value {
  value: number | string;
  year: number;
}
interface Indicator {
  name: string;
  unit?: string;
  baseline?: Value;
  target: Value;
}
interface Department {
  name: string;
  mission?: string;
  sections?: { name: string; role: string; staff?: number }[];
  resources?: { staff?: number; budget?: number; budgetNote?: string };
  policy?: string;
  specialTopics?: { title: string; body: string }[];
  projects: { title: string; summary?: string; indicators?: Indicator[] }[];
}
interface EditionFile {
  fiscalYear: number;
  eraLabel?: string;
  status?: string;
  city: string;
  title: string;
  issueDate?: string;
  introduction: string;
  contact: { section: string; extension?: string; phone?: string };
  distribution: { handedOut: string[]; readAt?: string[]; online?: string };
  departments: string[];
}

export interface FontFiles {
  readonly gothic: Buffer;
  readonly gothicBold: Buffer;
  readonly mincho: Buffer;
}

export async function readFonts(root: string): Promise<FontFiles> {
  const read = (name: string) => readFile(join(root, 'fonts', name));
  return { gothic: await read('BIZUDGothic-Regular.ttf'), gothicBold: await read('BIZUDGothic-Bold.ttf'), mincho: await read('BIZUDMincho-Regular.ttf') };
}

const paragraphs = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\n/g, '').trim())
    .filter((p) => p.length > 0);

const yen = (n: number) => n.toLocaleString('en-US');
const shown = (v: Value | undefined, unit = '') => (v === undefined ? '―' : `${typeof v.value === 'number' ? yen(v.value) : v.value}${typeof v.value === 'number' ? unit : ''}（${v.year}年度）`);

/** Reads the edition with a plain YAML parse (no validation: the data is known good). */
async function readEdition(dir: string): Promise<{ edition: EditionFile; departments: Department[] }> {
  const edition = parse(await readFile(join(dir, 'edition.yaml'), 'utf8')) as EditionFile;
  const departments: Department[] = [];
  for (const id of edition.departments) departments.push(parse(await readFile(join(dir, 'departments', `${id}.yaml`), 'utf8')) as Department);
  return { edition, departments };
}

function docDefinition(edition: EditionFile, departments: readonly Department[]): { dd: Record<string, unknown>; pageCount: () => number } {
  const era = edition.eraLabel ?? `${edition.fiscalYear}年度`;
  const editionHead = `${era}　${edition.title}`;
  const body = (text: string | undefined) => paragraphs(text).map((p) => ({ text: p, style: 'body' }));
  const heads: { text: string; positions?: { pageNumber: number }[] }[] = [];
  const content: unknown[] = [
    { text: era, style: 'coverEra', margin: [0, 160, 0, 12] },
    { text: edition.title, style: 'coverTitle' },
    { text: edition.city, style: 'coverCity', margin: [0, 240, 0, 0], pageBreak: 'after' },
    { text: 'はじめに', style: 'h1' },
    ...body(edition.introduction),
    { toc: { title: { text: '目次', style: 'h1' } }, pageBreak: 'before' },
  ];
  departments.forEach((d) => {
    const head = { text: d.name, style: 'h1', tocItem: true, outline: true, pageBreak: 'before' };
    heads.push(head);
    content.push(head);
    if (d.mission) content.push({ text: '部の使命・目標', style: 'h2' }, ...body(d.mission));
    if (d.sections?.length) {
      content.push({ text: '各課の役割', style: 'h2' }, {
        table: {
          headerRows: 1,
          widths: ['auto', '*', 'auto'],
          body: [
            [{ text: '課', style: 'th' }, { text: '役割', style: 'th' }, { text: '職員数', style: 'th' }],
            ...d.sections.map((s) => [s.name, s.role, { text: s.staff === undefined ? '' : `${s.staff}人`, alignment: 'right' }]),
          ],
        },
        style: 'table',
      });
    }
    if (d.resources) {
      const r = d.resources;
      content.push({ text: '部の経営資源', style: 'h2' }, {
        text: [
          r.staff === undefined ? '' : `職員数　${r.staff}人　`,
          r.budget === undefined ? '' : `予算額　${yen(r.budget)}千円`,
          r.budgetNote ? `（${r.budgetNote}）` : '',
        ].join(''),
        style: 'body',
      });
    }
    if (d.policy) content.push({ text: '運営方針', style: 'h2' }, ...body(d.policy));
    for (const t of d.specialTopics ?? []) content.push({ text: t.title, style: 'h2' }, ...body(t.body));
    content.push({ text: '主要事業と目標指標', style: 'h2' });
    d.projects.forEach((p, i) => {
      content.push({ text: `${String.fromCodePoint(0x2460 + i)}${p.title}`, style: 'h3' }, ...body(p.summary));
      if (p.indicators?.length) {
        content.push({
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto'],
            body: [
              [{ text: '目標指標', style: 'th' }, { text: '現状値', style: 'th' }, { text: '目標値', style: 'th' }],
              ...p.indicators.map((x) => [x.name, shown(x.baseline, x.unit), shown(x.target, x.unit)]),
            ],
          },
          style: 'table',
        });
      }
    });
  });
  const c = edition.contact;
  const dist = edition.distribution;
  content.push(
    { text: 'お問い合わせ', style: 'h2', pageBreak: 'before' },
    { text: `${edition.city} ${c.section}${c.extension ? `（内線${c.extension}）` : ''}${c.phone ? `　電話 ${c.phone}` : ''}`, style: 'body' },
    { text: '配布場所', style: 'h2' },
    { ul: dist.handedOut, style: 'body' },
    ...(dist.readAt ? [{ text: '閲覧場所', style: 'h2' }, { ul: dist.readAt, style: 'body' }] : []),
    ...(dist.online ? [{ text: `${dist.online}でもご覧いただけます。`, style: 'body' }] : []),
  );

  // Which department owns a page: the last heading laid out on or before it.
  let owners: string[] | undefined;
  const ownerOf = (page: number): string | undefined => {
    if (!owners) {
      owners = [];
      for (const h of heads) {
        const first = h.positions?.[0]?.pageNumber;
        if (first !== undefined) owners[first] = h.text;
      }
      for (let i = 1; i < owners.length; i++) owners[i] ??= owners[i - 1]!;
    }
    return owners[Math.min(page, owners.length - 1)];
  };
  let pages = 0;
  const dd = {
    pageSize: 'A4',
    pageMargins: [64, 72, 64, 64],
    language: 'ja-JP',
    info: { title: `${era} ${edition.title}`, author: edition.city, subject: `${era} ${edition.title}`, creator: 'naive pdfmake baseline', creationDate: new Date(`${edition.issueDate ?? `${edition.fiscalYear}-04-01`}T00:00:00+09:00`) },
    ...(edition.status === 'sample' || edition.status === 'draft'
      ? { watermark: { text: edition.status === 'sample' ? '見本' : '校正', font: 'Gothic', opacity: 0.08, bold: true } }
      : {}),
    header: (page: number) => {
      // pdfmake calls headers page by page after each layout pass: rebuild the lookup on page 1.
      if (page === 1) owners = undefined;
      const owner = page > 3 ? ownerOf(page) : undefined;
      if (!owner) return null;
      return { columns: [{ text: editionHead }, { text: owner, alignment: 'right' }], style: 'runningHead', margin: [64, 32, 64, 0] };
    },
    footer: (page: number, count: number) => {
      pages = count;
      return { text: String(page), alignment: 'center', style: 'folio' };
    },
    content,
    defaultStyle: { font: 'Mincho', fontSize: 10, lineHeight: 1.5 },
    styles: {
      body: { alignment: 'justify', margin: [0, 0, 0, 6] },
      coverEra: { font: 'Gothic', fontSize: 18, alignment: 'center' },
      coverTitle: { font: 'Gothic', bold: true, fontSize: 28, alignment: 'center' },
      coverCity: { font: 'Gothic', fontSize: 16, alignment: 'center' },
      h1: { font: 'Gothic', bold: true, fontSize: 18, margin: [0, 0, 0, 16] },
      h2: { font: 'Gothic', bold: true, fontSize: 12.5, margin: [0, 10, 0, 6] },
      h3: { font: 'Gothic', bold: true, fontSize: 11, margin: [0, 8, 0, 4] },
      th: { font: 'Gothic', bold: true, fillColor: '#eeeeee' },
      table: { fontSize: 9, margin: [0, 2, 0, 10] },
      runningHead: { font: 'Gothic', fontSize: 8, color: '#555555' },
      folio: { font: 'Gothic', fontSize: 9 },
    },
  };
  return { dd, pageCount: () => pages };
}

export interface NaiveResult {
  readonly pdf: Buffer;
  readonly pages: number;
}

/** Everything a naive build does, from requiring pdfmake to the PDF's bytes. */
export async function buildNaive(editionDir: string, fonts: FontFiles): Promise<NaiveResult> {
  const pdfmake = require('pdfmake') as PdfMake;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.virtualfs.writeFileSync('BIZUDGothic-Regular.ttf', fonts.gothic);
  pdfmake.virtualfs.writeFileSync('BIZUDGothic-Bold.ttf', fonts.gothicBold);
  pdfmake.virtualfs.writeFileSync('BIZUDMincho-Regular.ttf', fonts.mincho);
  pdfmake.setFonts({
    Gothic: { normal: 'BIZUDGothic-Regular.ttf', bold: 'BIZUDGothic-Bold.ttf', italics: 'BIZUDGothic-Regular.ttf', bolditalics: 'BIZUDGothic-Bold.ttf' },
    Mincho: { normal: 'BIZUDMincho-Regular.ttf', bold: 'BIZUDGothic-Bold.ttf', italics: 'BIZUDMincho-Regular.ttf', bolditalics: 'BIZUDGothic-Bold.ttf' },
  });
  const { edition, departments } = await readEdition(editionDir);
  const { dd, pageCount } = docDefinition(edition, departments);
  const pdf = await pdfmake.createPdf(dd).getBuffer();
  return { pdf, pages: pageCount() };
}
