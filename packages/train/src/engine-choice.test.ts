import { describe, expect, it } from 'vitest';
import {
  autoCandidates,
  engineChoices,
  engineThreads,
  fallbackOrder,
  isEngineChoice,
  isOnnxEngine,
  onnxProvider,
} from './engine-choice';

describe('engine choice', () => {
  it('lists auto, then ONNX Runtime providers, then tfjs backends, per platform', () => {
    expect(engineChoices('node')).toEqual([
      'auto',
      'onnx-cpu',
      'onnx-webgpu',
      'onnx-cuda',
      'wasm',
      'cpu',
      'node',
      'node-gpu',
    ]);
    expect(engineChoices('browser')).toEqual(['auto', 'onnx-wasm', 'onnx-webgpu', 'webgpu', 'webgl', 'wasm', 'cpu']);
    expect(isEngineChoice('browser', 'onnx-cuda')).toBe(false);
    expect(isEngineChoice('node', 'onnx-cuda')).toBe(true);
    expect(isEngineChoice('browser', 'webgl')).toBe(true);
  });

  it('names the provider of an ONNX engine', () => {
    expect(isOnnxEngine('onnx-wasm')).toBe(true);
    expect(isOnnxEngine('wasm')).toBe(false);
    expect(onnxProvider('onnx-webgpu')).toBe('webgpu');
  });

  it('auto: ONNX Runtime on the CPU then wasm in Node; hardware GPUs racing wasm in a page', () => {
    expect(autoCandidates('node')).toEqual(['onnx-cpu', 'wasm']);
    expect(autoCandidates('browser', { hardware: [] })).toEqual(['wasm']);
    expect(autoCandidates('browser', { hardware: ['webgpu', 'webgl'] })).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('falls back to what runs everywhere in a page, and never behind the back of a CLI user', () => {
    expect(fallbackOrder('browser', 'webgpu')).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(fallbackOrder('browser', 'onnx-webgpu')).toEqual(['onnx-webgpu', 'onnx-wasm', 'wasm', 'cpu']);
    expect(fallbackOrder('browser', 'wasm')).toEqual(['wasm', 'cpu']);
    expect(fallbackOrder('node', 'onnx-cuda')).toEqual(['onnx-cuda']);
  });

  it('gives threads by engine, cores, the request and isolation', () => {
    expect(engineThreads('node', 'onnx-cpu', { cores: 8 })).toBe(8);
    expect(engineThreads('node', 'auto', { cores: 8, requested: 2 })).toBe(2);
    expect(engineThreads('node', 'wasm', { cores: 8 })).toBe(4);
    expect(engineThreads('node', 'cpu', { cores: 2 })).toBe(2);
    expect(engineThreads('node', 'node', { cores: 8 })).toBe(1);
    expect(engineThreads('browser', 'wasm', { cores: 8, crossOriginIsolated: true })).toBe(8);
    expect(engineThreads('browser', 'onnx-wasm', { cores: 8, crossOriginIsolated: false })).toBe(1);
    expect(engineThreads('browser', 'onnx-wasm', { cores: 4, crossOriginIsolated: true })).toBe(4);
    expect(engineThreads('browser', 'webgl', { cores: 8, crossOriginIsolated: true })).toBe(1);
  });
});
