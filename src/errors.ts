import type { Diagnostic } from './load/diagnostic.js';
import type { SourceFile } from './load/index.js';

/**
 * Exit codes are part of the CLI's contract (README): 0 success, 1 the data (or an
 * output that must not change) is wrong, 2 the command line is wrong, 3 an internal
 * failure that is our bug, not the user's.
 */
export const EXIT = { ok: 0, data: 1, usage: 2, internal: 3 } as const;

export class BookletError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The edition's data is wrong; carries every diagnostic found. */
export class DataError extends BookletError {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** The files as read, for code frames. */
    readonly sources: readonly SourceFile[] = [],
  ) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the edition data`);
  }
}

/** The command line is wrong. */
export class UsageError extends BookletError {}

/** A template or the theme is wrong: the tool's own files, reported with their path. */
export class ResourceError extends BookletError {}

/** A final (published) edition's outputs would change. */
export class PublishedError extends BookletError {}
