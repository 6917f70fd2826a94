// The CLI against hostile files, hostile flags and interruptions: every bad input gets one line
// naming the file or flag, exit 2, bounded time and memory, and nothing half-written.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeCheckpoint, encodeCheckpoint } from '@bottleneck/train';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir as makeDataDir, idx } from './idx-data.test-helper';
import { BIN, cli, expectInputError } from './run-cli.test-helper';

const root = mkdtempSync(join(tmpdir(), 'bottleneck-hostile-'));

const dataDir = (name: string, n: number, side = 28, edit: Record<string, Uint8Array> = {}) =>
  makeDataDir(root, name, n, side, edit);

describe('hostile data folders', () => {
  it('refuse a gzip bomb without inflating it, and corrupt gzip', async () => {
    const bomb = new Uint8Array(16 + 200 * 2 ** 20);
    bomb.set(idx([1, 1, 1], () => 1));
    const dir = dataDir('bomb', 4, 28, { 'train-images-idx3-ubyte': gzipSync(bomb, { level: 1 }) });
    const run = await cli('train', '--data', dir, '--out', join(root, 'o1'));
    expectInputError(
      run,
      /--data .*train-images-idx3-ubyte: decompresses to more than 17 bytes, more than its header declares/,
    );
    const gz = gzipSync(idx([4, 28, 28], () => 3));
    gz[gz.length - 6]! ^= 4;
    const dir2 = dataDir('crc', 4, 28, { 'train-images-idx3-ubyte': gz });
    expectInputError(await cli('train', '--data', dir2, '--out', join(root, 'o2')), /fails its CRC-32 or length check/);
  });

  it('refuse zero images and images of the wrong size, and a file given as the folder', async () => {
    expectInputError(
      await cli('train', '--data', dataDir('empty', 0), '--out', join(root, 'o3')),
      /holds 0 images, expected at least 1/,
    );
    expectInputError(
      await cli('train', '--data', dataDir('big', 3, 32), '--out', join(root, 'o4')),
      /--data .*big: images are 32x32 \(train\) and 32x32 \(test\), the model takes 784 values/,
    );
    const file = join(root, 'plain-file');
    writeFileSync(file, '');
    expectInputError(
      await cli('train', '--data', file, '--out', join(root, 'o5')),
      /--data .*plain-file: is a file, expected a folder/,
    );
  });
});

describe('hostile models', () => {
  it('refuse weights paths outside the model folder, oversized configs and non-finite weights', async () => {
    const out = join(root, 'm');
    const trained = await cli('train', '--epochs', '1', '--limit', '256', '--batch-size', '128', '--out', out);
    expect(trained.code).toBe(0);
    const jsonPath = join(out, 'model', 'model.json');
    const original = readFileSync(jsonPath, 'utf8');
    // biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary JSON
    const edit = (f: (j: Record<string, any>) => void) => {
      const j = JSON.parse(original);
      f(j);
      writeFileSync(jsonPath, JSON.stringify(j));
    };
    edit((j) => (j.weightsManifest[0].paths = ['../../../../../../etc/passwd']));
    const escaped = await cli('reconstruct', '--model', join(out, 'model'), '--out', join(root, 'x.png'));
    expectInputError(escaped, /model.json: names the file "..\/..\/..\/..\/..\/..\/etc\/passwd", which is outside/);
    expect(escaped.stderr).not.toMatch(/bytes/);
    edit((j) => (j.spec.layers[1].units = 1e6));
    const started = performance.now();
    expectInputError(
      await cli('reconstruct', '--model', join(out, 'model'), '--out', join(root, 'x.png')),
      /model.json: spec.layers.1.units: Too big: expected number to be <=65536/,
    );
    expect(performance.now() - started).toBeLessThan(30_000);
    writeFileSync(jsonPath, original);
    const weights = readFileSync(join(out, 'model', 'weights.bin'));
    weights[1001]! ^= 0x40;
    writeFileSync(join(out, 'model', 'weights.bin'), weights);
    expectInputError(
      await cli('reconstruct', '--model', join(out, 'model'), '--out', join(root, 'x.png')),
      /weights.bin: checksum mismatch/,
    );
    expect(existsSync(join(root, 'x.png'))).toBe(false);
  });
});

