import { readParameters, writeParameters } from './flat-parameters';
import {
  type Autoencoder,
  type AutoencoderConfig,
  CONFIG_LIMITS,
  createAutoencoder,
  DEFAULT_CONFIG,
  validateConfig,
} from './model';
import { type ModelSpec, mlpSpec, parameterLayout, parameterName, relayout } from '@bottleneck/graph';
import { integerIn, parseWith } from '@bottleneck/graph/internal';
import * as z from 'zod/mini';
import { ModelFormatError } from './weights-format';

/**
 * safetensors in the `state_dict` layout of the lab's PyTorch model: `fc1.weight` `[hidden,
 * input]`, `fc1.bias`, … `fc4.weight` `[input, hidden]`, float32. nn.Linear stores `[out, in]`,
 * the transpose of `Autoencoder`'s `[in, out]` kernels.
 *
 * The file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range in the data that follows, then the data.
 */
/** A header of this model's eight tensors and some metadata is ~1 kB. */
export const MAX_SAFETENSORS_HEADER_BYTES = 64 * 1024;
/** No safetensors file of a model within `CONFIG_LIMITS` is larger: bound a read with it. */
export const MAX_SAFETENSORS_BYTES = 8 + MAX_SAFETENSORS_HEADER_BYTES + 4 * CONFIG_LIMITS.parameters;

/** One tensor of the header: float32, a shape of positive sizes and its byte range in the data. */
const tensorEntrySchema = z.object(
  {
    shape: z.array(integerIn(1, Number.MAX_SAFE_INTEGER), { error: 'must be a list of sizes' }),
    data_offsets: z.tuple([integerIn(0, Number.MAX_SAFE_INTEGER), integerIn(0, Number.MAX_SAFE_INTEGER)], {
      error: 'must be [begin, end]',
    }),
    // JSON.stringify escapes control characters; a hostile dtype is cut short
    dtype: z.literal('F32', {
      error: (issue) => `is ${JSON.stringify(issue.input)?.slice(0, 40)}, expected F32 (float32)`,
    }),
  },
  { error: 'is not a tensor entry' },
);

type TensorEntry = z.infer<typeof tensorEntrySchema>;

/** Each tensor's name and shape as the lab's PyTorch module stores it (`[out, in]` weights). */
function torchLayout(spec: ModelSpec) {
  return parameterLayout(spec, 'out-in').map((p) => ({ ...p, name: parameterName(p, 'safetensors') }));
}

