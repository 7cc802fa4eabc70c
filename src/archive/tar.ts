import { BookletError } from '../errors.js';

/**
 * A plain POSIX ustar writer and reader, small enough to read in one sitting and fully
 * deterministic: entries in the order given (callers sort them), one fixed mtime, uid and
 * gid 0, no user or group names, fixed modes (0644 files, 0755 folders), records padded
 * to 10240 bytes as tar(1) writes them. No pax or GNU extensions are written; paths must
 * fit ustar's 100 + 155 bytes.
 */

export interface TarEntry {
  /** Posix path without a leading slash; folders without a trailing slash. */
  readonly path: string;
  readonly type: 'file' | 'dir';
  /** For files. */
  readonly bytes?: Uint8Array;
}

export class TarError extends BookletError {}

const BLOCK = 512;
const RECORD = 20 * BLOCK;
const utf8 = new TextEncoder();

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as POSIX asks.
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new TarError(`tar: ${value} does not fit a ${width}-byte field`);
  return `${digits.padStart(width - 1, '0')}\0`;
}

function put(header: Uint8Array, offset: number, width: number, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? utf8.encode(text) : text;
  if (bytes.length > width) throw new TarError(`tar: field too long (${bytes.length} > ${width})`);
  header.set(bytes, offset);
}

/** ustar keeps long paths as prefix (155) + '/' + name (100), split at a slash. */
function splitPath(path: string): { name: Uint8Array; prefix: Uint8Array } {
  const whole = utf8.encode(path);
  if (whole.length <= 100) return { name: whole, prefix: new Uint8Array(0) };
  for (let i = whole.length - 1; i > 0; i--) {
    if (whole[i] !== 0x2f) continue;
    const prefix = whole.subarray(0, i);
    const name = whole.subarray(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { name, prefix };
  }
  throw new TarError(`tar: path too long for ustar: ${path}`);
}

function header(entry: TarEntry, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const isDir = entry.type === 'dir';
  const { name, prefix } = splitPath(isDir ? `${entry.path}/` : entry.path);
  put(h, 0, 100, name);
  put(h, 100, 8, octal(isDir ? 0o755 : 0o644, 8));
  put(h, 108, 8, octal(0, 8));
  put(h, 116, 8, octal(0, 8));
  put(h, 124, 12, octal(isDir ? 0 : (entry.bytes?.length ?? 0), 12));
  put(h, 136, 12, octal(mtime, 12));
  put(h, 148, 8, '        ');
  put(h, 156, 1, isDir ? '5' : '0');
  put(h, 257, 6, 'ustar\0');
  put(h, 263, 2, '00');
  put(h, 329, 8, octal(0, 8));
  put(h, 337, 8, octal(0, 8));
  put(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  put(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The archive's bytes: a header per entry, file data padded to 512, two zero blocks, padding to 10240. */
export function writeTar(entries: readonly TarEntry[], mtime: number): Uint8Array {
  const seconds = Math.max(0, Math.floor(mtime));
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const e of entries) {
    if (e.path === '' || e.path.startsWith('/') || e.path.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new TarError(`tar: bad entry path "${e.path}"`);
    }
    chunks.push(header(e, seconds));
    size += BLOCK;
    if (e.type === 'file' && e.bytes && e.bytes.length > 0) {
      chunks.push(e.bytes);
      const padded = Math.ceil(e.bytes.length / BLOCK) * BLOCK;
      if (padded > e.bytes.length) chunks.push(new Uint8Array(padded - e.bytes.length));
      size += padded;
    }
  }
  size += 2 * BLOCK;
  const total = Math.ceil(size / RECORD) * RECORD;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const utf8Decoder = new TextDecoder('utf-8');

function field(block: Uint8Array, offset: number, width: number): string {
  const bytes = block.subarray(offset, offset + width);
  const end = bytes.indexOf(0);
  return utf8Decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function readOctal(block: Uint8Array, offset: number, width: number, what: string, at: number): number {
  const text = field(block, offset, width).trim();
  if (text === '') return 0;
  // The field's bytes are not shown: in a file that is no tar they are binary noise.
  if (!/^[0-7]+$/.test(text)) {
    throw new TarError(at === 0 ? 'not a readable tar archive: it does not start with a tar header' : `not a readable tar archive: the ${what} field of the header at byte ${at} is not a number`);
  }
  return parseInt(text, 8);
}

/** Pax records: "<len> key=value\n" … */
function paxPath(data: Uint8Array): string | undefined {
  const text = utf8Decoder.decode(data);
  let path: string | undefined;
  for (const m of text.matchAll(/(\d+) ([^=]+)=([^\n]*)\n/g)) if (m[2] === 'path') path = m[3];
  return path;
}

/** A path from an archive, made safe to join under a folder; undefined when it is not. */
export function safeEntryPath(raw: string): string | undefined {
  const path = raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return undefined;
  if (path.split('/').some((s) => s === '..' || s === '.' || s === '')) return undefined;
  return path;
}

/**
 * Reads a tar archive written by writeTar or by tar(1) (ustar, pax and GNU long names).
 * Regular files and folders only: links, devices and the like are refused, as are paths
 * that would leave the folder they are extracted into.
 */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let longPath: string | undefined;
  while (at + BLOCK <= bytes.length) {
    const block = bytes.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
    const stored = readOctal(block, 148, 8, 'checksum', at);
    if (stored !== sum) throw new TarError(`not a readable tar archive: header checksum mismatch at byte ${at}`);
    const size = readOctal(block, 124, 12, 'size', at);
    const type = String.fromCharCode(block[156]!);
    const dataStart = at + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw new TarError('not a readable tar archive: it ends inside an entry (truncated?)');
    const data = bytes.subarray(dataStart, dataEnd);
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      longPath = paxPath(data) ?? longPath;
      continue;
    }
    if (type === 'L') {
      longPath = field(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const magicUstar = field(block, 257, 6) === 'ustar';
    const prefix = magicUstar ? field(block, 345, 155) : '';
    const name = field(block, 0, 100);
    const raw = longPath ?? (prefix ? `${prefix}/${name}` : name);
    longPath = undefined;
    const path = safeEntryPath(raw);
    if (path === undefined) throw new TarError(`tar entry "${raw}" has an unsafe path; refusing to read the archive`);
    if (type === '0' || type === '\0' || type === '7') entries.push({ path, type: 'file', bytes: data });
    else if (type === '5') entries.push({ path, type: 'dir' });
    else throw new TarError(`tar entry "${raw}" is not a file or folder (type ${JSON.stringify(type)}); refusing to read the archive`);
  }
  return entries;
}
