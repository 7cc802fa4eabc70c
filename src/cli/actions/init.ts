import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import { projectFiles } from '../../config/init.js';
import { CONFIG_FILE } from '../../config/schema.js';
import { findConfig } from '../../config/load.js';
import { BookletError } from '../../errors.js';
import { errorCode } from '../../emit/fileSystem.js';
import { PROJECT_ROOT } from '../../resources.js';
import { flag, type Io, type Parsed } from '../command.js';
import { shownFromCwd } from './editionDir.js';


/** `booklet init`: loaded when that command runs, so the others start without its modules. */
export async function run(p: Parsed, io: Io): Promise<number> {
  const dir = resolve(io.cwd, p.positionals[0] ?? '.');
  const shown = shownFromCwd(io, dir);
  const there = await stat(dir).catch((err: unknown) => (errorCode(err) === 'ENOENT' ? undefined : Promise.reject(err)));
  if (there && !there.isDirectory()) throw new BookletError(`${shown}: a file is there; give a folder for the project (it is made when missing)`);
  const files = await projectFiles(dir, PROJECT_ROOT);
  // Never over anything: a project there already, or any file init would write.
  for (const rel of files.keys()) {
    if (await stat(join(dir, rel)).then(() => true, () => false)) {
      throw new BookletError(`${posix.join(shown, rel)} already exists; booklet init never overwrites. Use an empty folder (or remove it)`);
    }
  }
  const outer = await findConfig(dirname(dir));
  const created: string[] = [];
  try {
    for (const [rel, text] of files) {
      const path = join(dir, rel);
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, 'wx');
      created.push(path);
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    // All or nothing: a half-made project would be found by every command below it.
    for (const path of created.reverse()) await rm(path, { force: true });
    throw err;
  }
  if (flag(p, 'quiet')) return 0;
  for (const rel of files.keys()) io.stdout.write(`${posix.join(shown, rel)}\n`);
  const cd = shown === '.' ? '' : `cd ${shown} && `;
  io.stdout.write(
    `created the project ${shown} (${CONFIG_FILE}) with the sample edition editions/sample\n` +
      `next: ${cd}booklet build editions/sample, then set the city's colours in theme.yaml and its logo in ${CONFIG_FILE}\n`,
  );
  if (outer) io.stderr.write(`note: ${shownFromCwd(io, outer)} is a project above this one; commands run inside ${shown} use ${posix.join(shown, CONFIG_FILE)}\n`);
  return 0;
}
