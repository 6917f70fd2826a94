/** What became of standard output: still there, gone (a closed pipe), or failed (a full disk). */
export interface StdoutWatch {
  /** The first write error other than a closed pipe, once the writes so far have settled. */
  failure(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * Watches `stream` for write errors. A reader that went away (`train … | head -n 1`: EPIPE) is
 * no failure: the run goes on unheard and still writes its files. Any other error (`> /dev/full`:
 * ENOSPC) means output was lost, which `failure()` reports so that the CLI exits non-zero.
 */
export function watchStdout(stream: NodeJS.EventEmitter = process.stdout): StdoutWatch {
  let closed = false;
  let failed: NodeJS.ErrnoException | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    // writes after a closed pipe fail too (a destroyed stream): the same closed pipe
    if (closed) return;
    failed ??= error;
  });
  return {
    async failure() {
      // a failed write is reported on a later turn of the event loop
      await new Promise((resolve) => setImmediate(resolve));
      return failed;
    },
  };
}
