/** Training produced a NaN or infinite loss or parameter; the run stops instead of saving it. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
  constructor(
    readonly epoch: number,
    readonly batch: number | null,
    what: string,
  ) {
    super(`training diverged in epoch ${epoch}${batch === null ? '' : `, batch ${batch}`}: ${what}`);
  }
}
