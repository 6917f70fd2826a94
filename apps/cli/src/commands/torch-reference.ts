import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface TorchTiming {
  name: string;
  /** Seconds of each epoch, training only. */
  epochSeconds: number[];
}

/** What a reference printed: the last line as `{ torch, threads, epoch_s: [...] }`, or null. */
export function parseTorchOutput(stdout: string): { torch: string; threads: number; epochSeconds: number[] } | null {
  try {
    const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    const epochs = r.epoch_s;
    if (typeof r.torch !== 'string' || typeof r.threads !== 'number' || !Array.isArray(epochs)) return null;
    if (epochs.length === 0 || !epochs.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) return null;
    return { torch: r.torch, threads: r.threads, epochSeconds: epochs as number[] };
  } catch {
    return null;
  }
}

/**
 * Real PyTorch on the CPU running the lab recipe (`script`, the lab's torch_speed.py, named by
 * `--torch` only: nothing is found and run unasked), when `python` imports torch: s/epoch of
 * training only, for each of `epochs`. Returns a one-line note instead when it cannot run here.
 */
export function runTorchReference(
  script: string,
  python: string,
  dataDir: string,
  epochs: number,
): TorchTiming | string {
  if (!existsSync(script)) return `pytorch reference skipped: ${script} not found`;
  const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
  if (probe.status !== 0) return `pytorch reference skipped: ${python} cannot import torch (set --torch-python)`;
  const run = spawnSync(python, [script, dataDir, String(epochs)], {
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  const result = run.status === 0 ? parseTorchOutput(run.stdout) : null;
  if (!result)
    return `pytorch reference failed: ${(run.stderr || run.error?.message || 'no result').trim().split('\n').at(-1)}`;
  return { name: `pytorch ${result.torch} (${result.threads} threads)`, epochSeconds: result.epochSeconds };
}
