/**
 * The bounds of every training setting that sizes memory or time. The CLI's flags, the page's
 * fields (`TRAIN_SETTINGS`) and a checkpoint's header are held to these same numbers, so a forged
 * checkpoint can resume nothing a flag could not start.
 */
export const TRAIN_LIMITS = {
  epochs: 100_000,
  batchSize: 65_536,
  /** ReduceLROnPlateau patience and cooldown, in epochs. */
  patience: 100_000,
  lr: 10,
  weightDecay: 10,
  /** Threads of one engine (ONNX Runtime's intra-op pool, tfjs workers). */
  threads: 32,
} as const;
