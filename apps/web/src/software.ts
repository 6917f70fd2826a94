/** Renderers and adapters that run on the CPU: slower for this model than wasm SIMD. */
const SOFTWARE_NAMES: readonly [RegExp, string][] = [
  [/swiftshader|subzero/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render driver/i, 'Microsoft Basic Render Driver'],
  [/\bwarp\b/i, 'WARP'],
];

/** The software rasteriser a WebGL renderer or WebGPU adapter string names, or null. */
export function softwareRenderer(description: string): string | null {
  for (const [pattern, name] of SOFTWARE_NAMES) if (pattern.test(description)) return name;
  return null;
}
