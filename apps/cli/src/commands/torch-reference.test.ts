import { describe, expect, it } from 'vitest';
import { parseTorchFamilyOutput, parseTorchOutput } from './torch-reference';

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

describe('parseTorchFamilyOutput', () => {
  it("reads torch_family.py --time's last line: each epoch's seconds", () => {
    const last = JSON.stringify({
      torch: '2.13.0+cpu',
      loss: 'bce',
      epochs: [
        { epoch: 1, loss: 0.3, test_mse: 0.05, seconds: 12.5 },
        { epoch: 2, loss: 0.2, test_mse: 0.04, seconds: 11.5 },
      ],
    });
    expect(parseTorchFamilyOutput(`{"epoch": 1}\n${last}\n`)).toEqual({
      torch: '2.13.0+cpu',
      epochSeconds: [12.5, 11.5],
    });
  });

  it('refuses a run without timings, with a bad one, or no JSON', () => {
    expect(parseTorchFamilyOutput(JSON.stringify({ torch: '2', epochs: [{ epoch: 1, loss: 1 }] }))).toBeNull();
    expect(parseTorchFamilyOutput(JSON.stringify({ torch: '2', epochs: [{ seconds: -1 }] }))).toBeNull();
    expect(parseTorchFamilyOutput(JSON.stringify({ torch: '2', epochs: [] }))).toBeNull();
    expect(parseTorchFamilyOutput('Traceback')).toBeNull();
  });
});