describe('training that cannot stay finite, and valid edge cases', () => {
  it('stops a diverging run with one line and a non-zero exit, keeping the last finite epoch', async () => {
    const out = join(root, 'diverge');
    const args = ['--limit', '512', '--batch-size', '128', '--out', out];
    expect((await cli('train', '--epochs', '1', ...args)).code).toBe(0);
    const modelBefore = readFileSync(join(out, 'model', 'weights.bin'));
    // a valid, finite checkpoint whose next step overflows float32
    const path = join(out, 'checkpoint.ckpt');
    const ckpt = decodeCheckpoint(readFileSync(path));
    const edge = { ...ckpt, params: ckpt.params.map((v) => (v < 0 ? -3e38 : 3e38)) };
    writeFileSync(path, encodeCheckpoint(edge));
    const run = await cli('train', '--epochs', '3', ...args, '--resume');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^bottleneck: training diverged in epoch 2, batch 1: the loss is (NaN|Infinity); .*checkpoint.ckpt keeps epoch 1, no model was written/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(out, 'model', 'weights.bin')).equals(modelBefore)).toBe(true);
    expect(decodeCheckpoint(readFileSync(path)).epoch).toBe(1);
  });

  it('trains batch 1, a one-row last batch and more wasm workers than rows to finite models', async () => {
    for (const args of [
      ['--limit', '3', '--batch-size', '1'],
      ['--limit', '129', '--batch-size', '128'],
      ['--limit', '1', '--backend', 'wasm', '--threads', '2'],
    ]) {
      const out = join(root, `edge-${args.join('')}`);
      const run = await cli('train', '--epochs', '1', ...args, '--out', out);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const [record] = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
      expect(Number.isFinite(record.trainLoss)).toBe(true);
    }
  });
});

describe('resume checks what it resumes', () => {
  it('refuses a bit-flipped checkpoint, other data and another batch size', async () => {
    const out = join(root, 'resume');
    await cli('train', '--epochs', '1', '--limit', '256', '--batch-size', '128', '--out', out);
    const args = ['train', '--epochs', '2', '--batch-size', '128', '--out', out, '--resume'];
    expectInputError(await cli(...args, '--limit', '300'), /--resume: .*was trained on 256 images of other data/);
    expectInputError(
      await cli(...args.slice(0, 3), '--out', out, '--resume', '--limit', '256'),
      /--resume: .*pass --batch-size 128/,
    );
    const path = join(out, 'checkpoint.ckpt');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1000]! ^= 0x08;
    writeFileSync(path, bytes);
    expectInputError(await cli(...args, '--limit', '256'), /--resume: .*checkpoint.ckpt: checksum mismatch/);
  });

  it('refuses re-signed checkpoints whose fields pass no flag check, or that lack the data identity', async () => {
    const out = join(root, 'forged');
    const args = ['--batch-size', '128', '--limit', '256', '--out', out];
    expect((await cli('train', '--epochs', '1', ...args)).code).toBe(0);
    const path = join(out, 'checkpoint.ckpt');
    const good = decodeCheckpoint(readFileSync(path));
    const forge = (ckpt: unknown) => writeFileSync(path, encodeCheckpoint(ckpt as typeof good));
    for (const [edit, message] of [
      [{ trainConfig: { ...good.trainConfig, lr: 1e6 } }, /trainConfig.lr must be a positive number up to 10$/m],
      [
        { trainConfig: { ...good.trainConfig, weightDecay: 1e30 } },
        /trainConfig.weightDecay must be a number from 0 to 10$/m,
      ],
      [{ data: undefined }, /data is missing or malformed \(expected trainCount and fingerprint\)/],
    ] as const) {
      forge({ ...good, ...edit });
      expectInputError(
        await cli('train', '--epochs', '2', ...args, '--resume'),
        new RegExp(`--resume: .*${message.source}`, 'm'),
      );
    }
  });
});

