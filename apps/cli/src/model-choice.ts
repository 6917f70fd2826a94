import { MAX_MODEL_JSON_BYTES } from '@bottleneck/autoencoder';
import {
  type ModelSpec,
  mlpSizesOf,
  mlpSpec,
  PRESETS,
  type Preset,
  parseModelSpec,
  presetSpec,
} from '@bottleneck/graph';
import { readRegularTextFile } from '@bottleneck/node-io';
import { asInput, InputError } from './errors';

/** The names `--arch` may take, in the order the zoo and `summary --arch all` show them. */
export const ARCH_NAMES: readonly string[] = PRESETS;

const isPreset = (name: string): name is Preset => (PRESETS as readonly string[]).includes(name);

/** The input size of the presets: 28×28 images. */
export const PRESET_INPUT_SIZE = 784;

/** What a command that builds a model takes: a preset or a spec file, and the sizes of the lab's MLP. */
export interface ModelChoiceFlags {
  /** A preset name (`ARCH_NAMES`); `mlp` by default. */
  arch?: string;
  /** A JSON file holding a model spec (as model.json's `spec`). */
  spec?: string;
  /** The code size, for presets with one. */
  latent?: number;
  /** `--arch mlp`'s sizes (the lab's 392 and 8). */
  hidden: number;
  bottleneck: number;
}

/** A spec file is at most as large as a model.json. */
export const MAX_SPEC_BYTES = MAX_MODEL_JSON_BYTES;

/** `--spec FILE`: sized before it is read, parsed, and every size checked before anything is allocated. */
export function readSpecFile(path: string): Promise<ModelSpec> {
  return asInput(`--spec ${path}`, async () => {
    const text = await readRegularTextFile(path, { maxBytes: MAX_SPEC_BYTES, what: 'a JSON model spec' });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InputError(`--spec ${path}: not valid JSON (expected a model spec: inputSize, layers, encoderLayers)`);
    }
    return parseModelSpec(json, `--spec ${path}`);
  });
}

/**
 * The model the flags describe, checked against `MODEL_LIMITS` before anything is allocated:
 * `--spec FILE`, or `--arch NAME` (default `mlp`, the lab's MLP of `--hidden` and `--bottleneck`).
 */
export async function chooseModelSpec(flags: ModelChoiceFlags): Promise<ModelSpec> {
  if (flags.spec !== undefined) return readSpecFile(flags.spec);
  return archSpec(flags.arch ?? 'mlp', flags);
}

/** The spec of one preset from the flags' sizes. */
export function archSpec(arch: string, flags: Omit<ModelChoiceFlags, 'arch' | 'spec'>): ModelSpec {
  if (arch === 'mlp') {
    const bottleneckSize = flags.latent ?? flags.bottleneck;
    return mlpSpec({ inputSize: PRESET_INPUT_SIZE, hiddenSize: flags.hidden, bottleneckSize });
  }
  if (!isPreset(arch)) throw new InputError(`--arch ${arch}: expected one of ${ARCH_NAMES.join(', ')}`);
  const spec = presetSpec(arch, { inputSize: PRESET_INPUT_SIZE, code: flags.latent });
  // the preset's layers with another code size are checked as any spec is, before anything is allocated
  return flags.latent === undefined ? spec : parseModelSpec(spec, `--arch ${arch} --latent ${flags.latent}`);
}

/** How the flags name a model, for messages: `--arch deep`, `--spec FILE`, `--hidden 392 --bottleneck 8`. */
export function describeModelChoice(flags: ModelChoiceFlags, spec: ModelSpec): string {
  if (flags.spec !== undefined) return `--spec ${flags.spec}`;
  const sizes = mlpSizesOf(spec);
  if (sizes) return `--hidden ${sizes.hiddenSize} --bottleneck ${sizes.bottleneckSize}`;
  return `--arch ${flags.arch ?? 'mlp'}${flags.latent !== undefined ? ` --latent ${flags.latent}` : ''}`;
}

/** Whether two specs describe the same model (both brought to the schema's form first). */
export function sameSpec(a: ModelSpec, b: ModelSpec): boolean {
  const canonical = (s: ModelSpec) => JSON.stringify(parseModelSpec(s, 'spec'));
  return canonical(a) === canonical(b);
}
