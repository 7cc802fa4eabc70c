// npm runs `prepare` after `npm ci` in a clone and when installing from git. It builds dist/
// with the dev dependencies; when they were left out (`npm ci --omit=dev`) there is nothing to
// build with, which is not an error: the command then says how to build (bin/booklet.js).
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

try {
  createRequire(import.meta.url).resolve('esbuild');
} catch {
  console.log('prepare: dev dependencies are not installed, so dist/ was not built');
  process.exit(0);
}
const npm = process.env.npm_execpath;
const run = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
