"""An independent safetensors reader/writer and forward pass in NumPy, for the interop test.

usage: safetensors_numpy.py forward FILE X.bin      -> prints the reconstruction of X (float32 rows of 784) as JSON
       safetensors_numpy.py torch FILE X.bin        -> the same through the lab's nn.Module after load_state_dict(strict)
       safetensors_numpy.py write FILE SEED          -> writes a random lab-sized model, PyTorch layout
"""
import json, struct, sys
import numpy as np

NAMES = [f"fc{i}.{k}" for i in range(1, 5) for k in ("weight", "bias")]


def read(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name in NAMES:
        e = header[name]
        assert e["dtype"] == "F32", e
        b, end = e["data_offsets"]
        out[name] = np.frombuffer(data[b:end], dtype="<f4").reshape(e["shape"])
    return out


def forward(sd, x):
    h = x
    for i in range(1, 5):
        z = h @ sd[f"fc{i}.weight"].T + sd[f"fc{i}.bias"]  # nn.Linear: x W^T + b
        h = np.maximum(z, 0) if i < 4 else 1 / (1 + np.exp(-z))
    return h


def write(path, seed):
    rng = np.random.default_rng(seed)
    sizes = [784, 392, 8, 392, 784]
    tensors, header, offset = [], {}, 0
    for i in range(4):
        bound = 1 / np.sqrt(sizes[i])
        w = rng.uniform(-bound, bound, (sizes[i + 1], sizes[i])).astype("<f4")
        b = rng.uniform(-bound, bound, (sizes[i + 1],)).astype("<f4")
        for name, t in ((f"fc{i + 1}.weight", w), (f"fc{i + 1}.bias", b)):
            header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + t.nbytes]}
            tensors.append(t.tobytes())
            offset += t.nbytes
    header["__metadata__"] = {"format": "pt"}
    js = json.dumps(header).encode()
    js += b" " * (-len(js) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)) + js + b"".join(tensors))


def torch_forward(sd, x):
    import torch
    from torch import nn

    class Lab(nn.Module):  # the lab's model, as its PyTorch notebook defines it
        def __init__(self, n_in, n_hidden, n_code):
            super().__init__()
            self.fc1, self.fc2 = nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_code)
            self.fc3, self.fc4 = nn.Linear(n_code, n_hidden), nn.Linear(n_hidden, n_in)

        def forward(self, x):
            x = torch.relu(self.fc2(torch.relu(self.fc1(x))))
            return torch.sigmoid(self.fc4(torch.relu(self.fc3(x))))

    hidden, n_in = sd["fc1.weight"].shape
    model = Lab(n_in, hidden, sd["fc2.weight"].shape[0])
    model.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in sd.items()}, strict=True)
    with torch.no_grad():
        return model(torch.from_numpy(x)).numpy()


if __name__ == "__main__":
    if sys.argv[1] in ("forward", "torch"):
        x = np.fromfile(sys.argv[3], dtype="<f4").reshape(-1, 784)
        run = forward if sys.argv[1] == "forward" else torch_forward
        print(json.dumps(run(read(sys.argv[2]), x).astype(np.float64).ravel().tolist()))
    else:
        write(sys.argv[2], int(sys.argv[3]))
