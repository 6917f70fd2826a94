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
    const cells = (arch: string) => rows[ARCH_NAMES.indexOf(arch)]!.split('|').map((c) => c.trim());
    for (const row of rows) {
      // parameters, code, epochs × batch, train loss (its words), test loss, test MSE, zero code values,
      // PSNR, denoising PSNR, s/epoch, peak RSS
      expect(row).toMatch(
        /^\| `\w+` \| [\d,]+ \| \d+ \| 1 × \d+ \| \d+\.\d{5} \((MSE|BCE|BCE \+ L1 on the code|BCE summed \+ KL, per image)\) \| \d+\.\d{5} \| 0\.\d{5} \| \d+\.\d% \| \d+\.\d\d dB \| \d+\.\d\d dB \| \d+\.\d\d \| \d+ MiB \|$/,
      );
    }
    // the lab's test loss is its test MSE; the VAE's is per image (BCE summed over 784 pixels + KL)
    expect(cells('mlp')[6]).toBe(cells('mlp')[7]);
    expect(Number(cells('vae')[6])).toBeGreaterThan(50);
    // a linear code (conv's, the VAE's μ) is never exactly 0; ReLU codes can be
    expect(cells('conv')[8]).toBe('0.0%');
    expect(cells('vae')[8]).toBe('0.0%');
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
    // measuring again trains nothing and writes the same table
    const again = await cli('zoo', '--epochs', '1', '--measure-only', '--out', out);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/training \d/);
    const table = (text: string) => text.split('\n').filter((l) => l.startsWith('| `'));
    expect(table(readFileSync(join(out, 'report.md'), 'utf8'))).toEqual(rows);
    // with nothing trained there, one line names what is missing
    expectInputError(await cli('zoo', '--measure-only', '--archs', 'mlp', '--out', join(root, 'empty')), /model\.json/);
  }, 300_000);

  it('refuses an unknown preset before training anything', async () => {
    expectInputError(
      await cli('zoo', '--archs', 'mlp,resnet', '--out', join(root, 'bad')),
      /--archs <list>' argument 'mlp,resnet' is invalid. expected a comma-separated list of mlp, deep, sparse/,
    );
  });
});
