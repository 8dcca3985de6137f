#!/usr/bin/python3
"""Writes the PyTorch-made fixtures of model-exchange's import tests into
model-exchange/src/test/resources/torch/.

PyTorch is the framework users come from, so these files are what `convnet import` and
`convnet train --weights` must take as PyTorch writes them:

- keras_mnist.onnx: the keras-mnist preset's shape (conv 32/64/64 3x3 + relu, 2x2 max pools,
  dense 64 + relu, dense 10 + softmax), trained briefly here on the bundled Fashion-MNIST, exported
  by torch.onnx.export (opset 17, dynamic batch);
- keras_mnist.safetensors: the same net's state_dict under PyTorch's names (features.0.weight,
  classifier.1.weight, ...), F32, written in the safetensors layout by hand (no extra package);
- features.onnx: a small net with what a keras-mnist net lacks: strided conv with PyTorch's
  symmetric padding=1, batch norm, leaky relu, average pooling, padded max pooling, dropout, tanh;
- features.safetensors: its state_dict with the tensors stored as F64, F16 and BF16 and the I64
  num_batches_tracked counters, to test conversion and skipping;
- torch_models.json: PyTorch's accuracy of keras_mnist on all 10,000 test images, its outputs for
  the first 16 test images of both nets, and the float32 values of features' converted tensors.

Run with Debian's interpreter (python3-torch, python3-onnx):

    /usr/bin/python3 test-data/scripts/make_torch_models.py

Deterministic up to PyTorch's CPU kernels: seeded, single-threaded.
"""

import gzip
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "src", "main", "resources", "io", "github", "convnet4j", "testdata", "fashion-mnist")
OUT = os.path.join(HERE, "..", "..", "model-exchange", "src", "test", "resources", "torch")

torch.manual_seed(20251203)
torch.set_num_threads(1)

def idx(name):
    with gzip.open(os.path.join(DATA, name + ".gz"), "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw[4 + 4 * rank:], dtype=np.uint8).reshape(dims)

def images(name):
    # Our MNIST reader scales bytes to [0, 1] as x / 255.
    return torch.from_numpy(idx(name).astype(np.float32) / 255.0).unsqueeze(1)

class KerasMnist(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3), nn.ReLU())
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, x):
        return self.classifier(self.features(x))

class Features(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2),
            nn.AvgPool2d(2), nn.MaxPool2d(3, stride=2, padding=1))
        self.classifier = nn.Sequential(nn.Dropout(0.25), nn.Flatten(), nn.Linear(256, 32), nn.Tanh(), nn.Linear(32, 10))

    def forward(self, x):
        return self.classifier(self.features(x))

class WithSoftmax(nn.Module):
    """The exported graph ends with softmax, as convnet4j's predict output does."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)

def train(net, x, y, steps, batch=64):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    net.train()
    g = torch.Generator().manual_seed(1)
    for _ in range(steps):
        i = torch.randint(0, x.shape[0], (batch,), generator=g)
        opt.zero_grad()
        loss_fn(net(x[i]), y[i]).backward()
        opt.step()
    net.eval()

def accuracy(net, x, y):
    with torch.no_grad():
        return int((net(x).argmax(1) == y).sum())

def export(net, path):
    torch.onnx.export(WithSoftmax(net), torch.zeros(1, 1, 28, 28), path, opset_version=17,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    # export() restores the wrapper's training mode (True) recursively: put the net back in eval.
    net.eval()

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}

def save_safetensors(tensors, path):
    """The safetensors layout: u64 header length, JSON header, raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.contiguous()
        if t.dtype == torch.bfloat16:
            raw = t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            raw = t.numpy().newbyteorder("<").tobytes() if t.numpy().dtype.byteorder == ">" else t.numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)

def main():
    os.makedirs(OUT, exist_ok=True)
    train_x, train_y = images("train-images-idx3-ubyte"), torch.from_numpy(idx("train-labels-idx1-ubyte").astype(np.int64))
    test_x, test_y = images("t10k-images-idx3-ubyte"), torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))

    mnist = KerasMnist()
    train(mnist, train_x, train_y, steps=600)
    correct = accuracy(mnist, test_x, test_y)
    export(mnist, os.path.join(OUT, "keras_mnist.onnx"))
    save_safetensors(mnist.state_dict(), os.path.join(OUT, "keras_mnist.safetensors"))

    features = Features()
    train(features, train_x, train_y, steps=150)
    export(features, os.path.join(OUT, "features.onnx"))
    sd = features.state_dict()
    stored = {}
    for i, (name, t) in enumerate(sd.items()):
        if t.dtype == torch.int64:
            stored[name] = t  # num_batches_tracked: bookkeeping the importer must ignore
        else:
            stored[name] = t.to([torch.float64, torch.float16, torch.bfloat16, torch.float32][i % 4])
    save_safetensors(stored, os.path.join(OUT, "features.safetensors"))

    probe = test_x[:16]
    with torch.no_grad():
        out_mnist = torch.softmax(mnist(probe), 1)
        out_features = torch.softmax(features(probe), 1)
    summary = {
        "torch": torch.__version__,
        "test_images": int(test_x.shape[0]),
        "keras_mnist_correct": correct,
        "keras_mnist_accuracy": correct / test_x.shape[0],
        "probe_images": 16,
        "keras_mnist_probe_output": [float(v) for v in out_mnist.flatten()],
        "features_probe_output": [float(v) for v in out_features.flatten()],
        "features_stored_dtypes": {k: DTYPES[v.dtype] for k, v in stored.items()},
        "features_as_float32": {k: [float(x) for x in v.to(torch.float32).flatten()]
                                for k, v in stored.items() if v.dtype != torch.int64 and v.numel() <= 32},
    }
    with open(os.path.join(OUT, "torch_models.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")

    import onnx
    for name in ("keras_mnist.onnx", "features.onnx"):
        m = onnx.load(os.path.join(OUT, name))
        onnx.checker.check_model(m)
        print(name, [n.op_type for n in m.graph.node])
    print("keras_mnist accuracy", correct / test_x.shape[0])

if __name__ == "__main__":
    main()
