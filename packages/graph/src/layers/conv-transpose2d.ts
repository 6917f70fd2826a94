import { ACTIVATIONS } from '../activations';
import type { ConvTranspose2dSpec } from '../model-spec';
import { checkSide, imageShape } from './conv-geometry';
import { conv, convTransposeOutput, convTranspose, weightGradient } from './conv-ops';
import type { LayerKind } from './layer-kind';

const geometryOf = (spec: ConvTranspose2dSpec) => ({
  k: spec.kernel,
  s: spec.stride ?? 1,
  p: spec.padding ?? 0,
  op: spec.outputPadding ?? 0,
});

/**
 * y = f(ConvTranspose(x, W) + b), PyTorch's `nn.ConvTranspose2d`: W `[in, out, k, k]`. It is
 * the gradient of a convolution, so its backward is one: with dz = f′ applied to dy,
 * dx = Conv(dz, W) (same strides and pads), db = Σ dz over rows and pixels, dW the convolution
 * of dz by x (`weightGradient`).
 */
export const convTranspose2d: LayerKind<ConvTranspose2dSpec> = {
  outputShape(spec, input) {
    const [, h, w] = imageShape(input, 'conv-transpose2d');
    const { k, s, p, op } = geometryOf(spec);
    if (op >= s) throw new RangeError(`conv-transpose2d: outputPadding ${op} must be less than the stride ${s}`);
    const side = (n: number) => checkSide(convTransposeOutput(n, k, s, p, op), 'conv-transpose2d', input);
    return [spec.channels, side(h), side(w)];
  },
  parameterShapes(spec, input) {
    const [c] = imageShape(input, 'conv-transpose2d');
    // PyTorch's fan-in of a transposed convolution's weight: weight.size(1)·k·k
    const fanIn = spec.channels * spec.kernel * spec.kernel;
    return [
      { role: 'kernel', dims: [c, spec.channels, spec.kernel, spec.kernel], fanIn },
      { role: 'bias', dims: [spec.channels], fanIn },
    ];
  },
  forward(g, spec, x, [w, b], _ctx, input) {
    const [, h, wd] = imageShape(input, 'conv-transpose2d');
    const { k, s, p, op } = geometryOf(spec);
    const z = convTranspose(g, x, w!, b!, {
      input: [h, wd],
      kernel: [k, k],
      stride: s,
      pad: p,
      outputPadding: [op, op],
    });
    return ACTIVATIONS[spec.activation].forward(g, z);
  },
  vjp(g, spec, { x, y, params: [w], xShape, yShape }, dy, _ctx, needDx) {
    const { k, s, p } = geometryOf(spec);
    const [, h, wd] = xShape as [number, number, number];
    const [, ho, wo] = yShape as [number, number, number];
    const dz = ACTIVATIONS[spec.activation].vjp(g, y, dy);
    const db = g.op('ReduceSum', [dz, g.int64s([0, 2, 3])], { keepdims: 0 });
    const dW = weightGradient(g, dz, x, [h, wd], [k, k], s, p);
    const dx = needDx ? conv(g, dz, w!, undefined, { input: [ho, wo], kernel: [k, k], stride: s, pad: p }) : undefined;
    return { dx, dParams: [dW, db] };
  },
};
