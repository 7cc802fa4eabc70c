import type { Io } from './command.js';
import type { OutputEvent } from '../pipeline.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * One line per file when output goes to a file or a pipe (logs stay readable); on a
 * terminal, a bar redrawn in place, then the same lines as a summary.
 */
export function progressReporter(io: Io, outDir: string, join: (a: string, b: string) => string) {
  const tty = io.stdout.isTTY === true;
  const redraw = (line: string) => (io.stdout.redraw ? io.stdout.redraw(line) : io.stdout.write(`\r\x1b[K${line}`));
  let total = 0;
  const lines: string[] = [];
  const line = (e: OutputEvent) =>
    `${join(outDir, e.path).padEnd(42)} ${String(e.pages).padStart(3)} pages ${kb(e.bytes).padStart(8)} ${(e.ms / 1000).toFixed(2)} s`;
  return {
    onPlan(paths: readonly string[]) {
      total = paths.length;
    },
    onOutput(e: OutputEvent) {
      if (!tty) {
        io.stdout.write(`${line(e)}\n`);
        return;
      }
      lines.push(line(e));
      const done = lines.length;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      redraw(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${e.path}`);
    },
    finish() {
      if (tty) redraw(`${lines.join('\n')}${lines.length ? '\n' : ''}`);
    },
  };
}
