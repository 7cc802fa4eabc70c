import { cp, mkdtemp, readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEdition, type LoadResult } from '../../src/load/index.js';

export const MINIMAL_EDITION = fileURLToPath(new URL('./minimal/', import.meta.url));
export const INVALID_CASES = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

export interface CaseFile {
  relPath: string;
  bytes: Uint8Array;
}

/** A fresh copy of the minimal valid edition with `files` laid over it; returns the dir. */
export async function editionWith(files: readonly CaseFile[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plan-booklet-load-'));
  await cp(MINIMAL_EDITION, dir, { recursive: true });
  for (const f of files) {
    await mkdir(dirname(join(dir, f.relPath)), { recursive: true });
    await writeFile(join(dir, f.relPath), f.bytes);
  }
  return dir;
}

/** The files of a case: a single department file, or a folder laid over the minimal edition. */
export async function caseFiles(name: string): Promise<CaseFile[]> {
  const full = join(INVALID_CASES, name);
  if ((await stat(full)).isFile()) return [{ relPath: 'departments/kikaku.yaml', bytes: await readFile(full) }];
  const entries = await readdir(full, { recursive: true, withFileTypes: true });
  const files: CaseFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    files.push({ relPath: relative(full, path).split(sep).join('/'), bytes: await readFile(path) });
  }
  return files;
}

export async function caseNames(): Promise<string[]> {
  const entries = await readdir(INVALID_CASES, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() || (e.isFile() && e.name.endsWith('.yaml')))
    .map((e) => e.name)
    .sort();
}

export interface Expectation {
  relPath: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  text: string;
}

/** `# expect: 14:7 text` comments, read from raw bytes so that non-UTF-8 cases can carry them. */
export function expectationsIn(file: CaseFile): Expectation[] {
  const b = file.bytes;
  const text =
    b[0] === 0xff && b[1] === 0xfe
      ? new TextDecoder('utf-16le').decode(b)
      : b[0] === 0xfe && b[1] === 0xff
        ? new TextDecoder('utf-16be').decode(b)
        : new TextDecoder('utf-8').decode(b);
  const out: Expectation[] = [];
  for (const m of text.matchAll(/^#\s*expect(-warning)?:\s*(\d+):(\d+)\s+(.*?)\s*$/gm)) {
    out.push({
      relPath: file.relPath,
      line: Number(m[2]),
      column: Number(m[3]),
      severity: m[1] ? 'warning' : 'error',
      text: m[4]!,
    });
  }
  return out;
}

/** edition.yaml of a small valid edition listing `departments`. */
export const editionYaml = (departments = '[kikaku]') => `fiscalYear: 2020
city: 三鷹市
title: 各部の運営方針と目標
introduction: はじめに。
contact:
  section: 企画経営課
distribution:
  handedOut: [市政窓口]
departments: ${departments}
`;

const encoder = new TextEncoder();

/** parseEdition of `editionYaml()` (or `edition`) with departments/kikaku.yaml holding `dept`; files under e/. */
export function loadDept(dept: string, edition = editionYaml()): LoadResult {
  return parseEdition(
    [
      { path: 'e/edition.yaml', relPath: 'edition.yaml', bytes: encoder.encode(edition) },
      { path: 'e/departments/kikaku.yaml', relPath: 'departments/kikaku.yaml', bytes: encoder.encode(dept) },
    ],
    'e',
  );
}
