import { describe, expect, it } from 'vitest';
import { localEngine } from './graph-engine';
import { proveEngine } from './prove-engine';
import type { EngineFactory } from './training-engine';

describe('proveEngine', () => {
  it('resolves for an engine that builds and steps the tiny model, and disposes it', async () => {
    let disposed = 0;
    const factory: EngineFactory = async (spec) => {
      const engine = await localEngine()(spec);
      const dispose = engine.dispose.bind(engine);
      engine.dispose = async () => {
        disposed += 1;
        await dispose();
      };
      return engine;
    };
    await expect(proveEngine(factory)).resolves.toBeUndefined();
    expect(disposed).toBe(1);
  });

  it("rejects with the engine's own error", async () => {
    const failing: EngineFactory = async () => {
      throw new Error('no adapter found');
    };
    await expect(proveEngine(failing)).rejects.toThrow('no adapter found');
  });
});
