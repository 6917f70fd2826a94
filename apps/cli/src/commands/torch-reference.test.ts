import { describe, expect, it } from 'vitest';
import { parseTorchOutput } from './torch-reference';

describe('parseTorchOutput', () => {
  it('reads the last line of torch_speed.py', () => {
    const out = 'warming up\n{"torch": "2.13.0+cpu", "threads": 2, "epoch_s": [1.5, 1.7, 1.6]}\n';
    expect(parseTorchOutput(out)).toEqual({ torch: '2.13.0+cpu', threads: 2, epochSeconds: [1.5, 1.7, 1.6] });
  });

  it.each([
    ['not JSON', 'Traceback (most recent call last)'],
    ['no epochs', '{"torch": "2.13", "threads": 2, "epoch_s": []}'],
    ['a non-finite time', '{"torch": "2.13", "threads": 2, "epoch_s": [1, null]}'],
    ['a missing version', '{"threads": 2, "epoch_s": [1]}'],
  ])('refuses %s', (_, out) => {
    expect(parseTorchOutput(out)).toBeNull();
  });
});
