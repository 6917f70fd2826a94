# usage: python torch_family.py SPEC_JSON MNIST_RAW_DIR OUT_PARAMS [--epochs 3] [--subset 4096] [--batch 256]
#        [--lr 1e-3] [--weight-decay 1e-5] [--patience 5] [--seed 0] [--latent-seed 0] [--threads 1] [--time]
#
# Real PyTorch trained on a bottleneck model spec (model.json's "spec", `bottleneck summary`'s presets) exactly
# as bottleneck trains it: the initial weights numpy.random.default_rng(seed) draws layer by layer in the
# spec's parameter order (kernel [in, out] then bias, each U(-1/sqrt(fan_in), 1/sqrt(fan_in)), rounded to
# float32), then the same generator's permutation of the first SUBSET training images each epoch; Adam (lr,
# weight_decay as L2 on the gradient), ReduceLROnPlateau on the epoch's mean loss; the spec's loss
# (nn.MSELoss, nn.BCELoss, or BCE summed) plus each layer's penalty (an L1 activity penalty averaged over rows).
# Prints one JSON line per epoch ({"epoch", "loss", "test_mse", "test_loss"}) and a last one with every epoch; writes the
# final parameters to OUT_PARAMS as little-endian float32 in bottleneck's layout (kernels [in, out]).
#
# A variational layer's ε is latent_noise.py's, the same pure function of (latent seed, epoch, image) as
# bottleneck's; its test MSE is the deterministic model's (z = μ), its test loss samples z with the test
# images' ε (latent_noise's 'test' split) as pytorch/examples' test loss samples. --time adds each epoch's seconds
# ("seconds", the training loop only) for `bottleneck bench`.
#
# Each layer kind is one builder in LAYERS.
import argparse, json, os, struct, sys, time
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
p.add_argument('--latent-seed', type=int, default=0); p.add_argument('--time', action='store_true')
a = p.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latent_noise import latent_noise
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
    return torch.from_numpy(rng.uniform(-k, k, size=shape).astype(np.float32))

class Dense(nn.Module):
    """nn.Linear and its activation; the kernel drawn [in, out] as bottleneck stores it."""
    def __init__(s, layer, width):
        super().__init__()
        width = flat(width, 'dense')
        s.linear = nn.Linear(width, layer['units']); s.act = ACTIVATIONS[layer['activation']]()
        s.linear.weight.data = uniform((width, layer['units']), width).T.contiguous()
        s.linear.bias.data = uniform((layer['units'],), width)
        s.width = layer['units']
    def forward(s, x, penalties, eps): return s.act(s.linear(x))
    def flat(s): return [s.linear.weight.detach().T.contiguous(), s.linear.bias.detach()]

class L1Activity(nn.Module):
    """y = x; the loss gains weight * sum|x| per row (Keras' activity_regularizer=l1(weight))."""
    def __init__(s, layer, width): super().__init__(); s.weight = layer['weight']; s.width = width
    def forward(s, x, penalties, eps): penalties.append(s.weight * x.abs().sum(dim=1)); return x
    def flat(s): return []

def flat(width, kind):
    if isinstance(width, tuple): sys.exit(f'torch_family.py: a {kind} layer takes flat rows, got {width}')
    return width

def image(width, kind):
    if not (isinstance(width, tuple) and len(width) == 3): sys.exit(f'torch_family.py: a {kind} layer takes [C, H, W] rows, got {width}')
    return width

class Reshape(nn.Module):
    """Each row to the spec's shape (a tuple for images, an int when flat)."""
    def __init__(s, layer, width):
        super().__init__(); shape = tuple(layer['shape'])
        s.shape = shape; s.width = shape[0] if len(shape) == 1 else shape
    def forward(s, x, penalties, eps): return x.reshape(-1, *s.shape)
    def flat(s): return []

class Conv2d(nn.Module):
    """nn.Conv2d and its activation; weight [out, in, k, k] (one layout), fan-in in·k²."""
    def __init__(s, layer, width):
        super().__init__()
        c, h, w = image(width, 'conv2d'); k = layer['kernel']; st = layer.get('stride', 1); pd = layer.get('padding', 0)
        s.conv = nn.Conv2d(c, layer['channels'], k, st, pd); s.act = ACTIVATIONS[layer['activation']]()
        s.conv.weight.data = uniform((layer['channels'], c, k, k), c * k * k)
        s.conv.bias.data = uniform((layer['channels'],), c * k * k)
        side = lambda n: (n + 2 * pd - k) // st + 1
        s.width = (layer['channels'], side(h), side(w))
    def forward(s, x, penalties, eps): return s.act(s.conv(x))
    def flat(s): return [s.conv.weight.detach(), s.conv.bias.detach()]

