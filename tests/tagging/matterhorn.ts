// The checks of the Matterhorn Protocol 1.1 (PDF/UA-1's list of failure conditions) that
// a machine can make and that apply to these documents (no forms, notes, formulas or
// multimedia), read from the file with pdf-lib and the tests' own content tokenizer. Each
// problem names its checkpoint.
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { pageSource, tokens } from '../helpers/contentWalk.js';

const N = (s: string) => PDFName.of(s);

const STANDARD = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** Kids a role may have (structure elements only), where ISO 32000-1 and PDF/UA constrain them. */
const ALLOWED_KIDS: Readonly<Record<string, readonly string[]>> = {
  Table: ['TR', 'THead', 'TBody', 'TFoot', 'Caption'],
  THead: ['TR'],
  TBody: ['TR'],
  TFoot: ['TR'],
  TR: ['TH', 'TD'],
  L: ['LI', 'L', 'Caption'],
  LI: ['Lbl', 'LBody'],
  TOC: ['TOCI', 'TOC', 'Caption'],
};

/** Operators that paint: each must lie in tagged content or an artifact (01-005). */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'Do', 'sh', 'EI']);

interface StructInfo {
  readonly role: string;
  readonly dict: PDFDict;
  readonly kids: StructInfo[];
}

function text(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

function streamText(doc: PDFDocument, ref: PDFObject | undefined): string {
  const s = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
  if (!(s instanceof PDFRawStream)) return '';
  const filter = s.dict.get(N('Filter'));
  const bytes = filter?.toString() === '/FlateDecode' ? inflateSync(s.contents) : s.contents;
  return Buffer.from(bytes).toString('utf8');
}

export function matterhornProblems(doc: PDFDocument): string[] {
  const problems: string[] = [];
  const ctx = doc.context;
  // pdf-lib's constructors are protected: the class is matched by its prototype.
  const look = <T extends PDFObject>(o: PDFObject | undefined, type: { prototype: T }): T | undefined => {
    const v = o instanceof PDFRef ? ctx.lookup(o) : o;
    return v !== undefined && Object.prototype.isPrototypeOf.call(type.prototype, v) ? (v as T) : undefined;
  };
  const cat = doc.catalog;

  // 01-002 / 01-003: marked as tagged, not suspect.
  const markInfo = look(cat.get(N('MarkInfo')), PDFDict);
  if (!(markInfo?.get(N('Marked')) instanceof PDFBool) || !(markInfo.get(N('Marked')) as PDFBool).asBoolean()) problems.push('01-002: MarkInfo /Marked is not true');
  if ((markInfo?.get(N('Suspects')) as PDFBool | undefined)?.asBoolean?.()) problems.push('01-003: MarkInfo /Suspects is true');
  // 06-001 … 06-003: metadata with the PDF/UA identifier and a title.
  const xmp = streamText(doc, cat.get(N('Metadata')));
  if (xmp === '') problems.push('06-001: no metadata stream');
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) problems.push('06-002: no pdfuaid:part 1 in the metadata');
  if (!/<dc:title>[^]*?<rdf:li[^>]*>[^<]+<\/rdf:li>/.test(xmp)) problems.push('06-003: no dc:title in the metadata');
  // 07-001: the title is shown, not the file name.
  const prefs = look(cat.get(N('ViewerPreferences')), PDFDict);
  if (!(prefs?.get(N('DisplayDocTitle')) as PDFBool | undefined)?.asBoolean?.()) problems.push('07-001: ViewerPreferences /DisplayDocTitle is not true');
  // 11-006: the natural language.
  if (!text(cat.get(N('Lang')))) problems.push('11-006: no /Lang in the catalog');

  const root = look(cat.get(N('StructTreeRoot')), PDFDict);
  if (!root) return [...problems, '01-001: no structure tree'];
  if (root.get(N('RoleMap'))) problems.push('02-001: a role map (this tool uses standard types only)');

  // The tree, checking each element: standard type (02-004), kids (09-004), figures (13-004), table headers (15-003).
  const mcids = new Map<string, Set<number>>();
  const pageKey = (o: PDFObject | undefined) => (o instanceof PDFRef ? o.toString() : '');
  let links = 0;
  const headings: number[] = [];
  const walk = (dict: PDFDict, inherited: string): StructInfo => {
    const role = (dict.get(N('S')) as PDFName | undefined)?.decodeText() ?? '?';
    if (!STANDARD.has(role)) problems.push(`02-004: non-standard structure type ${role}`);
    const page = pageKey(dict.get(N('Pg'))) || inherited;
    const info: StructInfo = { role, dict, kids: [] };
    const k = dict.get(N('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    for (const kid of kids) {
      if (kid instanceof PDFNumber) {
        (mcids.get(page) ?? mcids.set(page, new Set()).get(page)!).add(kid.asNumber());
        continue;
      }
      const d = look(kid, PDFDict);
      if (!d) continue;
      const type = (d.get(N('Type')) as PDFName | undefined)?.decodeText();
      if (type === 'MCR') {
        const p = pageKey(d.get(N('Pg'))) || page;
        (mcids.get(p) ?? mcids.set(p, new Set()).get(p)!).add((d.get(N('MCID')) as PDFNumber).asNumber());
      } else if (type === 'OBJR') {
        const annot = look(d.get(N('Obj')), PDFDict);
        if ((annot?.get(N('Subtype')) as PDFName | undefined)?.decodeText() === 'Link') {
          links++;
          if (role !== 'Link') problems.push(`28-011: a link annotation under ${role}, not Link`);
        }
      } else info.kids.push(walk(d, page));
    }
    const allowed = ALLOWED_KIDS[role];
    for (const kid of info.kids) if (allowed && !allowed.includes(kid.role)) problems.push(`09-004: ${kid.role} inside ${role}`);
    if (role === 'LI' && info.kids.length === 0) problems.push('09-004: LI without Lbl or LBody');
    if (role === 'Figure' && !text(dict.get(N('Alt'))) && !text(dict.get(N('ActualText')))) problems.push('13-004: Figure without Alt');
    if (role === 'TH') {
      const a = look(dict.get(N('A')), PDFDict);
      if (!(a?.get(N('Scope')) instanceof PDFName)) problems.push('15-003: TH without Scope');
    }
    const h = /^H([1-6])$/.exec(role);
    if (h) headings.push(Number(h[1]));
    return info;
  };
  const top = root.get(N('K'));
  const tops = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
  const tree = tops.map((t) => look(t, PDFDict)).filter((d): d is PDFDict => d !== undefined).map((d) => walk(d, ''));
  const tables = (i: StructInfo): StructInfo[] => (i.role === 'Table' ? [i] : []).concat(...i.kids.map(tables));
  const has = (i: StructInfo, role: string): boolean => i.role === role || i.kids.some((k) => has(k, role));
  for (const t of tree.flatMap(tables)) if (!has(t, 'TH')) problems.push('15-003: a table without header cells (TH)');
  // 14-003: heading levels do not skip (H1 then H3).
  headings.forEach((level, i) => {
    if (i > 0 && level > headings[i - 1]! + 1) problems.push(`14-003: H${level} follows H${headings[i - 1]}`);
  });

  // 01-005 / 01-004: every painting operator lies in an artifact or in content the tree
  // holds; every MCID of a page belongs to an element (and no element claims a missing one).
  doc.getPages().forEach((page, index) => {
    const claimed = mcids.get(page.ref.toString()) ?? new Set<number>();
    const seen = new Set<number>();
    const stack: { artifact: boolean; mcid?: number }[] = [];
    let operands: { t: string; v: unknown }[] = [];
    let untagged = 0;
    for (const t of tokens(pageSource(doc, index))) {
      if (t.t !== 'op') {
        operands.push(t);
        continue;
      }
      if (t.v === 'BMC' || t.v === 'BDC') {
        const tag = operands.find((o) => o.t === 'name')?.v;
        const props = operands.find((o) => o.t === 'str')?.v;
        const m = typeof props === 'string' ? /\/MCID\s+(\d+)/.exec(props) : null;
        const mcid = m ? Number(m[1]) : undefined;
        if (mcid !== undefined) {
          if (seen.has(mcid)) problems.push(`01-004: MCID ${mcid} used twice on page ${index + 1}`);
          seen.add(mcid);
          if (!claimed.has(mcid)) problems.push(`01-004: MCID ${mcid} on page ${index + 1} belongs to no structure element`);
        }
        stack.push({ artifact: tag === 'Artifact', ...(mcid !== undefined ? { mcid } : {}) });
      } else if (t.v === 'EMC') stack.pop();
      else if (PAINTING.has(t.v) && !stack.some((m) => m.artifact || m.mcid !== undefined)) untagged++;
      operands = [];
    }
    if (stack.length > 0) problems.push(`01-004: a marked-content sequence left open on page ${index + 1}`);
    if (untagged > 0) problems.push(`01-005: ${untagged} painting operator(s) on page ${index + 1} neither tagged nor an artifact`);
    for (const m of claimed) if (!seen.has(m)) problems.push(`01-004: an element claims MCID ${m} that page ${index + 1} lacks`);
    // 28-008 / 19-xxx: a page with annotations says their order is the structure's.
    const annots = look(page.node.get(N('Annots')), PDFArray);
    if (annots && annots.size() > 0 && (page.node.get(N('Tabs')) as PDFName | undefined)?.decodeText() !== 'S') problems.push(`28-008: page ${index + 1} has annotations but no /Tabs /S`);
    for (const a of annots?.asArray() ?? []) {
      const annot = look(a, PDFDict);
      if ((annot?.get(N('Subtype')) as PDFName | undefined)?.decodeText() !== 'Link') continue;
      if (!(annot!.get(N('StructParent')) instanceof PDFNumber)) problems.push(`28-011: a link on page ${index + 1} without /StructParent`);
      if (!text(annot!.get(N('Contents')))) problems.push(`28-004: a link on page ${index + 1} without /Contents`);
    }
  });
  if (links === 0 && doc.getPages().some((p) => (look(p.node.get(N('Annots')), PDFArray)?.size() ?? 0) > 0)) problems.push('28-011: links not in the structure tree');

  // 31-001 / 31-027: fonts embedded, each with a ToUnicode map.
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || (obj.get(N('Type')) as PDFName | undefined)?.decodeText() !== 'Font') continue;
    const sub = (obj.get(N('Subtype')) as PDFName | undefined)?.decodeText();
    if (sub === 'Type0' && !obj.get(N('ToUnicode'))) problems.push('31-027: a Type0 font without ToUnicode');
    if (sub === 'CIDFontType2' || sub === 'CIDFontType0') {
      const fd = look(obj.get(N('FontDescriptor')), PDFDict);
      if (!fd?.get(N('FontFile2')) && !fd?.get(N('FontFile3')) && !fd?.get(N('FontFile'))) problems.push('31-001: a font not embedded');
    }
  }
  return problems;
}
