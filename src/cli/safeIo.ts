import { visible } from '../load/diagnostic.js';
import type { Io } from './command.js';

/** Characters that act on a terminal instead of printing: C0 (but the line feed), DEL, C1, direction marks. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Text as it may reach a terminal: names from outside (file names, archive entries) can
 * hold ESC sequences that would clear or recolour the screen, or direction overrides
 * that reorder a line. They are shown as code frames show them (␛, ⟨U+202E⟩).
 */
export function terminalText(s: string): string {
  return CONTROL.test(s) ? s.split('\n').map(visible).join('\n') : s;
}

/**
 * The Io every command gets: whatever it prints goes through terminalText. Only `redraw`
 * (the progress bar, on a terminal) sends the one control sequence the tool means to send.
 */
export function safeIo(io: Io): Io {
  return {
    cwd: io.cwd,
    stdout: {
      write: (s: string) => io.stdout.write(terminalText(s)),
      ...(io.stdout.isTTY !== undefined ? { isTTY: io.stdout.isTTY } : {}),
      // Read when asked: a terminal's width changes when its window does.
      get columns() {
        return io.stdout.columns;
      },
      redraw: (line: string) => io.stdout.write(`\r\x1b[K${terminalText(line)}`),
    },
    stderr: { write: (s: string) => io.stderr.write(terminalText(s)) },
  };
}
