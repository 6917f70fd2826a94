# usage: python torch_family.py SPEC_JSON MNIST_RAW_DIR OUT_PARAMS [--epochs 3] [--subset 4096] [--batch 256]
#        [--lr 1e-3] [--weight-decay 1e-5] [--patience 5] [--seed 0] [--threads 1]
#
# Real PyTorch trained on a bottleneck model spec (model.json's "spec", `bottleneck summary`'s presets) exactly
# as bottleneck trains it: the initial weights numpy.random.default_rng(seed) draws layer by layer in the
# spec's parameter order (kernel then bias, each U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with PyTorch's fan-in,
# rounded to float32; a dense kernel drawn [in, out]), then the same generator's permutation of the first SUBSET training images each epoch; Adam (lr,
# weight_decay as L2 on the gradient), ReduceLROnPlateau on the epoch's mean loss; the spec's loss
# (nn.MSELoss, nn.BCELoss, or BCE summed) plus each layer's penalty (an L1 activity penalty averaged over rows).
# Prints one JSON line per epoch ({"epoch", "loss", "test_mse"}) and a last one with every epoch; writes the
# final parameters to OUT_PARAMS as little-endian float32 in bottleneck's layout (dense kernels [in, out],
# convolution weights in PyTorch's own layout).
#
# Each layer kind is one builder in LAYERS (dense, l1-activity, reshape, conv2d, conv-transpose2d); a variational
# layer needs bottleneck's ε stream (latentNoise of seed, epoch and image) and has none yet.
import argparse, json, struct, sys
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

p = argparse.ArgumentParser()
p.add_argument('spec'); p.add_argument('data'); p.add_argument('out')
p.add_argument('--epochs', type=int, default=3); p.add_argument('--subset', type=int, default=4096)
p.add_argument('--batch', type=int, default=256); p.add_argument('--lr', type=float, default=1e-3)
p.add_argument('--weight-decay', type=float, default=1e-5); p.add_argument('--patience', type=int, default=5)
p.add_argument('--seed', type=int, default=0); p.add_argument('--threads', type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)

spec = json.load(open(a.spec))
if 'spec' in spec: spec = spec['spec']  # a whole model.json

def images(path):
    raw = open(path, 'rb').read(); n, r, c = struct.unpack('>III', raw[4:16])
    # the same float32 division the project's graphs do on the bytes
    return np.frombuffer(raw, np.uint8, offset=16).reshape(n, r * c).astype(np.float32) / np.float32(255)

train = torch.from_numpy(images(f'{a.data}/train-images-idx3-ubyte')[:a.subset].copy())
test = torch.from_numpy(images(f'{a.data}/t10k-images-idx3-ubyte'))
rng = np.random.default_rng(a.seed)

ACTIVATIONS = {
    'relu': nn.ReLU, 'sigmoid': nn.Sigmoid, 'tanh': nn.Tanh,
    'leaky-relu': lambda: nn.LeakyReLU(0.01), 'linear': nn.Identity,
}

def uniform(shape, fan_in):
    k = 1 / np.sqrt(fan_in)
    return torch.from_numpy(rng.uniform(-k, k, size=int(np.prod(shape))).astype(np.float32).reshape(shape))

# Each builder takes the layer and the per-row shape of its input, draws its parameters in
# bottleneck's layout order, and sets .shape, its per-row output shape.

class Dense(nn.Module):
    """nn.Linear and its activation; the kernel drawn [in, out] as bottleneck stores it."""
    def __init__(s, layer, shape):
        super().__init__(); (width,) = shape
        s.linear = nn.Linear(width, layer['units']); s.act = ACTIVATIONS[layer['activation']]()
        s.linear.weight.data = uniform((width, layer['units']), width).T.contiguous()
        s.linear.bias.data = uniform((layer['units'],), width)
        s.shape = (layer['units'],)
    def forward(s, x, penalties): return s.act(s.linear(x))
    def flat(s): return [s.linear.weight.detach().T.contiguous(), s.linear.bias.detach()]

class L1Activity(nn.Module):
    """y = x; the loss gains weight * sum|x| per row (Keras' activity_regularizer=l1(weight))."""
    def __init__(s, layer, shape): super().__init__(); s.weight = layer['weight']; s.shape = shape
    def forward(s, x, penalties): penalties.append(s.weight * x.abs().reshape(x.shape[0], -1).sum(dim=1)); return x
    def flat(s): return []