describe('hostile flags', () => {
  it('bound everything that sizes memory and parse numbers strictly', async () => {
    expectInputError(
      await cli('train', '--threads', '64'),
      /--threads <n>' argument '64' is invalid. expected a positive integer up to 32/,
    );
    expectInputError(await cli('train', '--lr', '0x10'), /--lr <rate>' argument '0x10' is invalid/);
    expectInputError(await cli('train', '--lr', 'Infinity'), /--lr <rate>' argument 'Infinity' is invalid/);
    expectInputError(
      await cli('train', '--lr', '1e38'),
      /--lr <rate>' argument '1e38' is invalid. expected a positive number up to 10/,
    );
    expectInputError(
      await cli('reconstruct', '--model', 'm', '--count', '100000'),
      /--count <n>' argument '100000' is invalid. expected a positive integer up to 100/,
    );
    expectInputError(
      await cli('interpolate', '--model', 'm', '--steps', '1000000'),
      /--steps <n>' argument '1000000' is invalid/,
    );
  });
});

/** Starts a long training run and resolves once its first epoch line is out. */
function startTraining(out: string): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> {
  const child = spawn('node', [
    BIN,
    'train',
    '--epochs',
    '500',
    '--limit',
    '2048',
    '--batch-size',
    '256',
    '--out',
    out,
  ]);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (/^epoch 2\//m.test(stdout)) resolve({ child, stdout: () => stdout, stderr: () => stderr });
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('signals', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} stops after the batch, keeps the checkpoint and model of the last epoch, exits ${code}`, async () => {
      const out = join(root, `sig-${signal}`);
      mkdirSync(out);
      // what an earlier killed run left behind
      writeFileSync(join(out, 'checkpoint.ckpt.0badf00d.tmp'), 'half');
      const run = await startTraining(out);
      const exited = exitOf(run.child);
      run.child.kill(signal);
      expect(await exited).toBe(code);
      expect(run.stderr()).toMatch(new RegExp(`${signal}: stopping after this batch`));
      expect(run.stderr()).toMatch(
        /stopped by SIG\w+: .*checkpoint.ckpt and model\/ hold epoch \d+; continue with --resume/,
      );
      expect(readdirSync(out).sort()).toEqual(['checkpoint.ckpt', 'history.json', 'model']);
      const resumed = await cli(
        'train',
        '--epochs',
        '3',
        '--limit',
        '2048',
        '--batch-size',
        '256',
        '--out',
        out,
        '--resume',
      );
      // it may already be past epoch 3; either way the checkpoint reads back
      expect(resumed.stderr).not.toMatch(/checksum|corrupt/);
    });
  }
});

describe('plot on odd histories', () => {
  it('draws a history whose diverged epoch is null, and a million epochs is refused, not a crash', async () => {
    const nan = join(root, 'nan.json');
    writeFileSync(
      nan,
      JSON.stringify([
        { epoch: 1, trainLoss: 0.2, testMse: 0.1, lr: 1e-3, lrReduced: false },
        { epoch: 2, trainLoss: null, testMse: null, lr: 1e-3, lrReduced: false },
      ]),
    );
    const drawn = await cli('plot', '--history', nan, '--out', join(root, 'nan.png'));
    expect(drawn.stderr).toBe('');
    expect(drawn.code).toBe(0);
    const huge = join(root, 'huge.json');
    writeFileSync(
      huge,
      JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => ({ epoch: i + 1, trainLoss: 0.1, testMse: null }))),
    );
    expectInputError(
      await cli('plot', '--history', huge, '--out', join(root, 'huge.png')),
      /--history .*huge.json: expected an array of 1 to 100000/,
    );
    expectInputError(
      await cli('plot', '--history', '/dev/zero'),
      /--history \/dev\/zero: \/dev\/zero: is not a regular file|--history \/dev\/zero: is not a regular file/,
    );
  });
});

describe('plot on hostile histories', () => {
  const plot = async (name: string, records: unknown[]) => {
    const file = join(root, `${name}.json`);
    writeFileSync(file, JSON.stringify(records));
    const started = performance.now();
    const run = await cli('plot', '--history', file, '--out', join(root, `${name}.png`));
    expect(performance.now() - started).toBeLessThan(30_000);
    return run;
  };
  const ok = { epoch: 1, trainLoss: 0.1, testMse: 0.09, lr: 1e-3, lrReduced: false };

  it('refuses epochs past the limit, bad losses and a non-numeric lr with one line and exit 2', async () => {
    for (const [name, record, message] of [
      ['epoch-2p53', { ...ok, epoch: 2 ** 53 }, /record 2: epoch must be an integer from 1 to 100000/],
      ['epoch-1e16', { ...ok, epoch: 1e16 }, /record 2: epoch must be an integer from 1 to 100000/],
      ['loss-zero', { ...ok, epoch: 2, trainLoss: 0 }, /record 2: trainLoss must be a positive number or null/],
      ['loss-negative', { ...ok, epoch: 2, testMse: -1 }, /record 2: testMse must be a positive number or null/],
      ['loss-string', { ...ok, epoch: 2, trainLoss: '0.1' }, /record 2: trainLoss must be a positive number/],
      ['lr-string', { ...ok, epoch: 2, lr: 'fast' }, /record 2: lr must be a positive number up to 10/],
      ['epoch-back', { ...ok, epoch: 1 }, /record 2: epochs must increase/],
    ] as const) {
      expectInputError(await plot(name, [ok, record]), new RegExp(`--history .*${name}\\.json: ${message.source}`));
    }
    expectInputError(
      await plot('all-null', [
        { ...ok, trainLoss: null, testMse: null },
        { ...ok, epoch: 2, trainLoss: null, testMse: null },
      ]),
      /all-null\.json: no epoch has a loss to plot/,
    );
  });

  it('draws losses of 5e-324 in bounded time and memory', async () => {
    const run = await plot('denormal', [
      { ...ok, trainLoss: 5e-324, testMse: 5e-324 },
      { ...ok, epoch: 2, trainLoss: 5e-324, testMse: 5e-324, lrReduced: true },
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('links, devices and leftovers', () => {
  let model = '';
  beforeAll(async () => {
    const out = join(root, 'small');
    const trained = await cli('train', '--epochs', '1', '--limit', '64', '--batch-size', '64', '--out', out);
    expect(trained.code).toBe(0);
    model = join(out, 'model');
  });

  it('reads no IDX file a link leads to outside the --data folder, and echoes none of its bytes', async () => {
    writeFileSync(join(root, 'secret.txt'), 'TOPSECRET-PASSWORD');
    const dir = dataDir('linked', 4);
    const images = join(dir, 'train-images-idx3-ubyte');
    rmSync(images);
    symlinkSync(join(root, 'secret.txt'), images);
    const run = await cli('train', '--data', dir, '--out', join(root, 'o-linked'));
    expectInputError(run, /--data .*train-images-idx3-ubyte: leads outside .*linked \(a symbolic link\)/);
    expect(run.stderr).not.toMatch(/TOPSECRET|0x544f5053/);
  });

  it('never replaces a device, FIFO or link with an exported file', async () => {
    const run = await cli('export', '--model', model, '--out', '/dev/null');
    expectInputError(
      run,
      /--out \/dev\/null: .*is a device, FIFO or socket, not a regular file: refusing to replace it/,
    );
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const link = join(root, 'link.safetensors');
    symlinkSync(join(root, 'target.safetensors'), link);
    expectInputError(await cli('export', '--model', model, '--out', link), /is a symbolic link, not a regular file/);
    expect(existsSync(join(root, 'target.safetensors'))).toBe(false);
  });

  it('removes the figure temporaries and the write probe that a killed run left', async () => {
    const out = join(root, 'leftovers');
    mkdirSync(out);
    const history = join(root, 'small', 'history.json');
    writeFileSync(join(out, 'loss.png.0badf00d.tmp'), 'half');
    writeFileSync(join(out, '.write-test-999999999'), '');
    const run = await cli('plot', '--history', history, '--out', out);
    expect(run.stderr).toBe('');
    expect(readdirSync(out)).toEqual(['loss.png']);
  });
});

describe('hostile flags, second pass', () => {
  it('refuses --noise-level without --noise, empty paths and a denoise level of 0, before writing anything', async () => {
    const out = join(root, 'no-noise');
    expectInputError(
      await cli('train', '--noise-level', '0.3', '--out', out),
      /--noise-level: only with --noise \(uniform or gaussian\)/,
    );
    expect(existsSync(out)).toBe(false);
    for (const args of [
      ['train', '--data', ''],
      ['train', '--out', ''],
      ['plot', '--history', ''],
      ['reconstruct', '--model', ''],
    ]) {
      expectInputError(await cli(...args), /argument '' is invalid. expected a path, not an empty string/);
    }
    expectInputError(
      await cli('denoise', '--model', 'm', '--level', '0'),
      /--level <x>' argument '0' is invalid. expected a positive number/,
    );
  });

  it('gives one line and exit 2 for a model past the size limits, in train, summary and bench', async () => {
    for (const command of ['train', 'summary', 'bench']) {
      expectInputError(
        await cli(
          command,
          '--hidden',
          '8192',
          '--bottleneck',
          '8192',
          ...(command === 'train' ? ['--out', join(root, 'big')] : []),
        ),
        /^bottleneck: --hidden 8192 --bottleneck 8192: 147088144 parameters, more than the 67108864 allowed$/m,
      );
    }
  });

  it('refuses, before any engine starts, a run whose memory would pass the bound', async () => {
    const started = performance.now();
    expectInputError(
      await cli('train', '--backend', 'wasm', '--threads', '32', '--limit', '64', '--out', join(root, 'threads')),
      /--threads 32: training would need about 2\.\d GiB, more than the 1\.5 GiB bound; .*or fewer --threads/,
    );
    // a 57.8M-parameter model is inside the size limits, not inside the memory bound
    expectInputError(
      await cli('train', '--hidden', '8192', '--bottleneck', '2700', '--limit', '64', '--out', join(root, 'huge')),
      /--hidden 8192 --bottleneck 2700 --batch-size 2048: training would need about \d+\.\d GiB, more than the 1\.5 GiB bound/,
    );
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});

describe('output and terminal', () => {
  it('keeps training when stdout is closed (| head -n 1) and still writes the model', async () => {
    const out = join(root, 'epipe');
    const child = spawn('node', [BIN, 'train', '--epochs', '3', '--limit', '256', '--batch-size', '128', '--out', out]);
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    child.stdout!.once('data', () => child.stdout!.destroy());
    expect(await exitOf(child)).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(readdirSync(out).sort()).toEqual(['checkpoint.ckpt', 'history.json', 'model']);
    expect(readdirSync(join(out, 'model')).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('escapes control characters from files and paths: one line, no escape sequence reaches the terminal', async () => {
    const header = JSON.stringify({
      '\u001b]0;pwned\u0007fc1.weight': { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
    });
    const file = join(root, 'evil.safetensors');
    const bytes = new Uint8Array(8 + header.length + 4);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    writeFileSync(file, bytes);
    const named = await cli('reconstruct', '--model', file);
    expectInputError(named, /found \\x1b\]0;pwned\\x07fc1\.weight/);
    expect(named.stderr).not.toContain('\u001b');
    expect(named.stderr).not.toContain('\u0007');
    const flag = await cli('train', '--lr', '\u001b[2J\u001b]0;pwned\u0007');
    expectInputError(flag, /--lr <rate>' argument '\\x1b\[2J\\x1b\]0;pwned\\x07' is invalid/);
    expect(flag.stderr).not.toContain('\u001b');
    expect(flag.stderr).not.toContain('\u0007');
    const forged = await cli('reconstruct', '--model', 'no-such\nbottleneck: forged');
    expectInputError(forged, /no-such\\nbottleneck: forged/);
    expect(forged.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so in one line when the current folder was deleted, or stdout cannot be written', () => {
    const gone = join(root, 'gone');
    mkdirSync(gone);
    const deleted = spawnSync('sh', ['-c', `cd '${gone}' && rmdir '${gone}' && node '${BIN}' summary`], {
      encoding: 'utf8',
    });
    expect(deleted.stderr).toMatch(/^bottleneck: the current folder no longer exists/);
    expect(deleted.stderr.trim().split('\n')).toHaveLength(1);
    expect(deleted.status).toBe(2);
    const full = spawnSync('node', [BIN, 'summary'], {
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    expect(full.stderr).toMatch(/^bottleneck: could not write to standard output \(ENOSPC\): output was lost$/m);
    expect(full.stderr.trim().split('\n')).toHaveLength(1);
    expect(full.status).toBe(2);
  });
});

describe('faults, second pass', () => {
  it("shows only the CLI's one line when the WebGPU provider cannot run, none of its native log", async (context) => {
    const run = await cli('train', '--backend', 'onnx-webgpu', '--limit', '8', '--out', join(root, 'gpu'));
    if (run.code === 0) context.skip('the WebGPU provider runs here');
    expectInputError(run, /^bottleneck: --backend onnx-webgpu: ONNX Runtime cannot run here: /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/XDG_RUNTIME_DIR|shaderUniform|While initializing/);
  });

  it('refuses a 1-image test set before training', async () => {
    const dir = dataDir('one-test', 8, 28, {
      't10k-images-idx3-ubyte': idx([1, 28, 28], () => 9),
      't10k-labels-idx1-ubyte': idx([1], () => 3),
    });
    const out = join(root, 'one-test-out');
    const started = performance.now();
    expectInputError(
      await cli('lab', '--data', dir, '--epochs', '50', '--out', out),
      /--data .*one-test: the test set holds 1 image, the lab needs at least 2/,
    );
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(existsSync(join(out, 'model'))).toBe(false);
  });

  it('bench runs no NumPy reference found relative to the current folder, and says so when one prints bad JSON', async () => {
    const base = join(root, 'bench');
    mkdirSync(join(base, 'shared', 'bench'), { recursive: true });
    mkdirSync(join(base, 'cwd'));
    const marker = join(base, 'planted-ran');
    writeFileSync(join(base, 'shared', 'bench', 'numpy_lab1.py'), `open('${marker}', 'w').write('x')\n`);
    const data = dataDir('bench-data', 8);
    const args = ['bench', '--backends', 'wasm', '--epochs', '1', '--data', data];
    const plain = spawnSync('node', [BIN, ...args], { cwd: join(base, 'cwd'), encoding: 'utf8', timeout: 120_000 });
    expect(plain.stdout).toMatch(/numpy reference skipped: pass --numpy PATH/);
    expect(existsSync(marker)).toBe(false);
    const bad = join(base, 'bad.sh');
    writeFileSync(bad, 'echo "{not json"\n');
    const run = await cli(...args, '--numpy', bad, '--python', 'sh');
    expect(run.stdout).toMatch(/^numpy reference failed: its last line is not its result JSON \(\{not json\)$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
  });
});
