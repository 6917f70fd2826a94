/**
 * Rows of model work per task. On wasm and cpu a tfjs op computes synchronously on the calling
 * thread, so thousands of rows at once (the latent map's 2,000 at every epoch end) would freeze
 * the page for hundreds of ms: bigger batches go in pieces of this many rows, the page's input
 * and painting in between.
 */
export const ROWS_PER_TASK = 64;

/** Ends this task: the page handles input and paints before the rest of the work runs. */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `piece` over `0..total` in ranges of at most `size`, yielding to the page between them. */
export async function inPieces(
  total: number,
  piece: (start: number, count: number) => Promise<void> | void,
  size = ROWS_PER_TASK,
): Promise<void> {
  for (let start = 0; start < total; start += size) {
    if (start > 0) await yieldToPage();
    await piece(start, Math.min(size, total - start));
  }
}
