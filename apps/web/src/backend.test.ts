import { describe, expect, it } from 'vitest';
import { type BackendInfo, describeBackend, describeGpus, orderFor } from './backend';

describe('orderFor', () => {
  it('runs the page on wasm, or puts the wanted backend first and keeps the fallbacks after it', () => {
    expect(orderFor(null)).toEqual(['wasm', 'cpu']);
    expect(orderFor('webgpu')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(orderFor('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(orderFor('cpu')).toEqual(['cpu']);
  });
});

describe('describeBackend', () => {
  const wasm: BackendInfo = {
    name: 'wasm',
    threads: 1,
    device: null,
    software: null,
    skipped: [
      { name: 'webgpu', reason: 'software (SwiftShader), slower than wasm' },
      { name: 'webgl', reason: 'software (SwiftShader), slower than wasm' },
    ],
  };
  it('says why the GPU backends were passed over', () => {
    expect(describeBackend(wasm, null)).toBe(
      '(SIMD, 1 thread) · webgpu skipped: software (SwiftShader), slower than wasm · webgl skipped: software (SwiftShader), slower than wasm',
    );
  });
  it('says when a forced GPU backend is software', () => {
    const gpu: BackendInfo = {
      name: 'webgpu',
      threads: 1,
      device: 'google swiftshader',
      software: 'SwiftShader',
      skipped: [],
    };
    expect(describeBackend(gpu, 'webgpu')).toBe('(software: SwiftShader, forced by ?backend=)');
  });
});

describe('describeGpus', () => {
  it('names each GPU API: missing and why, software, or its device', () => {
    expect(
      describeGpus({
        webgpu: { ok: false, reason: 'no WebGPU adapter' },
        webgl: { ok: true, device: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))', software: 'SwiftShader' },
      }),
    ).toBe('webgpu: no WebGPU adapter · webgl: software (SwiftShader)');
    expect(
      describeGpus({
        webgpu: { ok: true, device: 'nvidia ampere', software: null },
        webgl: { ok: false, reason: 'this browser has no WebGL' },
      }),
    ).toBe('webgpu: nvidia ampere · webgl: this browser has no WebGL');
  });
});
