"""Runs STEPS steps of ../shared/bench/numpy_lab1.py (the NumPy reference of the lab) from its
seed-0 init and epoch-1 order, and writes init.bin, perm.bin and after.bin into OUT for
numpy-parity.test.ts. usage: numpy_parity.py REFERENCE DATA_DIR STEPS OUT"""
import importlib.util, os, sys
import numpy as np

ref, data, steps, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
spec = importlib.util.spec_from_file_location('lab', ref)
lab = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lab)
rng = np.random.default_rng(0)
x = lab.load_images(lab.find(data, 'train-images-idx3-ubyte'))
xa = np.concatenate([x, np.ones((len(x), 1), np.float32)], 1)
P = lab.init_params(rng)
P.flat.tofile(os.path.join(out, 'init.bin'))
G = lab.Params(np.zeros_like(P.flat))
net = lab.Net(P, G, 2048)
opt = lab.Adam(P, G, lr=1e-3, weight_decay=1e-5)
perm = rng.permutation(len(x)).astype(np.uint32)
perm.tofile(os.path.join(out, 'perm.bin'))
losses = []
for k in range(steps):
    batch = np.take(xa, perm[k * 2048:(k + 1) * 2048], axis=0)
    losses.append(net.train_step(batch, len(batch)))
    opt.step()
P.flat.tofile(os.path.join(out, 'after.bin'))
print(' '.join(repr(l) for l in losses))