/** The model as a safetensors file that `safetensors.torch.load_file` reads into the lab's model. */
export function toSafetensors(model: Autoencoder, metadata: Record<string, string> = {}): Uint8Array {
  const flat = relayout(model.spec, readParameters(model), 'in-out', 'out-in');
  const header: Record<string, TensorEntry | Record<string, string>> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const layout = torchLayout(model.spec);
  for (const p of layout) {
    header[p.name] = { dtype: 'F32', shape: p.dims, data_offsets: [4 * p.offset, 4 * (p.offset + p.size)] };
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  // pad the header with spaces so the data starts 8-byte aligned, as the reference writer does
  const padded = Math.ceil(json.length / 8) * 8;
  json = new TextEncoder().encode(JSON.stringify(header).padEnd(padded, ' '));
  const out = new Uint8Array(8 + json.length + 4 * flat.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const view = new DataView(out.buffer, 8 + json.length);
  flat.forEach((v, i) => {
    view.setFloat32(4 * i, v, true);
  });
  return out;
}

/**
 * Reads a safetensors file of the lab's PyTorch model (any sizes within `CONFIG_LIMITS`), or,
 * given `spec` (checked with `parseModelSpec` first), of that model: its `state_dict` names. Hostile
 * bytes get a ModelFormatError naming `source`: the header is bounded and checked (exactly the
 * eight tensors, float32, consistent shapes, byte ranges that tile the data) before anything is
 * allocated from it, and the weights must be finite.
 */
export function fromSafetensors(bytes: Uint8Array, source = 'model.safetensors', spec?: ModelSpec): Autoencoder {
  const fail = (what: string): never => {
    throw new ModelFormatError(`${source}: ${what}`);
  };
  if (bytes.length < 8) fail('truncated: no header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_SAFETENSORS_HEADER_BYTES, bytes.length - 8))) {
    fail(`header of ${length} bytes, expected at most ${MAX_SAFETENSORS_HEADER_BYTES} within the file`);
  }
  const headerEnd = 8 + Number(length);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, headerEnd)));
  } catch {
    return fail('header is not valid JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) fail('header is not a JSON object');
  const names = torchLayout(spec ?? mlpSpec(DEFAULT_CONFIG)).map((p) => p.name);
  const keys = Object.keys(header).filter((k) => k !== '__metadata__');
  const unexpected = keys.filter((k) => !names.includes(k));
  if (unexpected.length > 0 || keys.length !== names.length) {
    fail(
      `expected exactly the tensors ${names.join(', ')}${unexpected.length ? `, found ${unexpected.slice(0, 3).join(', ')}` : ''}`,
    );
  }
  const entry = (name: string): TensorEntry => {
    try {
      return parseWith(tensorEntrySchema, header[name], `${source}: ${name}`);
    } catch (error) {
      throw new ModelFormatError((error as Error).message);
    }
  };
  let model: ModelSpec;
  let described: string;
  if (spec) {
    model = spec;
    described = 'this model';
  } else {
    const w1 = entry('fc1.weight').shape;
    const w2 = entry('fc2.weight').shape;
    if (w1.length !== 2 || w2.length !== 2) fail('fc1.weight and fc2.weight must be matrices');
    const config: AutoencoderConfig = { inputSize: w1[1]!, hiddenSize: w1[0]!, bottleneckSize: w2[0]! };
    try {
      validateConfig(config);
    } catch (error) {
      fail(`sizes: ${(error as Error).message}`);
    }
    model = mlpSpec(config);
    described = `a ${config.inputSize}-${config.hiddenSize}-${config.bottleneckSize} model`;
  }
  // every shape as these sizes imply, and byte ranges that tile the data exactly, in any order
  const ranges: [number, number][] = [];
  const layout = torchLayout(model);
  for (const { name, dims: shape } of layout) {
    const e = entry(name);
    if (e.shape.length !== shape.length || e.shape.some((d, k) => d !== shape[k])) {
      fail(`${name}: shape [${e.shape}], expected [${shape}] for ${described}`);
    }
    const [begin, end] = e.data_offsets;
    if (end - begin !== 4 * shape.reduce((a, b) => a * b, 1))
      fail(`${name}: byte range ${begin}-${end} does not fit its shape`);
    ranges.push([begin, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let expected = 0;
  for (const [begin, end] of ranges) {
    if (begin !== expected) fail('tensor byte ranges overlap or leave gaps');
    expected = end;
  }
  if (bytes.length - headerEnd !== expected) {
    fail(`${bytes.length - headerEnd} data bytes, the header describes ${expected}`);
  }
  const data = new DataView(bytes.buffer, bytes.byteOffset + headerEnd, expected);
  const read = (name: string): Float32Array => {
    const [begin, end] = entry(name).data_offsets;
    const out = new Float32Array((end - begin) / 4);
    for (let i = 0; i < out.length; i++) out[i] = data.getFloat32(begin + 4 * i, true);
    const bad = out.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(`${name}: value ${bad} is ${out[bad]}, expected finite numbers`);
    return out;
  };
  const torchFlat = new Float32Array(expected / 4);
  for (const p of layout) torchFlat.set(read(p.name), p.offset);
  const flat = relayout(model, torchFlat, 'out-in', 'in-out');
  const autoencoder = createAutoencoder({ spec: model });
  writeParameters(autoencoder, flat);
  return autoencoder;
}
