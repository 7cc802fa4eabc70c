// Converts a document's colours from RGB to CMYK: page contents, form XObjects (also those
// in soft masks, patterns and annotation appearances), shadings, transparency groups and
// images (images.ts); black overprints and fine lines get fine colours (content.ts).
// Transparency, which PDF/X-1a forbids, is removed. Sampled functions and image forms
// images.ts does not know are not converted; they are reported in `notes`.
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFRef, PDFStream } from 'pdf-lib';
import { rgbToCmyk, type PressColour } from './colour.js';
import { deviceSpace, rewriteColours, type RewriteOptions, type SpaceKind } from './content.js';
import { flateStreamLike, streamBytes } from './pdfUtil.js';
import { convertImage } from './images.js';

const N = (s: string) => PDFName.of(s);

/** Resource names of the overprint states: neither, fill, stroke, both. */
export const OVERPRINT_STATES = ['PBop0', 'PBopF', 'PBopS', 'PBopB'] as const;

export interface ConvertOptions {
  readonly fine?: RewriteOptions['fine'];
  /** Black overprints (default true). */
  readonly overprint?: boolean;
}

export class ColourConverter {
  private readonly visited = new Set<PDFObject>();
  private readonly visitedRefs = new Set<string>();
  private readonly resourceDicts: PDFDict[] = [];
  private readonly noteSet = new Set<string>();
  private states: PDFRef[] | undefined;
  private readonly rewriteOptions: RewriteOptions;

  constructor(
    private readonly ctx: PDFContext,
    private readonly map: ReadonlyMap<string, PressColour>,
    options: ConvertOptions = {},
  ) {
    this.rewriteOptions = { ...(options.fine ? { fine: options.fine } : {}), ...(options.overprint === false ? {} : { overprint: OVERPRINT_STATES }) };
  }

  get notes(): readonly string[] {
    return [...this.noteSet];
  }

  private note(s: string): void {
    this.noteSet.add(s);
  }

  private lookup(o: PDFObject | undefined): PDFObject | undefined {
    return o instanceof PDFRef ? this.ctx.lookup(o) : o;
  }

  /** First visit of an object (by reference when it has one)? */
  private firstVisit(o: PDFObject | undefined): boolean {
    if (o === undefined) return false;
    if (o instanceof PDFRef) {
      if (this.visitedRefs.has(o.tag)) return false;
      this.visitedRefs.add(o.tag);
      return true;
    }
    if (this.visited.has(o)) return false;
    this.visited.add(o);
    return true;
  }

  /** What a colour space object (name or array) is. */
  classify(space: PDFObject | undefined): SpaceKind {
    const cs = this.lookup(space);
    if (cs instanceof PDFName) return deviceSpace(cs.decodeText()) ?? 'other';
    if (cs instanceof PDFArray) {
      const family = this.lookup(cs.get(0));
      const fam = family instanceof PDFName ? family.decodeText() : '';
      if (fam === 'ICCBased') {
        const profile = this.lookup(cs.get(1));
        const n = profile instanceof PDFStream ? this.lookup(profile.dict.get(N('N'))) : undefined;
        const comps = n instanceof PDFNumber ? n.asNumber() : 0;
        return comps === 3 ? 'rgb' : comps === 4 ? 'cmyk' : comps === 1 ? 'gray' : 'other';
      }
      if (fam === 'CalRGB') return 'rgb';
      if (fam === 'CalGray') return 'gray';
      if (fam === 'DeviceRGB' || fam === 'DeviceGray' || fam === 'DeviceCMYK') return deviceSpace(fam) ?? 'other';
      if (fam === 'Indexed' && this.classify(cs.get(1)) === 'rgb') this.note('Indexed colour space on an RGB base left as is');
      if ((fam === 'Separation' || fam === 'DeviceN') && this.classify(cs.get(2)) === 'rgb') this.note(`${fam} with an RGB alternate left as is`);
      if (fam === 'Pattern' && cs.size() > 1 && this.classify(cs.get(1)) === 'rgb') this.note('uncoloured pattern in RGB left as is');
      return 'other';
    }
    return 'other';
  }

  private resolver(res: PDFDict | undefined): (name: string) => SpaceKind {
    const spaces = res ? this.lookup(res.get(N('ColorSpace'))) : undefined;
    return (name) => (spaces instanceof PDFDict ? this.classify(spaces.get(N(name))) : 'other');
  }

  /** Transparency groups go (PDF/X-1a); a page or form then composites as in PDF 1.3. */
  private fixGroup(holder: PDFDict): void {
    const group = this.lookup(holder.get(N('Group')));
    if (group === undefined) return;
    if (group instanceof PDFDict && group.get(N('S')) === N('Transparency')) this.note('transparency group removed');
    holder.delete(N('Group'));
  }

