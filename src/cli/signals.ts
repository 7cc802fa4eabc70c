import { removePendingTemporaries, whenInterruptible } from '../emit/writeAtomic.js';

// SIGHUP: the terminal was closed under the command.
const EXIT_ON = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Stoppable = keyof typeof EXIT_ON;

let graceful: AbortController | undefined;
let received = 0;

/**
 * For a command that ends itself (watch): the first SIGINT or SIGTERM aborts the signal
 * returned, and the command shuts down in its own way; a second one ends the process.
 */
export function stopGracefully(): AbortSignal {
  graceful = new AbortController();
  return graceful.signal;
}

/** Back to the default: the next signal ends the process. */
export function endGracefulStop(): void {
  graceful = undefined;
}

/**
 * SIGINT, SIGTERM and SIGHUP end the process at once, cleanly: temporaries are removed (the lock
 * too) and the previous outputs stay, since files are only ever replaced by rename; a
 * set of outputs being switched is finished or rolled back first (a few milliseconds).
 */
export function installSignalHandlers(): void {
  for (const signal of Object.keys(EXIT_ON) as Stoppable[]) {
    process.on(signal, () => {
      received++;
      if (graceful && received === 1) {
        graceful.abort(signal);
        return;
      }
      const exit = () => {
        removePendingTemporaries();
        process.exit(EXIT_ON[signal]);
      };
      if (received > 1) exit();
      else whenInterruptible(exit);
    });
  }
}
