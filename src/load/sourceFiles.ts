import { posix } from 'node:path';

/**
 * Data files are small hand-written texts (the 2020 edition's largest is a few
 * kB); anything bigger is a mistake, e.g. a PDF saved as .yaml.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export const EDITION_FILE = 'edition.yaml';
export const DEPARTMENTS_DIR = 'departments';

/** The path shown to the user: their edition dir joined with the file, posix separators on every OS. */
export function displayPath(dir: string, relPath: string): string {
  return posix.join(dir.replace(/\\/g, '/'), relPath);
}

/** `departments/kikaku.yaml` → `kikaku`; undefined for any other file. */
export function departmentIdOf(relPath: string): string | undefined {
  const m = /^departments\/([^/]+)\.yaml$/.exec(relPath);
  return m?.[1];
}

export function tooLargeMessage(bytes: number): string {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return (
    `ファイルが大きすぎます（${mb} MB、上限 2 MB）。データのYAMLファイルか確認してください / ` +
    `the file is too large (${mb} MB, limit 2 MB); is it really a data YAML file?`
  );
}
