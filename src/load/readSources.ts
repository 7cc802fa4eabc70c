import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { join } from 'node:path';
import { compareBytes, type Diagnostic } from './diagnostic.js';
import { DEPARTMENTS_DIR, displayPath, EDITION_FILE, MAX_FILE_BYTES, tooLargeMessage } from './sourceFiles.js';

export interface RawFile {
  /** As shown in diagnostics: the dir as given, joined with relPath. */
  path: string;
  /** Posix, relative to the edition dir, e.g. departments/kikaku.yaml. */
  relPath: string;
  bytes: Uint8Array;
}

export interface ReadResult {
  /** Sorted by relPath, byte order. */
  files: RawFile[];
  /** Files that exist but could not be read; they count as present (see crossFile.ts). */
  unreadable: string[];
  diagnostics: Diagnostic[];
  /** True when there is no edition folder at all, so nothing else is worth saying. */
  fatal: boolean;
}

/**
 * The only I/O of the load stage: `<dir>/edition.yaml` and
 * `<dir>/departments/*.yaml`. Never throws for problems with the user's files.
 */
export async function readSources(dir: string): Promise<ReadResult> {
  const result: ReadResult = { files: [], unreadable: [], diagnostics: [], fatal: false };
  const problem = (relPath: string, severity: Diagnostic['severity'], message: string) =>
    result.diagnostics.push({ file: displayPath(dir, relPath), line: 0, column: 0, severity, message });

  try {
    if (!(await stat(dir)).isDirectory()) {
      problem('', 'error', 'フォルダではありません。冊子のデータのフォルダ（例: data/2020）を指定してください / not a folder; give the edition folder, e.g. data/2020');
      return { ...result, fatal: true };
    }
  } catch (e) {
    const code = errorCode(e);
    problem(
      '',
      'error',
      code === 'ENOENT'
        ? 'フォルダが見つかりません。冊子のデータのフォルダ（例: data/2020）を指定してください / edition folder not found; give a folder such as data/2020'
        : `フォルダを読めません（${code}） / cannot read the edition folder (${code})`,
    );
    return { ...result, fatal: true };
  }

  await readOne(dir, EDITION_FILE, result, problem);

  let entries: Dirent[] = [];
  try {
    entries = await readdir(join(dir, DEPARTMENTS_DIR), { withFileTypes: true });
  } catch (e) {
    // No departments folder: every listed department is then reported as missing, which says it.
    if (errorCode(e) !== 'ENOENT') {
      problem(DEPARTMENTS_DIR, 'error', `departments フォルダを読めません / cannot read the departments folder (${errorCode(e)})`);
    }
  }
  // Byte order, never the file system's, so every machine reads and reports in the same order.
  const names = entries.map((e) => e.name).sort(compareBytes);
  for (const name of names) {
    const relPath = `${DEPARTMENTS_DIR}/${name}`;
    // Dot files include macOS's `._kikaku.yaml` resource forks, which are not YAML.
    if (name.startsWith('.')) continue;
    if (name.endsWith('.yaml')) {
      await readOne(dir, relPath, result, problem);
    } else if (/\.ya?ml$/i.test(name)) {
      const fixed = name.replace(/\.ya?ml$/i, '.yaml');
      problem(
        relPath,
        'warning',
        `このファイルは読み込まれません。拡張子を .yaml にしてください（${fixed}） / not read: rename it to ${fixed}`,
      );
    }
  }
  return result;
}

async function readOne(
  dir: string,
  relPath: string,
  result: ReadResult,
  problem: (relPath: string, severity: Diagnostic['severity'], message: string) => void,
): Promise<void> {
  const full = join(dir, relPath);
  try {
    const info = await stat(full);
    if (!info.isFile()) {
      problem(relPath, 'error', 'ファイルではありません / not a file');
      result.unreadable.push(relPath);
      return;
    }
    // A link may point anywhere: the edition reads only files that really lie inside it.
    const [realFile, realDir] = await Promise.all([realpath(full), realpath(dir)]);
    if (!realFile.startsWith(realDir.endsWith(sep) ? realDir : realDir + sep)) {
      problem(relPath, 'error', 'このファイルは冊子のフォルダの外を指すリンクです。ファイルそのものをフォルダに置いてください / this file is a link to outside the edition folder; put the file itself into the folder');
      result.unreadable.push(relPath);
      return;
    }
    // Checked before reading so that a huge file is never loaded into memory.
    if (info.size > MAX_FILE_BYTES) {
      problem(relPath, 'error', tooLargeMessage(info.size));
      result.unreadable.push(relPath);
      return;
    }
    const bytes = new Uint8Array(await readFile(full));
    result.files.push({ path: displayPath(dir, relPath), relPath, bytes });
  } catch (e) {
    const code = errorCode(e);
    // A missing edition.yaml is reported by parseEdition, which also serves callers without a disk.
    if (code === 'ENOENT') return;
    problem(
      relPath,
      'error',
      `ファイルを読めません（${code}）。ファイルの権限を確認してください / cannot read the file (${code}); check its permissions`,
    );
    result.unreadable.push(relPath);
  }
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : String(e);
}
