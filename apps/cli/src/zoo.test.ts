import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '@bottleneck/image';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES } from './model-choice';
import { cli, expectInputError } from './run-cli.test-helper';

const root = mkdtempSync(join(tmpdir(), 'bottleneck-zoo-'));

describe('bottleneck zoo', () => {
  it('trains every preset and writes one comparison: a table and the same digits through each', async () => {
    const out = join(root, 'zoo');
    const run = await cli('zoo', '--epochs', '1', '--subset', '512', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const rows = report.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split('|')[1]!.trim())).toEqual(ARCH_NAMES.map((a) => `\`${a}\``));
    for (const row of rows) {
      // parameters, code, epochs × batch, loss (units), test MSE, PSNR, denoising PSNR, s/epoch, peak RSS
      expect(row).toMatch(
        /^\| `\w+` \| [\d,]+ \| \d+ \| 1 × \d+ \| \d+\.\d{5} \((MSE|BCE|BCE summed per image)\) \| 0\.\d{5} \| \d+\.\d\d dB \| \d+\.\d\d dB \| \d+\.\d\d \| \d+ MiB \|$/,
      );
    }
    expect(rows[ARCH_NAMES.indexOf('deep')]).toContain('| 222,384 | 32 | 1 × 256 |');
    expect(report).toContain("![the zoo's reconstructions](zoo.png)");
    // one row of digits for the inputs and one per preset: each preset adds a row of ~100 px
    const single = await cli(
      'zoo',
      '--epochs',
      '1',
      '--subset',
      '256',
      '--archs',
      'sparse',
      '--out',
      join(root, 'one'),
    );
    expect(single.code).toBe(0);
    const all = decodePng(readFileSync(join(out, 'zoo.png')));
    const one = decodePng(readFileSync(join(root, 'one', 'zoo.png')));
    expect(all.height - one.height).toBeGreaterThan((ARCH_NAMES.length - 1) * 80);
  }, 300_000);

  it('refuses an unknown preset before training anything', async () => {
    expectInputError(
      await cli('zoo', '--archs', 'mlp,resnet', '--out', join(root, 'bad')),
      /--archs <list>' argument 'mlp,resnet' is invalid. expected a comma-separated list of mlp, deep, sparse/,
    );
  });
});
