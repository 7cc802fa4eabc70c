import { readFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BookletError } from '../errors.js';

/**
 * The versions the engine's patches were written and measured against. package.json pins
 * the same (tests/engine/contract.test.ts checks both, and the code the patches rely on).
 * Another version may lay pages out differently or have moved what a patch replaces, so
 * the engine refuses to run with one.
 */
export const MEASURED_VERSIONS = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' } as const;

type Package = keyof typeof MEASURED_VERSIONS;

/** The part of fontkit the engine calls. */
export interface Fontkit {
  create(buf: Uint8Array, postscriptName?: string): unknown;
}

/** The part of pdfmake's runtime the engine calls (it ships CommonJS without types we can use). */
export interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void };
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
}

export class EngineVersionError extends BookletError {}

interface Located {
  /** The module's entry file. */
  readonly entry: string;
  /** A require() that resolves as this package does. */
  readonly require: NodeJS.Require;
  readonly version: string;
}

const ours = createRequire(import.meta.url);
let located: Readonly<Record<Package, Located>> | undefined;

/** The package.json above a module's entry file that names the package. */
function versionOf(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // no package.json here: look further up
    }
  }
  return '?';
}

/**
 * pdfmake, the pdfkit pdfmake loads and the fontkit that pdfkit loads, each checked against
 * the version the engine was measured with.
 */
function locate(): Readonly<Record<Package, Located>> {
  if (located) return located;
  const at = (name: Package, from: NodeJS.Require): Located => {
    const entry = from.resolve(name);
    return { entry, require: createRequire(entry), version: versionOf(entry, name) };
  };
  const pdfmake = at('pdfmake', ours);
  const pdfkit = at('pdfkit', pdfmake.require);
  const fontkit = at('fontkit', pdfkit.require);
  const found = { pdfmake, pdfkit, fontkit };
  const wrong = (Object.keys(MEASURED_VERSIONS) as Package[]).filter((p) => found[p].version !== MEASURED_VERSIONS[p]);
  if (wrong.length > 0) {
    const ja = wrong.map((p) => `${p} は ${MEASURED_VERSIONS[p]} が必要ですが ${found[p].version} が入っています`).join('、');
    const en = wrong.map((p) => `${p} ${found[p].version} is installed, not ${MEASURED_VERSIONS[p]}`).join('; ');
    throw new EngineVersionError(
      `${ja}。\`npm ci\` で入れ直してください / ${en}: plan-booklet's PDF engine patches these packages and was measured ` +
        'against those exact versions; run `npm ci` in the project (or reinstall plan-booklet) to get them',
    );
  }
  located = found;
  for (const [owner, id] of ON_FIRST_USE) deferUntilUsed(found[owner].require, id);
  return located;
}

/**
 * Modules pdfkit and fontkit load at start-up for what a booklet never does: encryption
 * (@noble's AES tables and hashes) and WOFF2 fonts (brotli and its dictionary). Compiling
 * them is ~50 ms of every build; each is used only through calls made later, so a stand-in
 * takes its require-cache slot and loads the real module on first use.
 */
const ON_FIRST_USE: readonly (readonly [Package, string])[] = [
  ['pdfkit', '@noble/ciphers/aes'],
  ['pdfkit', '@noble/hashes/sha2'],
  ['pdfkit', '@noble/hashes/utils'],
  ['fontkit', 'brotli/decompress.js'],
];

function deferUntilUsed(from: NodeJS.Require, id: string): void {
  let file: string;
  try {
    file = from.resolve(id);
  } catch {
    return; // not installed where expected: the package's own require will say so
  }
  if (from.cache[file]) return;
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete from.cache[file];
      real = from(file) as object;
    }
    return real;
  };
  // A function target, so a module that is itself a function (brotli's) can be called.
  const standIn = new Proxy(() => {}, {
    // Interop helpers ask for __esModule when the requiring module loads; none of these sets it.
    get: (_, key) => (key === '__esModule' && !real ? undefined : Reflect.get(load(), key)),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
    apply: (_, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
  });
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = standIn;
  from.cache[file] = entry;
}

/** The fontkit module pdfkit loads (the real one, whatever its require-cache slot holds later). */
export function requireFontkit(): Fontkit {
  const { fontkit } = locate();
  return fontkit.require(fontkit.entry) as Fontkit;
}

/**
 * Puts `facade` in the require-cache slot of the fontkit pdfkit loads, so pdfkit's
 * fontkit.create() calls it (fontkit's own exports are read-only getters). Must run
 * before pdfkit is first loaded.
 */
export function replaceFontkitExports(facade: Fontkit): void {
  const { fontkit } = locate();
  const cached = fontkit.require.cache[fontkit.entry];
  if (cached) cached.exports = facade;
}

/** pdfkit's PDFDocument class (loaded after the fontkit facade is in place). */
export function loadPdfkit<T>(): T {
  const { pdfkit } = locate();
  return pdfkit.require(pdfkit.entry) as T;
}

/** pdfmake's runtime. */
export function loadPdfmake(): PdfMake {
  const { pdfmake } = locate();
  return pdfmake.require(pdfmake.entry) as PdfMake;
}

/** One of pdfmake's own modules (js/<name>.js), as pdfmake loads it. */
export function pdfmakeModule<T>(name: string): T {
  const { pdfmake } = locate();
  return (pdfmake.require(`pdfmake/js/${name}`) as { default: T }).default;
}

/** The installed versions (for tests and messages). */
export function installedVersions(): Readonly<Record<Package, string>> {
  const l = locate();
  return { pdfmake: l.pdfmake.version, pdfkit: l.pdfkit.version, fontkit: l.fontkit.version };
}
