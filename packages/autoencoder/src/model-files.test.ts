import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { modelFromFiles, pickModelFiles } from './model-files';
import { toSafetensors } from './safetensors';
import { MAX_MODEL_JSON_BYTES, serializeModel } from './weights-format';

const encode = (text: string) => new TextEncoder().encode(text);

describe('modelFromFiles', () => {
  it('loads model.json + its weights, in either order, and a safetensors file', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed: 5 });
    const { modelJson, weights } = await serializeModel(m, { epochs: 2 });
    const json = { name: 'model.json', bytes: encode(JSON.stringify(modelJson)) };
    const loaded = modelFromFiles([{ name: 'weights.bin', bytes: weights }, json]);
    expect(loaded.name).toBe('model.json + weights.bin');
    expect(loaded.metadata).toEqual({ epochs: 2 });
    expect(loaded.model.parameters[0]!.dataSync()).toEqual(m.parameters[0]!.dataSync());
    loaded.model.dispose();
    m.dispose();
    const lab = createAutoencoder({ seed: 1 });
    const st = modelFromFiles([{ name: 'lab.SafeTensors', bytes: toSafetensors(lab) }]);
    expect(st.model.config).toEqual(lab.config);
    st.model.dispose();
    lab.dispose();
  });

  it('refuses with one line naming the file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0]);
    const describe = (b: Uint8Array) => (b[0] === 0x89 ? 'a PNG image' : null);
    expect(() => modelFromFiles([{ name: 'p.safetensors', bytes: png }], { describe })).toThrow(
      /^p.safetensors: not a safetensors file \(it looks like a PNG image\): expected an 8-byte header length/,
    );
    expect(() => modelFromFiles([{ name: 'short.safetensors', bytes: png.subarray(0, 4) }])).toThrow(
      /^short.safetensors: truncated: no header length$/,
    );
    expect(() => modelFromFiles([{ name: 'w.bin', bytes: png }])).toThrow(
      /^choose model.json and its weights.bin, or one .safetensors file \(got w.bin\)$/,
    );
    expect(() =>
      modelFromFiles([
        { name: 'm.json', bytes: encode('{oops') },
        { name: 'w.bin', bytes: png },
      ]),
    ).toThrow(/^m.json: not valid JSON$/);
    expect(() =>
      modelFromFiles([
        { name: 'm.json', bytes: encode('{"format":"other"}') },
        { name: 'w.bin', bytes: png },
      ]),
    ).toThrow(/^m.json: not a bottleneck model/);
  });

  it('bounds the sizes before anything is read', () => {
    expect(() =>
      pickModelFiles([
        { name: 'model.json', size: MAX_MODEL_JSON_BYTES + 1 },
        { name: 'weights.bin', size: 4 },
      ]),
    ).toThrow(`model.json: ${MAX_MODEL_JSON_BYTES + 1} bytes, more than ${MAX_MODEL_JSON_BYTES} for a model.json`);
    expect(() => pickModelFiles([{ name: 'big.safetensors', size: 2 ** 40 }])).toThrow(
      /^big.safetensors: 1099511627776 bytes, more than \d+ for a safetensors model$/,
    );
  });
});
