import { describe, expect, it } from 'vitest';
import { codeSize, layerShapes } from './model-shape';
import { parseModelSpec } from './model-spec-schema';
import { countParameters, parameterLayout, parameterName } from './parameter-layout';
import { PRESETS, presetSpec } from './presets';

describe('presetSpec', () => {
  it.each(PRESETS)('%s is a valid spec', (preset) => {
    const spec = presetSpec(preset);
    expect(parseModelSpec(JSON.parse(JSON.stringify(spec)), preset)).toEqual(spec);
  });

  it('conv: two stride-2 convolutions down to 32×7×7, an 8-wide code, and back up to 28×28', () => {
    const spec = presetSpec('conv');
    expect(layerShapes(spec).map((s) => s.join('×'))).toEqual([
      '784',
      '1×28×28',
      '16×14×14',
      '32×7×7',
      '1568',
      '8',
      '1568',
      '32×7×7',
      '16×14×14',
      '1×28×28',
      '784',
    ]);
    // conv 16·1·9+16, conv 32·16·9+32, dense 1568·8+8 and 8·1568+1568, deconv 32·16·9+16, 16·1·9+1
    expect(countParameters(spec)).toBe(160 + 4_640 + 12_552 + 14_112 + 4_624 + 145);
    expect(spec.loss).toBe('bce');
  });

  it('vae: pytorch/examples’ 784-400-20, its state_dict names and 652,824 parameters', () => {
    const spec = presetSpec('vae');
    expect(codeSize(spec)).toBe(20);
    expect(countParameters(spec)).toBe(652_824);
    expect(parameterLayout(spec, 'out-in').map((p) => `${parameterName(p, 'safetensors')} [${p.dims}]`)).toEqual([
      'fc1.weight [400,784]',
      'fc1.bias [400]',
      'fc21.weight [20,400]',
      'fc21.bias [20]',
      'fc22.weight [20,400]',
      'fc22.bias [20]',
      'fc3.weight [400,20]',
      'fc3.bias [400]',
      'fc4.weight [784,400]',
      'fc4.bias [784]',
    ]);
    expect(spec.loss).toBe('bce-sum');
  });

  it('takes a code width, and the input size alone as before', () => {
    expect(codeSize(presetSpec('vae', { code: 2 }))).toBe(2);
    expect(codeSize(presetSpec('conv', { code: 4 }))).toBe(4);
    expect(codeSize(presetSpec('mlp', { code: 16 }))).toBe(16);
    expect(presetSpec('deep', 100).inputSize).toBe(100);
    expect(layerShapes(presetSpec('conv', { inputSize: 16 * 16 }))[3]).toEqual([32, 4, 4]);
    expect(() => presetSpec('conv', 100)).toThrow(/side divisible by 4, not 100 values/);
  });
});
