// The publishing test: every package goes through the real release flow (changeset publish) into
// a Verdaccio on 127.0.0.1, then a folder outside the workspace installs them from it with npm
// and runs their README snippets, and the CLI is installed globally from it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const VERDACCIO = fileURLToPath(new URL('../node_modules/.bin/verdaccio', import.meta.url));
const PACKAGES = ['mnist', 'autoencoder', 'train', 'image', 'engine-onnx', 'node-io', 'cli'].map(
  (p) => `@bottleneck/${p}`,
);

const work = mkdtempSync(join(tmpdir(), 'bottleneck-registry-'));
let server: ChildProcess | undefined;
let registry = '';
let env: NodeJS.ProcessEnv = {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
      timeout: 300_000,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

beforeAll(async () => {
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      `  htpasswd: { file: ${join(work, 'htpasswd')}, max_users: 10 }`,
      'packages:',
      "  '@bottleneck/*': { access: $all, publish: $authenticated }",
      "  '**': { access: $all }",
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  server = spawn(VERDACCIO, ['--config', config, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) break;
    } catch {}
    if (i > 100) throw new Error('verdaccio did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  // a user for publishing, as `npm adduser` would create it
  const res = await fetch(`${registry}-/user/org.couchdb.user:ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', password: 'ci-password-123', email: 'ci@example.com' }),
  });
  const { token } = (await res.json()) as { token: string };
  const npmrc = join(work, '.npmrc');
  // only the @bottleneck scope comes from the local registry; everything else from npmjs as usual.
  // The machine's CA file (a TLS-inspecting proxy may sit in front of npmjs) must survive both the
  // new user config and `-g --prefix`, which moves the global config.
  const npmConfig = (key: string) => execFileSync('npm', ['config', 'get', key], { encoding: 'utf8' }).trim();
  const cafile = npmConfig('cafile');
  const ca = cafile && cafile !== 'null' && cafile !== 'undefined' ? `cafile=${cafile}\n` : '';
  writeFileSync(npmrc, `@bottleneck:registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n${ca}`);
  // run as a stranger's shell would: without the npm_* settings pnpm passes to scripts
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  env = {
    ...inherited,
    npm_config_userconfig: npmrc,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    // changeset publish runs the workspace's pnpm
    PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
  };
  // the release flow of CONTRIBUTING.md, without tags
  run(join(ROOT, 'node_modules/.bin/changeset'), ['publish', '--no-git-tag'], ROOT);
});

afterAll(() => {
  server?.kill();
});

describe('published packages', () => {
  it('are all on the registry, with workspace ranges resolved', () => {
    for (const name of PACKAGES) {
      const meta = JSON.parse(run('npm', ['view', name, '--json'], work)) as {
        version: string;
        dependencies?: Record<string, string>;
      };
      expect(meta.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(JSON.stringify(meta.dependencies ?? {})).not.toContain('workspace:');
    }
  });

  it('install in a folder outside the workspace and run their README snippets', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'stranger', private: true, type: 'module' }));
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        ...PACKAGES.slice(0, 4),
        '@tensorflow/tfjs-core@4',
        '@tensorflow/tfjs-backend-wasm@4',
      ],
      app,
    );
    const script = `
      import '@tensorflow/tfjs-backend-wasm';
      import * as tf from '@tensorflow/tfjs-core';
      import { writeFileSync } from 'node:fs';
      import { createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
      import { loadModel, saveModel } from '@bottleneck/autoencoder/node';
      import { encodePng, gridImage, psnr, toGrayImages } from '@bottleneck/image';
      import { readIdx } from '@bottleneck/mnist';
      import { defaultMnistDir, loadMnist } from '@bottleneck/mnist/node';
      import { Trainer } from '@bottleneck/train';
      import { readFileSync } from 'node:fs';

      await tf.setBackend('wasm');
      const idx = readIdx(readFileSync(defaultMnistDir() + '/t10k-labels-idx1-ubyte'), 'labels');
      const { train, test } = await loadMnist();
      const model = createAutoencoder({ seed: 0 });
      const trainer = await Trainer.create(model, { train: train.subset(8192), test: test.subset(500), shuffler: new Pcg64(0), config: { epochs: 1, batchSize: 256 } });
      const [epoch] = await trainer.run();
      await saveModel('model', model);
      const loaded = await loadModel('model');
      const x = tf.tensor2d(test.toFloat32(0, 4), [4, 784]);
      const y = loaded.forward(x);
      writeFileSync('grid.png', encodePng(gridImage(toGrayImages(await y.data()), { scale: 2 })));
      console.log(JSON.stringify({ labels: idx.dims, trainCount: train.count, testMse: epoch.testMse,
        psnr: psnr(await x.data(), await y.data()), params: loaded.parameterCount() }));
    `;
    writeFileSync(join(app, 'snippet.mjs'), script);
    const result = JSON.parse(run('node', ['snippet.mjs'], app).trim().split('\n').at(-1)!);
    expect(result.labels).toEqual([10000]);
    expect(result.trainCount).toBe(60000);
    expect(result.params).toBe(622504);
    // an untrained model scores about 0.23; 32 steps of Adam bring it well below
    expect(result.testMse).toBeLessThan(0.1);
    expect(result.psnr).toBeGreaterThan(5);
    expect([...readFileSync(join(app, 'grid.png')).subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe(
      'PNG',
    );
    // nothing from the monorepo leaked in: the packages resolve inside the app
    expect(existsSync(join(app, 'node_modules/@bottleneck/train/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/@bottleneck/train/src'))).toBe(false);
  });

  it('installs the CLI globally, with the ONNX engine, and trains an epoch on it', () => {
    const prefix = join(work, 'global');
    // the documented setting for machines without outside access: onnxruntime-node's install
    // step would download a CUDA provider from outside the npm registry
    const saved = env;
    env = { ...env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
    try {
      run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '@bottleneck/cli'], work);
    } finally {
      env = saved;
    }
    const bin = join(prefix, 'bin', 'bottleneck');
    expect(run(bin, ['--help'], work)).toContain('Usage: bottleneck');
    expect(run(bin, ['summary'], work)).toContain('Total params: 622,504');
    const backends = run(bin, ['backends'], work);
    expect(backends).toMatch(/^wasm +usable/m);
    expect(backends).toMatch(/^onnx-cpu +usable/m);
    const trained = run(
      bin,
      ['train', '--epochs', '1', '--limit', '4096', '--batch-size', '256', '--out', join(work, 'run')],
      work,
    );
    expect(trained).toMatch(/engine: ONNX Runtime cpu/);
    const mse = Number(/test MSE ([\d.]+)/.exec(trained)?.[1]);
    // an untrained model scores about 0.23; 16 steps of Adam bring it well below
    expect(mse).toBeGreaterThan(0);
    expect(mse).toBeLessThan(0.15);
  });

  it('report their packed sizes and pull no tfjs backend they do not need', () => {
    const rows: string[] = [];
    for (const name of PACKAGES) {
      const [info] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', name], work)) as {
        size: number;
        unpackedSize: number;
        entryCount: number;
      }[];
      rows.push(
        `${name.padEnd(24)} ${(info!.size / 1024).toFixed(1).padStart(7)} kB packed ${(info!.unpackedSize / 1024).toFixed(1).padStart(7)} kB unpacked ${String(info!.entryCount).padStart(3)} files`,
      );
      const meta = JSON.parse(run('npm', ['view', name, 'dependencies', '--json'], work) || '{}') as Record<
        string,
        string
      >;
      const backends = Object.keys(meta).filter((d) => /tfjs-backend|tfjs-node/.test(d));
      // only the CLI picks tfjs backends (wasm for the model, cpu as the reference)
      expect(backends).toEqual(
        name === '@bottleneck/cli' ? ['@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'] : [],
      );
    }
    console.log(rows.join('\n'));
  });

  it('ship only what users need', () => {
    for (const p of ['mnist', 'autoencoder', 'train', 'image']) {
      const dir = join(work, 'app/node_modules/@bottleneck', p);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(manifest.exports['.'].import).toBe('./dist/index.js');
      expect(existsSync(join(dir, 'src'))).toBe(false);
      expect(existsSync(join(dir, 'README.md'))).toBe(true);
    }
  });
});
