import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errorCode, kindOf, lstatOrNone, nodeFileSystem, readRegularFile } from '../emit/fileSystem.js';
import { within } from '../emit/guards.js';
import { BookletError, FileFault, UsageError } from '../errors.js';
import { ARCHIVE_TXT, openBundle, SUMS } from './bundle.js';

/** The real path of `p`, through the nearest folder that exists (the archive itself may not yet). */
async function realPath(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT' || dirname(p) === p) return resolve(p);
    return join(await realPath(dirname(p)), basename(p));
  }
}

/** An archive larger than this is no archive of ours (and is not read to find out). */
const MAX_OURS = 1024 * 1024 * 1024;

/**
 * Where `archive --out` may write: outside the edition folder and the output folder (an
 * archive there would be taken for data or an output, and could replace either), and
 * only over nothing or over an archive `booklet archive` made; any other file there is
 * the user's and is kept.
 */
export async function checkArchiveTarget(target: string, shown: string, folders: { edition: string; outputs: string; shownEdition: string; shownOutputs: string }): Promise<void> {
  const real = await realPath(target);
  for (const [dir, name, what] of [
    [folders.edition, folders.shownEdition, 'edition'],
    [folders.outputs, folders.shownOutputs, 'output'],
  ] as const) {
    if (within(real, await realPath(dir))) {
      throw new UsageError(`--out ${shown}: the archive must be written outside the ${what} folder ${name}; choose another --out (the default is beside the output folder)`);
    }
  }
  const there = await lstatOrNone(nodeFileSystem, target);
  if (!there) return;
  if (!there.isFile()) {
    throw new FileFault(`--out ${shown}: ${kindOf(there)} is there, not an archive; it is left as it is. Move it away or choose another --out`);
  }
  const notOurs = new BookletError(`--out ${shown}: this file exists and is not an archive made by booklet archive; it is left as it is. Move it away or choose another --out`);
  if (there.size > MAX_OURS) throw notOurs;
  let ours = false;
  try {
    const b = openBundle(await readRegularFile(target), shown);
    ours = b.files.has(ARCHIVE_TXT) && b.files.has(SUMS);
  } catch (err) {
    if (!(err instanceof BookletError)) throw err;
  }
  if (!ours) throw notOurs;
}
