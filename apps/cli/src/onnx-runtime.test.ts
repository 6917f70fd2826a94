import { describe, expect, it } from 'vitest';
import { missingOnnxRuntimeNotice, ONNX_RUNTIME_INSTALL, onnxRuntimeInstalled } from './onnx-runtime';

describe('the ONNX engine notice', () => {
  it('finds onnxruntime-node where it is installed (here: the workspace)', () => {
    expect(onnxRuntimeInstalled()).toBe(true);
    expect(missingOnnxRuntimeNotice()).toBeUndefined();
  });

  it('says in one line that it is missing and how to get it', () => {
    const missing = onnxRuntimeInstalled(() => {
      throw Object.assign(new Error("Cannot find module 'onnxruntime-node'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(missing).toBe(false);
    const notice = missingOnnxRuntimeNotice(missing)!;
    expect(notice).toMatch(/^bottleneck: the ONNX engine is not installed/);
    expect(notice).toContain(ONNX_RUNTIME_INSTALL);
    expect(notice).not.toContain('\n');
  });
});
