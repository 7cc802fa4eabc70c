/**
 * What the patched pdfmake and pdfkit methods need to know about the document being
 * printed. Prototype patches are process-wide, so print() runs one document at a time
 * (print.ts) and sets this for its duration.
 */
export interface PrintState {
  /** Finished lines are measured and drawn as such (false: as pdfmake inlines). */
  readonly finishedLines: boolean;
  /** Set by the page renderer: how many pages the document has. */
  pageCount: number;
}

let current: PrintState | undefined;

export function printState(): PrintState | undefined {
  return current;
}

/** Runs `fn` with `state` as the document being printed. */
export async function withPrintState<T>(state: PrintState, fn: () => Promise<T>): Promise<T> {
  if (current) throw new Error('engine: a document is already being printed');
  current = state;
  try {
    return await fn();
  } finally {
    current = undefined;
  }
}
