// The process entry point: the only place that touches process.argv, signals and the exit code.
import { limitHeapGrowth } from '../heapGrowth.js';
import { describeFault, systemError } from '../errors.js';
import { main } from './main.js';
import { installSignalHandlers } from './signals.js';

limitHeapGrowth();
installSignalHandlers();

// `booklet build … | head` closes the pipe early: that is the reader's choice, not an error.
// Output that cannot be written (a log on a full disk) is a fault of the machine: said on
// the other stream if it can be, and the exit code is 1, never a stack trace.
for (const [stream, other] of [
  [process.stdout, process.stderr],
  [process.stderr, process.stdout],
] as const) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    process.exitCode = 1;
    const sys = systemError(err);
    other.write(`booklet: cannot write the ${stream === process.stdout ? 'output' : 'messages'}: ${sys ? describeFault(sys) : err.message}\n`, () => undefined);
  });
}

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
// A failed write of the output (above) has set 1 already; the command's own failure says more.
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