  /** Rewrites one content stream (page contents joined, or a form) and returns the result. */
  rewrite(bytes: Uint8Array, res: PDFDict): { bytes: Uint8Array; openSaves: number } {
    const r = rewriteColours(bytes, this.map, this.resolver(res), this.rewriteOptions);
    for (const n of r.notes) this.note(n);
    this.useStates(res, r.usedStates);
    return { bytes: r.bytes, openSaves: r.openSaves };
  }

  /** The overprint ExtGStates a rewritten stream names, in its resources (one object each per file). */
  useStates(res: PDFDict, used: ReadonlySet<string>): void {
    if (used.size === 0) return;
    this.states ??= OVERPRINT_STATES.map((_, i) =>
      this.ctx.register(
        this.ctx.obj({ Type: 'ExtGState', op: (i & 1) === 1, OP: (i & 2) === 2, OPM: 1 }),
      ),
    );
    let dict = this.lookup(res.get(N('ExtGState')));
    if (!(dict instanceof PDFDict)) {
      dict = this.ctx.obj({}) as PDFDict;
      res.set(N('ExtGState'), dict);
    }
    const states = dict as PDFDict;
    OVERPRINT_STATES.forEach((name, i) => {
      if (!used.has(name)) return;
      const prev = states.get(N(name));
      if (prev && prev !== this.states![i]) this.note(`ExtGState ${name} of the input replaced by an overprint state`);
      states.set(N(name), this.states![i]!);
    });
  }

  /**
   * PDF/X-1a has no transparency: constant alpha becomes 1 (dropped), soft masks and
   * blend modes other than Normal go, transparency groups go. Each removal is noted
   * unless it changed nothing (alpha 1, mask /None, Normal).
   */
  private opaque(gs: PDFDict): void {
    for (const key of ['CA', 'ca']) {
      const v = this.lookup(gs.get(N(key)));
      if (v === undefined) continue;
      if (!(v instanceof PDFNumber) || v.asNumber() < 1) this.note(`transparency removed (/${key} ${v.toString()})`);
      gs.delete(N(key));
    }
    const smask = this.lookup(gs.get(N('SMask')));
    if (smask !== undefined) {
      if (smask !== N('None')) this.note('soft mask removed');
      gs.delete(N('SMask'));
    }
    const bm = this.lookup(gs.get(N('BM')));
    if (bm !== undefined) {
      const normal = bm === N('Normal') || bm === N('Compatible') || (bm instanceof PDFArray && bm.size() === 1 && [N('Normal'), N('Compatible')].includes(this.lookup(bm.get(0)) as PDFName));
      if (!normal) this.note(`blend mode ${bm.toString()} removed`);
      gs.delete(N('BM'));
    }
    gs.delete(N('AIS'));
    gs.delete(N('TK'));
  }

  /** A page: its resources (recursively) and group. Page contents are rewritten by the caller. */
  page(pageDict: PDFDict, res: PDFDict | undefined): void {
    this.resources(res);
    this.fixGroup(pageDict);
  }

  /** Annotation appearance streams (/AP /N /R /D, plain or per state). */
  appearances(annot: PDFDict, res: PDFDict | undefined): void {
    const ap = this.lookup(annot.get(N('AP')));
    if (!(ap instanceof PDFDict)) return;
    for (const [, v] of ap.entries()) {
      const target = this.lookup(v);
      if (target instanceof PDFStream && v instanceof PDFRef) this.form(v, res);
      else if (target instanceof PDFDict) {
        for (const [, s] of target.entries()) if (s instanceof PDFRef) this.form(s, res);
      }
    }
  }

  resources(res: PDFDict | undefined): void {
    if (!res || !this.firstVisit(res)) return;
    this.resourceDicts.push(res);
    const sub = (key: string) => {
      const d = this.lookup(res.get(N(key)));
      return d instanceof PDFDict ? [...d.entries()].map(([, v]) => v) : [];
    };
    for (const x of sub('XObject')) {
      const obj = this.lookup(x);
      if (!(obj instanceof PDFStream)) continue;
      const subtype = obj.dict.get(N('Subtype'))?.toString();
      if (subtype === '/Form' && x instanceof PDFRef) this.form(x, res);
      else if (subtype === '/Image' && this.firstVisit(x)) {
        if (x instanceof PDFRef) convertImage({ ctx: this.ctx, map: this.map, classify: (s) => this.classify(s), note: (n) => this.note(n) }, x, obj);
        else if (this.classify(obj.dict.get(N('ColorSpace'))) === 'rgb') this.note('RGB image left as is');
      }
    }
    for (const p of sub('Pattern')) {
      const pat = this.lookup(p);
      // A tiling pattern is a content stream of its own; a shading pattern holds a shading.
      if (pat instanceof PDFStream && p instanceof PDFRef) this.form(p, res);
      else if (pat instanceof PDFDict && this.firstVisit(p)) this.shading(pat.get(N('Shading')));
    }
    for (const s of sub('Shading')) this.shading(s);
    for (const g of sub('ExtGState')) {
      const gs = this.lookup(g);
      if (!(gs instanceof PDFDict) || !this.firstVisit(g)) continue;
      this.opaque(gs);
    }
  }

