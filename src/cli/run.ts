// The process entry point: the only place that touches process.argv, signals and the exit code.
import { removePendingTemporaries } from '../emit/writeAtomic.js';
import { limitHeapGrowth } from '../heapGrowth.js';
import { main } from './main.js';

limitHeapGrowth();

// An interrupted build leaves no temporary files; the previous outputs are intact because
// files are only ever replaced by rename.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removePendingTemporaries();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

// `booklet build … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
