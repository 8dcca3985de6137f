#!/usr/bin/env python3
"""Golden values for whole graph blocks: an Inception module and a squeeze-and-excitation block.

Each case holds a convnet4j model spec (functional syntax), the float32 input x, every parameter
(PyTorch layouts equal convnet4j's: conv (K, C, R, S), dense (units, features)), an upstream
gradient dy, and PyTorch's float64 output y, input gradient dx and parameter gradients
("grad:<parameter name>"). The Java side builds the model from the spec, loads the parameters by
name, runs forward and backward and compares. Run from the repository root:

    python3 test-data/scripts/make_golden_blocks.py

Writes test-data/src/main/resources/golden/blocks.json (seed SEED, deterministic).
"""
import json
import os

import torch
import torch.nn.functional as F

SEED = 20240611
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "golden", "blocks.json")
gen = torch.Generator().manual_seed(SEED)
f64 = torch.float64


def uniform(shape, lo=-1.0, hi=1.0):
    """float32 uniform values in [lo, hi), as float64 (exactly the float32 values), tracking gradients."""
    t = (torch.rand(shape, generator=gen, dtype=torch.float32) * (hi - lo) + lo).to(f64)
    return t.requires_grad_(True)


def tensor_json(t):
    data = [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": data}


def conv(x, p, name, pad):
    return F.conv2d(x, p[name + "/kernel"], p[name + "/bias"], padding=pad)


def inception():
    spec = {
        "name": "inception-block",
        "input_shape": [4, 6, 6],
        "outputs": "mix",
        "layers": [
            {"name": "b1", "type": "Conv2D", "filters": 2, "kernel_size": 1, "activation": "relu", "inputs": ["input"]},
            {"name": "b2r", "type": "Conv2D", "filters": 2, "kernel_size": 1, "activation": "relu", "inputs": ["input"]},
            {"name": "b2", "type": "Conv2D", "filters": 3, "kernel_size": 3, "padding": "same", "activation": "relu"},
            {"name": "b3r", "type": "Conv2D", "filters": 1, "kernel_size": 1, "activation": "relu", "inputs": ["input"]},
            {"name": "b3", "type": "Conv2D", "filters": 2, "kernel_size": 5, "padding": "same", "activation": "relu"},
            {"name": "b4p", "type": "MaxPooling2D", "pool_size": 3, "strides": 1, "padding": "same", "inputs": ["input"]},
            {"name": "b4", "type": "Conv2D", "filters": 2, "kernel_size": 1, "activation": "relu"},
            {"name": "mix", "type": "Concatenate", "inputs": ["b1", "b2", "b3", "b4"]},
        ],
    }
    x = uniform((2, 4, 6, 6))
    shapes = {"b1": (2, 4, 1), "b2r": (2, 4, 1), "b2": (3, 2, 3), "b3r": (1, 4, 1), "b3": (2, 1, 5), "b4": (2, 4, 1)}
    p = {}
    for name, (k, c, r) in shapes.items():
        p[name + "/kernel"] = uniform((k, c, r, r), -0.5, 0.5)
        p[name + "/bias"] = uniform((k,), -0.1, 0.1)
    b1 = F.relu(conv(x, p, "b1", 0))
    b2 = F.relu(conv(F.relu(conv(x, p, "b2r", 0)), p, "b2", 1))
    b3 = F.relu(conv(F.relu(conv(x, p, "b3r", 0)), p, "b3", 2))
    b4 = F.relu(conv(F.max_pool2d(x, 3, stride=1, padding=1), p, "b4", 0))
    y = torch.cat([b1, b2, b3, b4], dim=1)
    return spec, x, p, y


def squeeze_excitation():
    spec = {
        "name": "se-block",
        "input_shape": [4, 3, 3],
        "outputs": "scaled",
        "layers": [
            {"name": "squeeze", "type": "GlobalAveragePooling2D"},
            {"name": "reduce", "type": "Dense", "units": 2, "activation": "relu"},
            {"name": "expand", "type": "Dense", "units": 4, "activation": "sigmoid"},
            {"name": "gate", "type": "Reshape", "target_shape": [4, 1, 1]},
            {"name": "scaled", "type": "Multiply", "inputs": ["input", "gate"]},
        ],
    }
    x = uniform((2, 4, 3, 3))
    p = {"reduce/kernel": uniform((2, 4)), "reduce/bias": uniform((2,), -0.1, 0.1),
         "expand/kernel": uniform((4, 2)), "expand/bias": uniform((4,), -0.1, 0.1)}
    s = x.mean(dim=(2, 3))
    z = F.relu(F.linear(s, p["reduce/kernel"], p["reduce/bias"]))
    g = torch.sigmoid(F.linear(z, p["expand/kernel"], p["expand/bias"]))
    y = x * g.reshape(2, 4, 1, 1)
    return spec, x, p, y


def case(name, build):
    spec, x, p, y = build()
    dy = uniform(tuple(y.shape)).detach()
    (y * dy).sum().backward()
    tensors = {"x": tensor_json(x), "dy": tensor_json(dy), "y": tensor_json(y), "dx": tensor_json(x.grad)}
    for k, v in p.items():
        tensors[k] = tensor_json(v)
        tensors["grad:" + k] = tensor_json(v.grad)
    return {"name": name, "params": {"spec": spec}, "tensors": tensors}


def main():
    cases = [case("inception module", inception), case("squeeze-and-excitation block", squeeze_excitation)]
    doc = {
        "op": "blocks",
        "description": "whole graph blocks forward and backward: y, dx and every parameter gradient for dy",
        "generator": "test-data/scripts/make_golden_blocks.py (seed %d)" % SEED,
        "torch": torch.__version__,
        "precision": "inputs and parameters are float32 values; outputs computed in float64, 9 significant digits",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("%s %d bytes" % (os.path.relpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
