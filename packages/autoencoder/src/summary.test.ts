import { presetSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { summarizeSpec } from './summary';

const rows = (table: string) => table.split('\n').filter((l) => /-\d+ {2}/.test(l));

describe('summarizeSpec', () => {
  it("gives Chollet's deep autoencoder a Linear and an activation per layer, 222,384 parameters", () => {
    const table = summarizeSpec(presetSpec('deep'));
    expect(rows(table).map((r) => r.trim().split(/\s{2,}/))).toEqual([
      ['Linear-1', '[-1, 128]', '100,480'],
      ['ReLU-2', '[-1, 128]', '0'],
      ['Linear-3', '[-1, 64]', '8,256'],
      ['ReLU-4', '[-1, 64]', '0'],
      ['Linear-5', '[-1, 32]', '2,080'],
      ['ReLU-6', '[-1, 32]', '0'],
      ['Linear-7', '[-1, 64]', '2,112'],
      ['ReLU-8', '[-1, 64]', '0'],
      ['Linear-9', '[-1, 128]', '8,320'],
      ['ReLU-10', '[-1, 128]', '0'],
      ['Linear-11', '[-1, 784]', '101,136'],
      ['Sigmoid-12', '[-1, 784]', '0'],
    ]);
    expect(table).toContain('Total params: 222,384');
  });

  it('shows the sparse code penalty as a parameterless row', () => {
    const table = summarizeSpec(presetSpec('sparse'));
    expect(rows(table).map((r) => r.trim().split(/\s{2,}/)[0])).toEqual([
      'Linear-1',
      'ReLU-2',
      'L1Activity-3',
      'Linear-4',
      'Sigmoid-5',
    ]);
    // 784·32+32 + 32·784+784
    expect(table).toContain('Total params: 50,992');
  });
});
