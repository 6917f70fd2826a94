import { TFJS_ENGINES, type TfjsEngineName } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from './errors';

export const BACKENDS = TFJS_ENGINES.node;
export type BackendName = TfjsEngineName<'node'>;

/** tfjs-node(-gpu) are never dependencies: they download libtensorflow when installed. */
const NATIVE: Record<'node' | 'node-gpu', { pkg: string; note: string }> = {
  node: { pkg: '@tensorflow/tfjs-node', note: '' },
  'node-gpu': {
    pkg: '@tensorflow/tfjs-node-gpu',
    note: ' (Linux x64 with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1, as TensorFlow 2.9 requires)',
  },
};

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

async function register(name: BackendName): Promise<string> {
  switch (name) {
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      return 'wasm';
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return 'cpu';
    default: {
      const { pkg, note } = NATIVE[name];
      try {
        await import(/* @vite-ignore */ pkg);
      } catch (error) {
        if (!isMissingModule(error)) {
          throw new InputError(
            `--backend ${name}: ${pkg} is installed but failed to load: ${(error as Error).message}`,
          );
        }
        throw new InputError(
          `--backend ${name}: ${pkg} is not installed; install it with \`npm install ${pkg}\`${note}, or use --backend wasm`,
        );
      }
      return 'tensorflow';
    }
  }
}

/** Loads and activates a backend; returns tfjs's name for it. */
export async function useBackend(name: BackendName): Promise<string> {
  // the cpu backend's "install tfjs-node" banner is noise for a CLI that offers --backend
  tf.env().set('PROD', true);
  const registered = await register(name);
  if (!(await tf.setBackend(registered))) {
    throw new InputError(`--backend ${name}: the ${registered} backend failed to initialise`);
  }
  await tf.ready();
  return tf.getBackend();
}

export interface BackendStatus {
  name: string;
  usable: boolean;
  detail: string;
}

/** Which backends load here, and why the others do not. Leaves no backend selected. */
export async function probeBackends(): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  for (const name of BACKENDS) {
    try {
      const registered = await useBackend(name);
      const detail =
        name === 'wasm'
          ? `SIMD ${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'on' : 'off'}, one thread per worker`
          : name === 'cpu'
            ? 'pure JavaScript, for reference'
            : `tfjs backend "${registered}"`;
      out.push({ name, usable: true, detail });
    } catch (error) {
      const message = (error as Error).message.replace(/^--backend [\w-]+: /, '');
      out.push({ name, usable: false, detail: message });
    }
  }
  return out;
}
