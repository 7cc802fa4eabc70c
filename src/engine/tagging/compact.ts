/**
 * Structure elements written without pdfkit's line per key: a booklet has one per
 * heading, paragraph, list part and table cell, and `<</S/TD/P 12 0 R/K [3]/Pg 5 0 R>>`
 * is a fifth shorter than pdfkit's layout of the same dictionary. Values are the few kinds
 * a structure element holds: names (pdfkit's JS strings), numbers, text strings (String
 * objects), references, arrays and dictionaries.
 */
import { pdfTextString } from './actualText.js';

interface Reference {
  readonly id: number;
  readonly gen: number;
}
interface WritableReference extends Reference {
  data: Record<string, unknown>;
  offset?: number;
  readonly document: { readonly _offset: number; _write(data: string): void; _refEnd(ref: unknown): void };
  finalize(): void;
}

const isReference = (v: object): v is Reference => 'id' in v && 'gen' in v && 'document' in v;

function serialize(v: unknown): string {
  if (typeof v === 'string') return `/${v}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof String) return pdfTextString(v.valueOf());
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  if (v !== null && typeof v === 'object') {
    if (isReference(v)) return `${v.id} ${v.gen} R`;
    // A single kid needs no array: /K 3 is /K [3].
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => [k, k === 'K' && Array.isArray(x) && x.length === 1 ? x[0] : x] as const);
    return `<<${entries.map(([k, x]) => `/${k}${/^[/<[(]/.test(serialize(x)) ? '' : ' '}${serialize(x)}`).join('')}>>`;
  }
  return 'null';
}

/** Makes pdfkit write this (stream-less) object compactly when it ends. */
export function writeCompactly(ref: unknown): void {
  const r = ref as WritableReference;
  r.finalize = function finalizeCompact(this: WritableReference) {
    this.offset = this.document._offset;
    this.document._write(`${this.id} ${this.gen} obj`);
    this.document._write(serialize(this.data));
    this.document._write('endobj');
    this.document._refEnd(this);
  };
}
