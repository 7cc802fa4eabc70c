/**
 * Typed arrays for the line breaker, fresh or reused from one paragraph to the next.
 *
 * A typed array of more than 64 bytes gets a backing store of its own, allocated outside
 * the heap and freed by the garbage collector: the breaker asked for ~25 per paragraph and
 * 5 per line, and allocating them cost more than the arithmetic done in them. A Scratch
 * hands out the same memory again, zeroed, as a fresh array would be.
 */

/**
 * Where an analysis or a search takes its arrays from: an array asked for with length n
 * may be longer, and is zero in [0, n). Users index below n and fill ranges, never whole arrays.
 */
export interface Arrays {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
  u8(n: number): Uint8Array;
}

/** New arrays, owned by the caller. */
export const FRESH: Arrays = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u8: (n) => new Uint8Array(n),
};

const grown = (have: number, n: number): number => Math.max(n, 2 * have, 64);

/**
 * Arrays reused by one caller: those handed out since its last `reset()` stay valid until
 * the next `reset()`. Nothing a reset invalidates may leave the call that made it (lines
 * are returned as fresh objects; the analysis and the search stay inside).
 */
export class Scratch implements Arrays {
  // One method per element type keeps each call site monomorphic; no subarray views, which
  // cost an object each.
  private readonly d: Float64Array[] = [];
  private readonly i: Int32Array[] = [];
  private readonly b: Uint8Array[] = [];
  private nd = 0;
  private ni = 0;
  private nb = 0;
  reset(): this {
    this.nd = this.ni = this.nb = 0;
    return this;
  }
  f64(n: number): Float64Array {
    let a = this.d[this.nd];
    if (a === undefined || a.length < n) this.d[this.nd] = a = new Float64Array(grown(a?.length ?? 0, n));
    this.nd++;
    return a.fill(0, 0, n);
  }
  i32(n: number): Int32Array {
    let a = this.i[this.ni];
    if (a === undefined || a.length < n) this.i[this.ni] = a = new Int32Array(grown(a?.length ?? 0, n));
    this.ni++;
    return a.fill(0, 0, n);
  }
  u8(n: number): Uint8Array {
    let a = this.b[this.nb];
    if (a === undefined || a.length < n) this.b[this.nb] = a = new Uint8Array(grown(a?.length ?? 0, n));
    this.nb++;
    return a.fill(0, 0, n);
  }
}
