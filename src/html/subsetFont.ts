import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

/**
 * Font subsetting with HarfBuzz's own subsetter (hb-subset, the WebAssembly build the
 * HarfBuzz project publishes as harfbuzzjs): the subset keeps a cmap, so a browser can use
 * it, unlike the PDF subsets, which address glyphs by id.
 */

// TypeScript declares WebAssembly only in its DOM library, which a Node program does not
// load; Node has it. The part used here:
declare const WebAssembly: { instantiate(module: Uint8Array): Promise<{ readonly instance: { readonly exports: unknown } }> };

interface HbSubset {
  readonly memory: { readonly buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize(): void;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

const tag = (s: string) => [...s].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);

let instance: Promise<HbSubset> | undefined;
function hbSubset(): Promise<HbSubset> {
  instance ??= (async () => {
    // HarfBuzz runs ~50 ms a build in V8's baseline code. Left alone, V8's dynamic tier-up
    // then spends ~0.7 s of CPU recompiling its hot functions on background threads (more
    // than the subsetting itself, on a build that keeps both cores busy): only code run far
    // more than a build runs it is optimised. Affects WebAssembly only; the tool has no other.
    setFlagsFromString('--wasm-tiering-budget=1000000000');
    const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const { instance: wasm } = await WebAssembly.instantiate(await readFile(path));
    const hb = wasm.exports as unknown as HbSubset;
    hb._initialize();
    return hb;
  })();
  return instance;
}

export interface SubsetOptions {
  /**
   * OpenType layout features to keep. Only `ccmp` by default: it composes decomposed kana
   * (か + ゛). The other features of the BIZ UD fonts (vert, jp78, hwid …) are not used by
   * horizontal screen text, and keeping them pulled in ~2× the glyphs.
   */
  readonly features?: readonly string[];
}

/** The font cut down to the glyphs of `codePoints` (and what ccmp makes of them), hinting dropped. */
export async function subsetFont(font: Uint8Array, codePoints: Iterable<number>, opts: SubsetOptions = {}): Promise<Uint8Array> {
  const hb = await hbSubset();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  const buffer = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, buffer);
  const blob = hb.hb_blob_create(buffer, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    for (const f of opts.features ?? ['ccmp']) hb.hb_set_add(features, tag(f));
    // Hints serve only old Windows rasterisers at small sizes and are a fifth of the bytes.
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb_subset_or_fail failed: the font could not be subset');
    const result = hb.hb_face_reference_blob(subset);
    try {
      const at = hb.hb_blob_get_data(result, 0);
      const length = hb.hb_blob_get_length(result);
      if (length === 0) throw new Error('hb-subset produced an empty font');
      // A copy: the wasm memory is reused (and may grow) on the next call.
      return new Uint8Array(hb.memory.buffer, at, length).slice();
    } finally {
      hb.hb_blob_destroy(result);
      hb.hb_face_destroy(subset);
    }
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(buffer);
  }
}
