#!/usr/bin/env node
// dist/ is built by `npm ci` (prepare) in a clone and ships in the package.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/booklet.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('booklet: the compiled code (dist/) is missing; run `npm ci` (or `npm run build`) in the project folder first\n');
  process.exit(2);
}
await import(entry.href);
