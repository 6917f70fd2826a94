import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserMissing,
  type LaunchedBrowser,
  launchChromium,
  openDemo,
  openTrainBackend,
  pageErrors,
  value,
} from './browser';

// Chromium with --enable-unsafe-webgpu offers a SwiftShader WebGPU adapter: the software case the
// page must recognise. It computes correctly but slowly, so these tests only load the page.
let chromium: LaunchedBrowser;

beforeAll(async () => {
  if (browserMissing) return;
  chromium = await launchChromium({ webgpu: true });
});

afterAll(async () => {
  await chromium?.close();
});

describe.skipIf(browserMissing)('backend choice with a software WebGPU adapter', () => {
  it('runs wasm, and names the software WebGPU adapter and SwiftShader WebGL it found', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p);
    expect(await p.textContent('#backend')).toBe('wasm');
    await expect.poll(() => p.textContent('#gpu-note')).toMatch(/webgpu: software \(SwiftShader\)/);
    expect(await p.textContent('#gpu-note')).toMatch(/webgl: software \(SwiftShader\)/);
    await p.close();
  });

  it('runs WebGPU when forced with ?backend=webgpu, says it is software, and computes right', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p, '?backend=webgpu');
    expect(await p.textContent('#backend')).toBe('webgpu');
    expect(await p.getAttribute('#backend', 'data-software')).toBe('SwiftShader');
    expect(await p.textContent('#backend-note')).toMatch(/software: SwiftShader, forced by \?backend=/);
    expect(await value(p, 'gallery-mse')).toBeLessThan(0.04);
    await p.close();
  });

  it('trains on WebGPU when asked to (a few batches, then stop)', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p);
    await p.selectOption('#train-mode', 'finetune');
    await p.selectOption('#train-count', '1000');
    await p.fill('#train-epochs', '1');
    await p.fill('#train-batch', '100');
    await openTrainBackend(p);
    await p.selectOption('#train-backend', 'webgpu');
    await p.click('#train-start');
    await expect
      .poll(async () => Number(await p.getAttribute('#train-chart', 'data-batches')), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await p.textContent('#train-probe')).toMatch(/training on webgpu \(software: SwiftShader\)/);
    await p.click('#train-stop');
    await expect.poll(() => p.getAttribute('#train-status', 'data-state'), { timeout: 60_000 }).toBe('stopped');
    await p.close();
  });

  it('runs WebGL when forced with ?backend=webgl, and says it is software', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p, '?backend=webgl');
    expect(await p.textContent('#backend')).toBe('webgl');
    expect(await p.textContent('#backend-note')).toMatch(/software: SwiftShader/);
    expect(await value(p, 'gallery-mse')).toBeLessThan(0.04);
    await p.close();
  });

  it('runs plain JS when forced with ?backend=cpu', async () => {
    const p = await chromium.context.newPage();
    await openDemo(p, '?backend=cpu');
    expect(await p.textContent('#backend')).toBe('cpu');
    expect(await value(p, 'gallery-mse')).toBeLessThan(0.04);
    expect(pageErrors).toEqual([]);
    await p.close();
  });
});
