import type { VariationalSpec } from '../model-spec';
import { flatWidth, type LayerKind } from './layer-kind';

/**
 * The VAE's bottleneck: μ = x·Wμ + bμ, v = log σ² = x·Wv + bv (two dense heads, each kernel in
 * the model's kernel layout), z = μ + exp(½v)·ε with ε the graph's `eps` input while training,
 * z = μ in a deterministic graph. Its penalty is the KL divergence of N(μ, σ²) from N(0, 1),
 * −½·Σ(1 + v − μ² − eᵛ) per row. Backward, with q the penalty's scale:
 * dμ = dz + q·μ, dv = dz·ε·½exp(½v) + q·½(eᵛ − 1); each head then as a dense layer's.
 */
export const variational: LayerKind<VariationalSpec> = {
  outputShape: (spec, input) => {
    flatWidth(input, 'variational');
    return [spec.latent];
  },
  parameterShapes: (spec, input, kernels) => {
    const inputWidth = flatWidth(input, 'variational');
    const kernel = kernels === 'in-out' ? [inputWidth, spec.latent] : [spec.latent, inputWidth];
    return (['mu', 'logvar'] as const).flatMap((head) => [
      { role: 'kernel' as const, dims: kernel, head, fanIn: inputWidth },
      { role: 'bias' as const, dims: [spec.latent], head, fanIn: inputWidth },
    ]);
  },
  forward(g, spec, x, [wMu, bMu, wVar, bVar], ctx) {
    const flags: Record<string, number> = ctx.kernels === 'in-out' ? {} : { transB: 1 };
    const mu = g.op('Gemm', [x, wMu!, bMu!], flags);
    const logvar = g.op('Gemm', [x, wVar!, bVar!], flags);
    const variance = g.op('Exp', [logvar]);
    const one = g.scalar(1);
    const terms = g.op('Sub', [g.op('Sub', [g.op('Add', [one, logvar]), g.op('Mul', [mu, mu])]), variance]);
    ctx.addPenalty(g.op('Mul', [g.op('ReduceSum', [terms, g.int64s([1])], { keepdims: 0 }), g.scalar(-0.5)]));
    const eps = ctx.latentNoise(spec.latent);
    if (!eps) return { y: mu, saved: [] };
    const sd = g.op('Exp', [g.op('Mul', [logvar, g.scalar(0.5)])]);
    const z = g.op('Add', [mu, g.op('Mul', [sd, eps])]);
    return { y: z, saved: [mu, variance, sd, eps] };
  },
  vjp(g, _spec, { x, params: [wMu, , wVar], saved: [mu, variance, sd, eps] }, dz, ctx, needDx) {
    const q = ctx.penaltyScale();
    const half = g.scalar(0.5);
    const dMu = g.op('Add', [dz, g.op('Mul', [mu!, q])]);
    const sampled = g.op('Mul', [g.op('Mul', [dz, eps!]), g.op('Mul', [sd!, half])]);
    const kl = g.op('Mul', [g.op('Sub', [variance!, g.scalar(1)]), g.op('Mul', [q, half])]);
    const dVar = g.op('Add', [sampled, kl]);
    const inOut = ctx.kernels === 'in-out';
    const head = (d: string, w: string) => ({
      dW: inOut ? g.op('Gemm', [x, d], { transA: 1 }) : g.op('Gemm', [d, x], { transA: 1 }),
      db: g.op('ReduceSum', [d, g.int64s([0])], { keepdims: 0 }),
      dx: needDx ? g.op('Gemm', [d, w], inOut ? { transB: 1 } : {}) : undefined,
    });
    const m = head(dMu, wMu!);
    const v = head(dVar, wVar!);
    const dx = m.dx && v.dx ? g.op('Add', [m.dx, v.dx]) : undefined;
    return { dx, dParams: [m.dW, m.db, v.dW, v.db] };
  },
};
