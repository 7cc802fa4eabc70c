import type { Io } from './command.js';
import type { OutputEvent } from '../pipeline.js';
import { displayWidth } from '../load/diagnostic.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** `text` cut to at most `width` terminal columns, the end kept (a path's file name matters most). */
export function fitColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return '';
  const chars = [...text];
  let out = '';
  for (let i = chars.length - 1; i >= 0 && displayWidth(`…${chars[i]}${out}`) <= width; i--) out = chars[i] + out;
  return `…${out}`;
}

/**
 * The bar line of a terminal: `[####......] 3/14 inserts/03-shimin.pdf`, never wider than
 * the terminal (a line that wraps cannot be redrawn in place: each redraw would add a line).
 */
export function barLine(done: number, total: number, path: string, columns: number): string {
  // One column spare: some terminals wrap a line that fills the last column.
  const room = Math.max(1, columns - 1);
  const count = ` ${done}/${total} `;
  const barWidth = Math.max(0, Math.min(30, room - count.length - 2 - 12));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  const bar = barWidth > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]` : '';
  const head = `${bar}${count}`.trimStart();
  return displayWidth(head) >= room ? fitColumns(head.trimEnd(), room) : head + fitColumns(path, room - displayWidth(head));
}

/**
 * One line per file when output goes to a file or a pipe (logs stay readable); on a
 * terminal, a bar redrawn in place, then the same lines as a summary. Quiet: nothing.
 */
export function progressReporter(io: Io, outDir: string, join: (a: string, b: string) => string, quiet = false) {
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
      if (quiet) return;
      if (!tty) {
        io.stdout.write(`${line(e)}\n`);
        return;
      }
      lines.push(line(e));
      redraw(barLine(lines.length, total, e.path, io.stdout.columns ?? 80));
    },
    finish() {
      if (tty && !quiet) redraw(`${lines.join('\n')}${lines.length ? '\n' : ''}`);
    },
  };
}
