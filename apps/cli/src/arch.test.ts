import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES } from './model-choice';
import { cli, expectInputError } from './run-cli.test-helper';

const root = mkdtempSync(join(tmpdir(), 'bottleneck-arch-'));

describe('bottleneck summary --arch', () => {
  it("prints every preset's layer table and parameter count", async () => {
    const run = await cli('summary', '--arch', 'all');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^--arch mlp \(622,504 parameters, code 8\)$/m);
    expect(run.stdout).toMatch(/^--arch deep \(222,384 parameters, code 32\)$/m);
    expect(run.stdout).toMatch(/^--arch sparse \(50,992 parameters, code 32\)$/m);
    // each table is the model's torchsummary layout
    const totals = run.stdout.match(/^Total params: [\d,]+$/gm);
    expect(totals).toHaveLength(ARCH_NAMES.length);
    expect(totals!.slice(0, 3)).toEqual(['Total params: 622,504', 'Total params: 222,384', 'Total params: 50,992']);
  });

  it('follows --latent and --spec, and refuses mixed or bad model flags in one line', async () => {
    expect((await cli('summary', '--arch', 'deep', '--latent', '16')).stdout).toContain('Total params: 220,320');
    const file = join(root, 'sparse.json');
    writeFileSync(file, JSON.stringify(presetSpec('sparse')));
    expect((await cli('summary', '--spec', file)).stdout).toContain('Total params: 50,992');
    expectInputError(
      await cli('summary', '--arch', 'deep', '--hidden', '64'),
      /^bottleneck: --hidden: only with --arch mlp/,
    );
    expectInputError(await cli('summary', '--spec', file, '--arch', 'deep'), /^bottleneck: --spec .*: not with --arch/);
    expectInputError(
      await cli('summary', '--arch', 'resnet'),
      /argument 'resnet' is invalid. Allowed choices are mlp, deep, sparse/,
    );
    expectInputError(
      await cli('train', '--spec', join(root, 'none.json'), '--out', join(root, 'x')),
      /^bottleneck: --spec .*none\.json: /,
    );
    writeFileSync(file.replace('sparse', 'wide'), JSON.stringify({ ...presetSpec('deep'), inputSize: 10 ** 9 }));
    expectInputError(
      await cli('train', '--spec', file.replace('sparse', 'wide'), '--out', join(root, 'x')),
      /^bottleneck: --spec .*wide\.json: inputSize: Too big/,
    );
    expect(existsSync(join(root, 'x', 'model'))).toBe(false);
  });
});

describe('bottleneck train --arch sparse, and every command on its model', () => {
  it('trains in BCE, stores the spec, and reconstruct, denoise, interpolate and export follow it', async () => {
    const out = join(root, 'sparse');
    const run = await cli(
      'train',
      '--arch',
      'sparse',
      '--epochs',
      '1',
      '--limit',
      '512',
      '--batch-size',
      '256',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/training 50,992 parameters/);
    // the penalty is part of the loss; its own test loss is printed beside the test MSE
    expect(run.stdout).toMatch(/final loss \(BCE \+ L1 on the code\) 0\.\d+, test MSE 0\.\d+, test loss 0\.\d+;/);
    const model = join(out, 'model');
    const json = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
    expect(json.spec).toEqual(presetSpec('sparse'));
    for (const args of [
      ['reconstruct', '--model', model, '--out', join(root, 'r.png')],
      ['denoise', '--model', model, '--out', join(root, 'd.png')],
      ['interpolate', '--model', model, '--out', join(root, 'i.png')],
      ['export', '--model', model, '--format', 'onnx', '--out', join(root, 'sparse.onnx')],
      ['export', '--model', model, '--format', 'safetensors', '--out', join(root, 'sparse.safetensors')],
    ]) {
      const r = await cli(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect(existsSync(join(root, 'sparse.onnx'))).toBe(true);
    expect(readFileSync(join(root, 'sparse.safetensors')).toString('latin1')).toContain('fc3.weight');
    // a resume holds the model it was trained with
    expectInputError(
      await cli(
        'train',
        '--arch',
        'deep',
        '--epochs',
        '2',
        '--limit',
        '512',
        '--batch-size',
        '256',
        '--out',
        out,
        '--resume',
      ),
      /^bottleneck: --resume: .*checkpoint\.ckpt holds another model than --arch deep/,
    );
    const resumed = await cli(
      'train',
      '--arch',
      'sparse',
      '--epochs',
      '2',
      '--limit',
      '512',
      '--batch-size',
      '256',
      '--out',
      out,
      '--resume',
    );
    expect(resumed.code).toBe(0);
  });
});
