import { describe, expect, it } from 'vitest';
import { softwareRenderer } from './software';

describe('softwareRenderer', () => {
  it('names CPU rasterisers in WebGL renderer and WebGPU adapter strings', () => {
    expect(
      softwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'),
    ).toBe('SwiftShader');
    expect(softwareRenderer('google swiftshader')).toBe('SwiftShader');
    expect(softwareRenderer('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe('llvmpipe');
    expect(softwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)')).toBe(
      'Microsoft Basic Render Driver',
    );
  });

  it('leaves hardware alone', () => {
    expect(softwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBeNull();
    expect(softwareRenderer('Apple M2')).toBeNull();
    expect(softwareRenderer('nvidia ampere')).toBeNull();
  });
});
