import type { ModelSpec } from '@bottleneck/graph';
import type { EngineChoice, EngineName, EpochRecord } from '@bottleneck/train';
import type { BackendName } from './backend';

/** Settings of one in-browser training run. */
export interface TrainRequest {
  type: 'start';
  /** Training images (n·784 bytes) and how many of them to train on. */
  images: Uint8Array;
  labels: Uint8Array;
  /** Held-out images for the test MSE after each epoch. */
  testImages: Uint8Array;
  testLabels: Uint8Array;
  epochs: number;
  batchSize: number;
  /** Adam's starting learning rate (ReduceLROnPlateau lowers it from there). */
  lr: number;
  seed: number;
  /** The page model's layers (any preset): its parameters are replaced by the trained ones each epoch. */
  spec: ModelSpec;
  /** Start from these parameters (fine-tuning) instead of a fresh init. */
  init: Float32Array | null;
  /** `auto` probes the hardware GPU backends against wasm and keeps the fastest; `onnx-…`: ONNX Runtime Web. */
  backend: EngineChoice<'browser'>;
}

export type ToWorker = TrainRequest | { type: 'stop' };

export interface ProbeResult {
  backend: BackendName;
  /** Milliseconds per training step of `PROBE_ROWS` rows, or why the backend could not run. */
  msPerStep: number | null;
  error?: string;
}

export type FromWorker =
  /** `threads`: gradient workers training in parallel (1: this worker alone). */
  | { type: 'probing'; backend: BackendName; index: number; total: number }
  /** `notes`: GPU backends left out of the probe, and why (absent, software). */
  | {
      type: 'backend';
      /** The engine that trains: a tfjs backend or ONNX Runtime Web's (`onnx-wasm`, `onnx-webgpu`). */
      name: EngineName<'browser'>;
      threads: number;
      probes: ProbeResult[];
      notes: string[];
      software: string | null;
    }
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number; lr: number }
  | { type: 'epoch'; record: EpochRecord; params: Float32Array }
  | { type: 'done'; stopped: boolean }
  | { type: 'error'; message: string };
