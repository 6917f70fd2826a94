# usage: python latent_noise.py WIDTH EPOCH SEED [--test] IMAGE [IMAGE …]   (prints the rows' ε as JSON)
#
# A VAE's ε exactly as @bottleneck/image's latentNoise draws it (packages/image/src/noise.ts): a pure
# function of (seed, epoch, image) in uint32 arithmetic (Wellons' lowbias32 hash), Box–Muller in
# float64, stored float32. bench/torch_family.py feeds it to its variational layers; the parity test
# compares this with the TypeScript function.
import json, sys
import numpy as np

M32 = np.uint64(0xFFFFFFFF)
GOLDEN = np.uint64(0x9E3779B9)
LATENT_STREAM = np.uint64(0x2545F491)
# test images' ε (the test-set loss) is another stream: their indices repeat the training images'
TEST_SPLIT = np.uint64(0x7F4A7C15)


def mix32(x):
    h = np.asarray(x, dtype=np.uint64) & M32
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x7FEB352D)) & M32
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x846CA68B)) & M32
    h ^= h >> np.uint64(16)
    return h


def row_keys(seed, epoch, images):
    seed_key = mix32(mix32(np.uint64(seed % 2**32)) ^ np.uint64(seed // 2**32))
    epoch_key = mix32(seed_key ^ mix32(np.uint64(epoch)))
    return mix32(epoch_key + np.asarray(images, dtype=np.uint64))


def unit(h):
    return (h.astype(np.float64) + 0.5) * 2.0**-32


def latent_noise(images, width, epoch, seed, split='train'):
    """[len(images), width] float32: value j of image i is Box–Muller of the pair (2⌊j/2⌋, 2⌊j/2⌋ + 1)."""
    stream = LATENT_STREAM ^ TEST_SPLIT if split == 'test' else LATENT_STREAM
    keys = mix32(row_keys(seed, epoch, images) ^ stream)[:, None]
    pairs = np.arange(0, width, 2, dtype=np.uint64)[None, :]
    u = lambda p: unit(mix32(keys + ((p * GOLDEN) & M32)))
    radius = np.sqrt(-2 * np.log(u(pairs)))
    angle = 2 * np.pi * u(pairs + np.uint64(1))
    out = np.empty((len(keys), pairs.shape[1] * 2), dtype=np.float64)
    out[:, 0::2] = radius * np.cos(angle)
    out[:, 1::2] = radius * np.sin(angle)
    return out[:, :width].astype(np.float32)


if __name__ == '__main__':
    width, epoch, seed = (int(v) for v in sys.argv[1:4])
    split = 'test' if '--test' in sys.argv[4:] else 'train'
    images = [int(v) for v in sys.argv[4:] if v != '--test']
    print(json.dumps(latent_noise(images, width, epoch, seed, split).astype(float).tolist()))