  /** A form XObject or tiling pattern: resources, group and content. */
  form(ref: PDFRef, inherited: PDFDict | undefined): void {
    if (!this.firstVisit(ref)) return;
    const stream = this.ctx.lookup(ref);
    if (!(stream instanceof PDFStream)) return;
    const own = this.lookup(stream.dict.get(N('Resources')));
    const res = own instanceof PDFDict ? own : inherited;
    this.resources(res);
    this.fixGroup(stream.dict);
    let bytes: Uint8Array;
    try {
      bytes = streamBytes(stream);
    } catch {
      this.note('a form XObject with an unsupported filter left as is');
      return;
    }
    const r = rewriteColours(bytes, this.map, this.resolver(res), this.rewriteOptions);
    for (const n of r.notes) this.note(n);
    if (r.usedStates.size > 0) {
      // The states go into the form's own resources, never into a page's it inherits.
      let resources = own;
      if (!(resources instanceof PDFDict)) {
        resources = this.ctx.obj({}) as PDFDict;
        if (res) for (const [k, v] of res.entries()) (resources as PDFDict).set(k, v);
        stream.dict.set(N('Resources'), resources);
      }
      this.useStates(resources as PDFDict, r.usedStates);
    }
    if (r.changed) this.ctx.assign(ref, flateStreamLike(this.ctx, r.bytes, stream.dict));
  }

  private shading(s: PDFObject | undefined): void {
    if (!this.firstVisit(s)) return;
    const sh = this.lookup(s);
    const dict = sh instanceof PDFStream ? sh.dict : sh instanceof PDFDict ? sh : undefined;
    if (!dict || this.classify(dict.get(N('ColorSpace'))) !== 'rgb') return;
    const type = this.lookup(dict.get(N('ShadingType')));
    if (sh instanceof PDFStream || !(type instanceof PDFNumber) || type.asNumber() > 3) {
      this.note('mesh shading in RGB left as is');
      return;
    }
    const fn = this.lookup(dict.get(N('Function')));
    if (fn instanceof PDFArray || !this.fn(dict.get(N('Function')))) {
      this.note('shading with a sampled or per-component function left as is');
      return;
    }
    const bg = this.lookup(dict.get(N('Background')));
    if (bg instanceof PDFArray) dict.set(N('Background'), this.cmykArray(bg) ?? bg);
    dict.set(N('ColorSpace'), N('DeviceCMYK'));
  }

  /** Converts a type 2 / type 3 function's RGB outputs to CMYK in place. false: cannot. */
  private fn(f: PDFObject | undefined): boolean {
    const d = this.lookup(f);
    if (!(d instanceof PDFDict)) return false;
    const type = this.lookup(d.get(N('FunctionType')));
    const t = type instanceof PDFNumber ? type.asNumber() : -1;
    if (t === 2) {
      if (!this.firstVisit(f)) return true;
      const c0 = this.lookup(d.get(N('C0')));
      const c1 = this.lookup(d.get(N('C1')));
      const n0 = c0 instanceof PDFArray ? this.cmykArray(c0) : undefined;
      const n1 = c1 instanceof PDFArray ? this.cmykArray(c1) : undefined;
      if (!n0 || !n1) return false;
      d.set(N('C0'), n0);
      d.set(N('C1'), n1);
      d.delete(N('Range'));
      return true;
    }
    if (t === 3) {
      const fns = this.lookup(d.get(N('Functions')));
      if (!(fns instanceof PDFArray)) return false;
      return fns.asArray().every((x) => this.fn(x));
    }
    return false;
  }

  private cmykArray(arr: PDFArray): PDFArray | undefined {
    const v = arr.asArray().map((x) => this.lookup(x));
    if (v.length !== 3 || !v.every((x): x is PDFNumber => x instanceof PDFNumber)) return undefined;
    const c = rgbToCmyk(this.map, v[0]!.asNumber(), v[1]!.asNumber(), v[2]!.asNumber());
    return this.ctx.obj(c.map((x) => Math.round(x * 100000) / 100000)) as PDFArray;
  }

  /**
   * After every stream is rewritten: RGB entries of /ColorSpace resources are no longer
   * named by any operator (they became /DeviceCMYK), so they become DeviceCMYK as well.
   */
  finish(): void {
    for (const res of this.resourceDicts) {
      const spaces = this.lookup(res.get(N('ColorSpace')));
      if (!(spaces instanceof PDFDict)) continue;
      for (const [k, v] of spaces.entries()) if (this.classify(v) === 'rgb') spaces.set(k, N('DeviceCMYK'));
    }
  }
}
