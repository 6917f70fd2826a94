import { describe, expect, it } from 'vitest';
import { probeInChild } from './native-probe';

describe('probeInChild', () => {
  it("reports the child's error message and drops what it printed", async () => {
    expect(await probeInChild('await Promise.resolve(1)')).toBeUndefined();
    expect(await probeInChild("console.error('native noise'); throw new Error('no adapter')")).toBe('no adapter');
    expect(await probeInChild('process.exit(3)')).toBe('the probe exited with code 3');
  });
});
