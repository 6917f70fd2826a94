import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserMissing,
  finishedLosses,
  type LaunchedBrowser,
  launchChromium,
  openDemo,
  pageErrors,
  startTraining,
} from './browser';

// ONNX Runtime Web runs the training-step graph that onnxruntime-node runs in the CLI; from the same
// seed it must train as the tfjs engine does, to float32 rounding.
let chromium: LaunchedBrowser;

beforeAll(async () => {
  if (browserMissing) return;
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
});

describe.skipIf(browserMissing)('training on ONNX Runtime Web', () => {
  it('trains on onnx-wasm with threads, loss falling, as the tfjs wasm engine does', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p);
    // the default path loads no ONNX Runtime
    const ortRequests: string[] = [];
    p.on('request', (r) => {
      if (/ort[.-]/.test(r.url())) ortRequests.push(r.url());
    });
    await startTraining(p, { epochs: 2, backend: 'wasm' });
    const tfjs = await finishedLosses(p);
    expect(ortRequests).toEqual([]);

    await startTraining(p, { epochs: 2, backend: 'onnx-wasm' });
    const onnx = await finishedLosses(p);
    expect(ortRequests.some((url) => url.endsWith('.wasm'))).toBe(true);
    expect(await p.getAttribute('#train-status', 'data-backend')).toBe('onnx-wasm');
    // the page is cross-origin isolated: ORT's wasm gets a thread per core
    const cores = await p.evaluate(() => navigator.hardwareConcurrency);
    expect(await p.textContent('#train-probe')).toContain(
      `training on ONNX Runtime Web wasm (${cores > 1 ? `${cores} threads` : '1 thread'})`,
    );

    expect(onnx.epochs).toHaveLength(2);
    expect(onnx.epochs[1]!).toBeLessThan(onnx.epochs[0]!);
    expect(onnx.epochs[0]!).toBeLessThan(onnx.first);
    // the same first batch from the same initial parameters, then 20 Adam steps
    expect(Math.abs(onnx.first - tfjs.first)).toBeLessThan(1e-5 * tfjs.first);
    onnx.epochs.forEach((loss, i) => {
      expect(Math.abs(loss - tfjs.epochs[i]!)).toBeLessThan(1e-3 * tfjs.epochs[i]!);
    });
    expect(pageErrors).toEqual([]);
    await p.close();
  });
});