class ConvTranspose2d(nn.Module):
    """nn.ConvTranspose2d and its activation; weight [in, out, k, k], fan-in out·k² (PyTorch's)."""
    def __init__(s, layer, width):
        super().__init__()
        c, h, w = image(width, 'conv-transpose2d'); k = layer['kernel']; out = layer['channels']
        st = layer.get('stride', 1); pd = layer.get('padding', 0); op = layer.get('outputPadding', 0)
        s.conv = nn.ConvTranspose2d(c, out, k, st, pd, op); s.act = ACTIVATIONS[layer['activation']]()
        s.conv.weight.data = uniform((c, out, k, k), out * k * k)
        s.conv.bias.data = uniform((out,), out * k * k)
        side = lambda n: (n - 1) * st - 2 * pd + k + op
        s.width = (out, side(h), side(w))
    def forward(s, x, penalties, eps): return s.act(s.conv(x))
    def flat(s): return [s.conv.weight.detach(), s.conv.bias.detach()]

class Variational(nn.Module):
    """pytorch/examples' fc21/fc22: μ and log σ² heads, z = μ + exp(½ log σ²)·ε (z = μ without ε),
    the KL divergence −½Σ(1 + log σ² − μ² − σ²) per row as a penalty; heads drawn μ then log σ²."""
    def __init__(s, layer, width):
        super().__init__()
        width = flat(width, 'variational'); n = layer['latent']
        s.mu = nn.Linear(width, n); s.logvar = nn.Linear(width, n)
        for head in (s.mu, s.logvar):
            head.weight.data = uniform((width, n), width).T.contiguous(); head.bias.data = uniform((n,), width)
        s.width = n
    def forward(s, x, penalties, eps):
        mu, logvar = s.mu(x), s.logvar(x)
        penalties.append(-0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1))
        return mu if eps is None else mu + torch.exp(0.5 * logvar) * eps
    def flat(s):
        return [t for head in (s.mu, s.logvar) for t in (head.weight.detach().T.contiguous(), head.bias.detach())]

LAYERS = {'dense': Dense, 'l1-activity': L1Activity, 'reshape': Reshape, 'conv2d': Conv2d,
          'conv-transpose2d': ConvTranspose2d, 'variational': Variational}
# bottleneck's safetensors module names (parameter-layout.ts); a variational layer's heads are fc{n}1, fc{n}2
MODULE_NAMES = {'dense': 'fc', 'variational': 'fc', 'conv2d': 'conv', 'conv-transpose2d': 'deconv',
                'reshape': 'reshape', 'l1-activity': 'l1'}

class Model(nn.Module):
    def __init__(s, spec):
        super().__init__()
        width = spec['inputSize']; mods = []
        for i, layer in enumerate(spec['layers']):
            if layer['kind'] not in LAYERS: sys.exit(f"torch_family.py: layer kind {layer['kind']} has no builder yet")
            m = LAYERS[layer['kind']](layer, width); mods.append(m); width = m.width
        # named fc1, conv2, … by their place in the spec, as bottleneck's safetensors export names them
        s.layers = nn.ModuleDict({f"{MODULE_NAMES[l['kind']]}{i + 1}": m for i, (l, m) in enumerate(zip(spec['layers'], mods))})
        s.latent = sum(l['latent'] for l in spec['layers'] if l['kind'] == 'variational')
    def forward(s, x, eps=None):
        penalties = []
        for m in s.layers.values(): x = m(x, penalties, eps)
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
    order = rng.permutation(len(train)); perm = torch.from_numpy(order.astype(np.int64)); total = 0.0; batches = 0
    started = time.perf_counter()
    for k in range(0, len(train), a.batch):
        x = train[perm[k:k + a.batch]]
        eps = torch.from_numpy(latent_noise(order[k:k + a.batch], model.latent, epoch, a.latent_seed)) if model.latent else None
        opt.zero_grad(); y, pens = model(x, eps); obj, reported = objective(y, x, pens); obj.backward(); opt.step()
        total += reported; batches += 1
    seconds = time.perf_counter() - started
    sched.step(total / batches)
    with torch.no_grad():
        sse = 0.0; test_total = 0.0
        for k in range(0, len(test), 2048):
            x = test[k:k + 2048]; y, _ = model(x); sse += float(((y - x) ** 2).sum(dim=1).double().sum())
            # the test loss in the training loss's units: z sampled with the test images' own ε
            eps = torch.from_numpy(latent_noise(np.arange(k, k + len(x)), model.latent, epoch, a.latent_seed, 'test')) if model.latent else None
            y, pens = model(x, eps); test_total += objective(y, x, pens)[1] * len(x)
    record = {'epoch': epoch, 'loss': total / batches, 'test_mse': sse / test.numel(), 'test_loss': test_total / len(test)}
    if a.time: record['seconds'] = seconds
    history.append(record); print(json.dumps(record), flush=True)
model.flat().numpy().astype('<f4').tofile(a.out)
print(json.dumps({'torch': torch.__version__, 'loss': loss_name, 'epochs': history}))
