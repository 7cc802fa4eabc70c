// External checkers the print tests run: Ghostscript (gs) and poppler (pdftotext). CI
// installs them (.ci/run); a machine without them fails these tests with a message that
// says what to install, rather than skipping them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES: Readonly<Record<string, string>> = { gs: 'ghostscript', pdftotext: 'poppler-utils' };

/** Throws, naming the Debian package, when `tool` cannot be run. */
export function requireTool(tool: 'gs' | 'pdftotext'): void {
  const r = spawnSync(tool, [tool === 'gs' ? '--version' : '-v'], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(`${tool} is not installed: these print checks need it (apt-get install ${PACKAGES[tool]}; CI installs it in .ci/run)`);
  }
}

export interface GsResult {
  readonly status: number | null;
  /** stdout and stderr together: what Ghostscript reported */
  readonly output: string;
}

export function gs(args: readonly string[]): GsResult {
  requireTool('gs');
  const r = spawnSync('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Ghostscript's PDF/X conversion of a PDF file: its report and the bytes it wrote. */
export function gsPdfX(file: string): GsResult & { bytes: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'gs-pdfx-'));
  try {
    const out = join(dir, 'out.pdf');
    const r = gs(['-dPDFX', '-sDEVICE=pdfwrite', '-sColorConversionStrategy=CMYK', `-sOutputFile=${out}`, file]);
    let bytes = new Uint8Array(0);
    try {
      bytes = new Uint8Array(readFileSync(out));
    } catch {
      // no output: status and output say why
    }
    return { ...r, bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdftotext(file: string, args: readonly string[] = []): string {
  requireTool('pdftotext');
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

/** One separation: ink per pixel, 0 (none) – 255 (solid). */
export interface Plate {
  readonly width: number;
  readonly height: number;
  readonly ink: Uint8Array;
  /** Largest ink value in a rectangle of pixels (x0, y0 inclusive; x1, y1 exclusive). */
  max(x0: number, y0: number, x1: number, y1: number): number;
  min(x0: number, y0: number, x1: number, y1: number): number;
}

export type Separations = Record<'Cyan' | 'Magenta' | 'Yellow' | 'Black', Plate>;

/** Ghostscript's tiffsep plates of one page (1-based) at `dpi`. */
export function separations(file: string, page: number, dpi: number): Separations {
  const dir = mkdtempSync(join(tmpdir(), 'gs-sep-'));
  try {
    const r = gs(['-sDEVICE=tiffsep', `-r${dpi}`, '-sCompression=none', `-dFirstPage=${page}`, `-dLastPage=${page}`, `-sOutputFile=${join(dir, 'p.tif')}`, file]);
    if (r.status !== 0) throw new Error(`gs tiffsep failed: ${r.output}`);
    const plates = {} as Record<string, Plate>;
    for (const name of ['Cyan', 'Magenta', 'Yellow', 'Black']) {
      const f = readdirSync(dir).find((n) => n === `p(${name}).tif`);
      if (!f) throw new Error(`gs tiffsep wrote no ${name} plate: ${readdirSync(dir).join(', ')}`);
      plates[name] = readTiff(readFileSync(join(dir, f)));
    }
    return plates as Separations;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An uncompressed 8-bit one-channel TIFF (what tiffsep writes per plate), as ink. */
export function readTiff(buf: Buffer): Plate {
  const le = buf.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = type === 3 ? 2 : 4;
    const at = count * size <= 4 ? e + 8 : u32(e + 8);
    tags.set(u16(e), Array.from({ length: count }, (_, k) => (size === 2 ? u16(at + k * 2) : u32(at + k * 4))));
  }
  const tag = (t: number) => tags.get(t) ?? [];
  const [width = 0] = tag(256);
  const [height = 0] = tag(257);
  if ((tag(259)[0] ?? 1) !== 1 || (tag(258)[0] ?? 8) !== 8 || (tag(277)[0] ?? 1) !== 1) throw new Error('readTiff: only uncompressed 8-bit gray');
  const whiteIsZero = (tag(262)[0] ?? 0) === 0;
  const ink = new Uint8Array(width * height);
  let p = 0;
  tag(273).forEach((offset, i) => {
    const n = tag(279)[i] ?? 0;
    for (let k = 0; k < n && p < ink.length; k++) ink[p++] = whiteIsZero ? buf[offset + k]! : 255 - buf[offset + k]!;
  });
  const scan = (x0: number, y0: number, x1: number, y1: number, pick: (a: number, b: number) => number, start: number) => {
    let v = start;
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) v = pick(v, ink[y * width + x]!);
    return v;
  };
  return {
    width,
    height,
    ink,
    max: (x0, y0, x1, y1) => scan(x0, y0, x1, y1, Math.max, 0),
    min: (x0, y0, x1, y1) => scan(x0, y0, x1, y1, Math.min, 255),
  };
}