class Reshape(nn.Module):
    def __init__(s, layer, shape): super().__init__(); s.shape = tuple(layer['shape'])
    def forward(s, x, penalties): return x.reshape(x.shape[0], *s.shape)
    def flat(s): return []

class Conv(nn.Module):
    """nn.Conv2d or nn.ConvTranspose2d and its activation; weights drawn in PyTorch's own layout."""
    def __init__(s, layer, shape, transposed):
        super().__init__(); c, h, w = shape; k = layer['kernel']
        st, pad, op = layer.get('stride', 1), layer.get('padding', 0), layer.get('outputPadding', 0)
        out = layer['channels']
        if transposed:
            s.conv = nn.ConvTranspose2d(c, out, k, st, pad, op); wshape = (c, out, k, k); fan_in = out * k * k
            side = lambda n: (n - 1) * st - 2 * pad + k + op
        else:
            s.conv = nn.Conv2d(c, out, k, st, pad); wshape = (out, c, k, k); fan_in = c * k * k
            side = lambda n: (n + 2 * pad - k) // st + 1
        s.conv.weight.data = uniform(wshape, fan_in); s.conv.bias.data = uniform((out,), fan_in)
        s.act = ACTIVATIONS[layer.get('activation', 'linear')](); s.shape = (out, side(h), side(w))
    def forward(s, x, penalties): return s.act(s.conv(x))
    def flat(s): return [s.conv.weight.detach(), s.conv.bias.detach()]

LAYERS = {
    'dense': Dense, 'l1-activity': L1Activity, 'reshape': Reshape,
    'conv2d': lambda layer, shape: Conv(layer, shape, False),
    'conv-transpose2d': lambda layer, shape: Conv(layer, shape, True),
}

class Model(nn.Module):
    def __init__(s, spec):
        super().__init__()
        shape = (spec['inputSize'],); mods = []
        for i, layer in enumerate(spec['layers']):
            if layer['kind'] not in LAYERS: sys.exit(f"torch_family.py: layer kind {layer['kind']} has no builder yet")
            m = LAYERS[layer['kind']](layer, shape); mods.append(m); shape = m.shape
        # named by their place in the spec
        s.layers = nn.ModuleDict({f'layer{i + 1}': m for i, m in enumerate(mods)})
    def forward(s, x):
        penalties = []
        for m in s.layers.values(): x = m(x, penalties)
        return x, penalties
    def flat(s): return torch.cat([t.reshape(-1) for m in s.layers.values() for t in m.flat()])

model = Model(spec)
loss_name = spec.get('loss', 'mse')

def objective(y, x, penalties):
    rows = x.shape[0]
    if loss_name == 'mse': rec = F.mse_loss(y, x)
    elif loss_name == 'bce': rec = F.binary_cross_entropy(y, x)
    elif loss_name == 'bce-sum': rec = F.binary_cross_entropy(y, x, reduction='sum')
    else: sys.exit(f'torch_family.py: loss {loss_name} has no definition yet')
    # a mean loss averages the rows' penalties; a summed one sums them (and is reported per image)
    pen = sum(p.sum() for p in penalties) if penalties else torch.zeros(())
    if loss_name == 'bce-sum': return rec + pen, (rec + pen).item() / rows
    obj = rec + pen / rows
    return obj, obj.item()

opt = torch.optim.Adam(model.parameters(), lr=a.lr, weight_decay=a.weight_decay)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=a.patience)
history = []
for epoch in range(1, a.epochs + 1):
    perm = torch.from_numpy(rng.permutation(len(train)).astype(np.int64)); total = 0.0; batches = 0
    for k in range(0, len(train), a.batch):
        x = train[perm[k:k + a.batch]]
        opt.zero_grad(); y, pens = model(x); obj, reported = objective(y, x, pens); obj.backward(); opt.step()
        total += reported; batches += 1
    sched.step(total / batches)
    with torch.no_grad():
        sse = 0.0
        for k in range(0, len(test), 2048):
            x = test[k:k + 2048]; y, _ = model(x); sse += float(((y - x) ** 2).sum(dim=1).double().sum())
    record = {'epoch': epoch, 'loss': total / batches, 'test_mse': sse / test.numel()}
    history.append(record); print(json.dumps(record), flush=True)
model.flat().numpy().astype('<f4').tofile(a.out)
print(json.dumps({'torch': torch.__version__, 'loss': loss_name, 'epochs': history}))
