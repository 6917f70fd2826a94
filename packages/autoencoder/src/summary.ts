import { type Activation, countParameters, layerWidths, type ModelSpec, parameterLayout } from '@bottleneck/graph';

/** torchsummary's names of the activations. */
const TORCH_ACTIVATION_NAMES: Record<Activation, string> = {
  relu: 'ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  'leaky-relu': 'LeakyReLU',
  linear: 'Identity',
};

/** A layer kind's module name in the table: PyTorch's where there is one, else the kind in CamelCase. */
const moduleName = (kind: string): string =>
  kind === 'dense'
    ? 'Linear'
    : kind
        .split('-')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');

/**
 * The layer table of a model in the format of `torchsummary.summary(model, (inputSize,))`: one
 * row per module (a dense layer is a Linear and its activation), its output shape and parameter
 * count, then the totals. A pure function of the spec: nothing is allocated, so any spec within
 * `MODEL_LIMITS` can be summarised.
 */
export function summarizeSpec(spec: ModelSpec): string {
  const row = (a: string, b: string, c: string) => `${a.padStart(20)}  ${b.padStart(25)} ${c.padStart(15)}`;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const lines = ['-'.repeat(64), row('Layer (type)', 'Output Shape', 'Param #'), '='.repeat(64)];
  const widths = layerWidths(spec);
  const layout = parameterLayout(spec);
  let outputs = 0;
  let k = 1;
  spec.layers.forEach((layer, i) => {
    const width = widths[i + 1]!;
    const shape = `[-1, ${width}]`;
    const params = layout.filter((p) => p.layer === i).reduce((n, p) => n + p.size, 0);
    lines.push(row(`${moduleName(layer.kind)}-${k++}`, shape, fmt(params)));
    outputs += width;
    if (layer.kind !== 'dense' || layer.activation === 'linear') return;
    lines.push(row(`${TORCH_ACTIVATION_NAMES[layer.activation]}-${k++}`, shape, '0'));
    outputs += width;
  });
  const params = countParameters(spec);
  const mb = (floats: number) => (floats * 4) / 1024 ** 2;
  const input = mb(spec.inputSize);
  const activations = mb(2 * outputs);
  const weights = mb(params);
  lines.push(
    '='.repeat(64),
    `Total params: ${fmt(params)}`,
    `Trainable params: ${fmt(params)}`,
    'Non-trainable params: 0',
    '-'.repeat(64),
    `Input size (MB): ${input.toFixed(2)}`,
    `Forward/backward pass size (MB): ${activations.toFixed(2)}`,
    `Params size (MB): ${weights.toFixed(2)}`,
    `Estimated Total Size (MB): ${(input + activations + weights).toFixed(2)}`,
    '-'.repeat(64),
  );
  return lines.join('\n');
}
