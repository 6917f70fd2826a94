import { describe, expect, it } from 'vitest';
import { type BackendInfo, describeBackend, orderFor } from './backend';

describe('orderFor', () => {
  it('puts the wanted backend first and keeps the fallbacks after it', () => {
    expect(orderFor(null)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
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
