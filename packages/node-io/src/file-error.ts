/** A file that cannot be used as asked: the message names the path and what was expected. */
export class FileError extends Error {
  override readonly name = 'FileError';
  constructor(
    readonly path: string,
    detail: string,
    /** The system error code behind it, e.g. `ENOSPC`, when there is one. */
    readonly code?: string,
  ) {
    super(`${path}: ${detail}`);
  }
}
