#!/usr/bin/python3
"""Regenerates the PyTorch golden values in test-data/src/main/resources/golden/.

PyTorch is an implementation independent of convnet4j, so these files catch convention mistakes
that a comparison of our own backends with each other cannot (which padding an average excludes,
which variance a running average takes, how a soft-label cross-entropy is averaged).

Run from anywhere with Debian's interpreter, which has python3-torch:

    /usr/bin/python3 test-data/scripts/make_golden.py

Determinism: every input comes from one torch.Generator seeded with SEED, in a fixed order, so a
rerun with the same PyTorch writes identical files.

Precision: inputs are drawn in float32 and stored as float32 values (so Java can upload them
exactly); everything is then computed in float64 from those values and stored with 9 significant
digits (relative error <= 5e-9). The files are therefore an almost exact reference for the given
float32 inputs: a float32 backend is checked with float32 tolerances, and the CPU reference in
F64 can be checked tightly.

Layout of each file (shapes outermost first, data flat and row-major):

    {"op": ..., "generator": ..., "torch": ..., "precision": ...,
     "cases": [{"name": ..., "params": {...},
                "tensors": {"x": {"shape": [2, 3, 7, 6], "data": [...]}, ...}}]}

Every convention is also checked here against a formula written out by hand in float64, so a
PyTorch behaviour that differs from our SPI javadoc fails this script instead of shipping.
"""

import json
import os

import torch
import torch.nn.functional as F

SEED = 20240601
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "golden")

gen = torch.Generator().manual_seed(SEED)
f64 = torch.float64


def uniform(shape, lo=-1.0, hi=1.0):
    """float32 uniform values in [lo, hi), returned as float64 (exactly the float32 values)."""
    t = torch.rand(shape, generator=gen, dtype=torch.float32) * (hi - lo) + lo
    return t.to(f64)


def away_from_zero(shape, scale, gap):
    """float32 values with gap <= |v| < scale, random signs (no rounding can flip a kink)."""
    u = torch.rand(shape, generator=gen, dtype=torch.float32) * 2 - 1
    v = torch.sign(u) * (gap + (scale - gap) * u.abs())
    return v.to(torch.float32).to(f64)


def as_f32(t):
    """Rounds a float64 tensor to float32 values (kept as float64)."""
    return t.to(torch.float32).to(f64)


def tensor_json(t, exact_f32):
    t = t.detach().contiguous()
    if exact_f32:
        assert torch.equal(as_f32(t), t), "input is not float32-representable"
        # 9 significant digits round-trip every float32 exactly.
    data = [float("%.9g" % v) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": data}


def case(name, params, inputs, outputs):
    tensors = {k: tensor_json(v, True) for k, v in inputs.items()}
    tensors.update({k: tensor_json(v, False) for k, v in outputs.items()})
    return {"name": name, "params": params, "tensors": tensors}


def write(op, description, cases):
    doc = {
        "op": op,
        "description": description,
        "generator": "test-data/scripts/make_golden.py (seed %d)" % SEED,
        "torch": torch.__version__,
        "precision": "inputs are float32 values; outputs computed in float64, 9 significant digits",
        "cases": cases,
    }
    path = os.path.join(OUT_DIR, op + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("%-40s %3d cases %7d bytes" % (os.path.relpath(path), len(cases), os.path.getsize(path)))


def close(a, b, what):
    assert torch.allclose(a, b, rtol=1e-12, atol=1e-12), "convention check failed: " + what


# ---------------------------------------------------------------- conv2d

def conv_case(name, n, c, h, w, k, r, s, stride, pad, dilation, bias=True):
    """pad = (top, left, bottom, right); asymmetric padding goes through F.pad, as Keras 'same' does."""
    x = uniform((n, c, h, w)).requires_grad_()
    wt = uniform((k, c, r, s)).requires_grad_()
    b = uniform((k,)).requires_grad_() if bias else None
    top, left, bottom, right = pad
    xp = F.pad(x, (left, right, top, bottom))
    y = F.conv2d(xp, wt, b, stride=stride, dilation=dilation)
    dy = uniform(tuple(y.shape))
    y.backward(dy)
    inputs = {"x": x, "w": wt, "dy": dy}
    outputs = {"y": y, "dx": x.grad, "dw": wt.grad}
    if bias:
        inputs["b"] = b
        outputs["db"] = b.grad
    params = {"stride": list(stride), "pad": list(pad), "dilation": list(dilation), "bias": bias}
    return case(name, params, inputs, outputs)


def make_conv():
    cases = [
        conv_case("3x3 stride 1 pad 1", 2, 3, 6, 5, 4, 3, 3, (1, 1), (1, 1, 1, 1), (1, 1)),
        conv_case("3x3 stride 2 pad 1", 2, 3, 7, 6, 4, 3, 3, (2, 2), (1, 1, 1, 1), (1, 1)),
        conv_case("3x3 dilation 2 pad 2", 1, 3, 8, 7, 2, 3, 3, (1, 1), (2, 2, 2, 2), (2, 2)),
        conv_case("1x1", 2, 8, 4, 3, 5, 1, 1, (1, 1), (0, 0, 0, 0), (1, 1)),
        conv_case("2x2 asymmetric pad (0, 0, 1, 1)", 1, 3, 5, 6, 3, 2, 2, (1, 1), (0, 0, 1, 1), (1, 1)),
        conv_case("5x5 stride 2 pad 2", 1, 2, 9, 9, 3, 5, 5, (2, 2), (2, 2, 2, 2), (1, 1)),
        conv_case("3x3 stride 2x1 no bias", 2, 2, 7, 5, 3, 3, 3, (2, 1), (0, 0, 0, 0), (1, 1), bias=False),
    ]
    write("conv2d", "F.conv2d (cross-correlation) forward and gradients for upstream gradient dy", cases)


# ---------------------------------------------------------------- pooling

def pool_case(name, mode, n, c, h, w, window, stride, pad):
    x = uniform((n, c, h, w)).requires_grad_()
    if mode == "MAX":
        y = F.max_pool2d(x, window, stride, pad)
    else:
        y = F.avg_pool2d(x, window, stride, pad, count_include_pad=False)
    dy = uniform(tuple(y.shape))
    y.backward(dy)
    if mode == "AVERAGE":
        # Our SPI divides by the number of real (unpadded) inputs in the window: check by hand.
        ones = F.pad(torch.ones(1, 1, h, w, dtype=f64), (pad[1], pad[1], pad[0], pad[0]))
        xp = F.pad(x.detach(), (pad[1], pad[1], pad[0], pad[0]))
        counts = F.avg_pool2d(ones, window, stride, 0) * window[0] * window[1]
        sums = F.avg_pool2d(xp, window, stride, 0) * window[0] * window[1]
        close(y.detach(), sums / counts, "avg_pool2d count_include_pad=False excludes padding")
    params = {"mode": mode, "window": list(window), "stride": list(stride),
              "pad": [pad[0], pad[1], pad[0], pad[1]]}
    return case(name, params, {"x": x, "dy": dy}, {"y": y, "dx": x.grad})


def make_pool():
    cases = [
        pool_case("max 2x2 stride 2", "MAX", 2, 2, 6, 6, (2, 2), (2, 2), (0, 0)),
        pool_case("max 3x3 stride 2 pad 1", "MAX", 1, 3, 7, 7, (3, 3), (2, 2), (1, 1)),
        pool_case("max 3x3 stride 1 pad 1 (overlapping)", "MAX", 1, 2, 5, 6, (3, 3), (1, 1), (1, 1)),
        pool_case("average 3x3 stride 2 pad 1", "AVERAGE", 1, 3, 7, 7, (3, 3), (2, 2), (1, 1)),
        pool_case("average 2x2 stride 2 pad 1", "AVERAGE", 2, 2, 5, 5, (2, 2), (2, 2), (1, 1)),
        pool_case("average global 4x5", "AVERAGE", 2, 3, 4, 5, (4, 5), (4, 5), (0, 0)),
    ]
    write("pool2d", "F.max_pool2d and F.avg_pool2d(count_include_pad=False), forward and gradient", cases)


# ---------------------------------------------------------------- batch norm

def bn_case(name, shape, eps, momentum):
    c = shape[1]
    axes = [0] + list(range(2, len(shape)))
    offset = uniform((c,), -2, 2)
    spread = uniform((c,), 0.5, 2)
    view = [1, c] + [1] * (len(shape) - 2)
    x = as_f32(uniform(shape) * spread.view(view) + offset.view(view))
    gamma = away_from_zero((c,), 1.5, 0.5)
    beta = uniform((c,))
    rm_in = uniform((c,))
    rv_in = uniform((c,), 0.5, 2)

    rm, rv = rm_in.clone(), rv_in.clone()
    y, save_mean, save_invstd = torch.native_batch_norm(x, gamma, beta, rm, rv, True, momentum, eps)

    # Conventions of our SPI, written out: biased variance to normalize, unbiased in the running
    # average, running = (1 - f) running + f batch with f = PyTorch's momentum.
    m = x.numel() // c
    mean = x.mean(dim=axes)
    var_biased = x.var(dim=axes, unbiased=False)
    close(save_mean, mean, "save_mean is the batch mean")
    close(save_invstd, 1 / torch.sqrt(var_biased + eps), "save_invstd = 1/sqrt(biased var + eps)")
    close(rm, (1 - momentum) * rm_in + momentum * mean, "running mean update")
    close(rv, (1 - momentum) * rv_in + momentum * var_biased * m / (m - 1), "running var uses the unbiased variance")

    xg = x.clone().requires_grad_()
    gg = gamma.clone().requires_grad_()
    bg = beta.clone().requires_grad_()
    y2 = F.batch_norm(xg, rm_in.clone(), rv_in.clone(), gg, bg, True, momentum, eps)
    close(y2.detach(), y, "F.batch_norm matches native_batch_norm")
    dy = uniform(shape)
    y2.backward(dy)

    y_inf = F.batch_norm(x, rm_in, rv_in, gamma, beta, False, momentum, eps)
    close(y_inf, gamma.view(view) * (x - rm_in.view(view)) / torch.sqrt(rv_in.view(view) + eps) + beta.view(view),
          "inference uses the running statistics")

    params = {"epsilon": eps, "averagingFactor": momentum}
    inputs = {"x": x, "gamma": gamma, "beta": beta, "running_mean_in": rm_in, "running_var_in": rv_in, "dy": dy}
    outputs = {"y": y, "save_mean": save_mean, "save_inv_std": save_invstd,
               "running_mean_out": rm, "running_var_out": rv,
               "dx": xg.grad, "dgamma": gg.grad, "dbeta": bg.grad, "y_inference": y_inf}
    return case(name, params, inputs, outputs)


def make_batch_norm():
    cases = [
        bn_case("(4, 3, 4, 4) eps 1e-3 momentum 0.1", (4, 3, 4, 4), 1e-3, 0.1),
        bn_case("(2, 2, 3, 5) eps 1e-5 momentum 0.01", (2, 2, 3, 5), 1e-5, 0.01),
        bn_case("(6, 5) eps 1e-3 momentum 0.1", (6, 5), 1e-3, 0.1),
    ]
    write("batch_norm", "torch.native_batch_norm training (output, save_mean, save_invstd, running stats), "
          "F.batch_norm gradients, inference with the input running stats", cases)


# ---------------------------------------------------------------- linear

def linear_case(name, x_shape, out_features):
    x = uniform(x_shape).requires_grad_()
    in_features = x.numel() // x_shape[0]
    w = uniform((out_features, in_features)).requires_grad_()
    b = uniform((out_features,)).requires_grad_()
    y = F.linear(x.reshape(x_shape[0], in_features), w, b)
    dy = uniform(tuple(y.shape))
    y.backward(dy)
    return case(name, {}, {"x": x, "w": w, "b": b, "dy": dy}, {"y": y, "dx": x.grad, "dw": w.grad, "db": b.grad})


def make_linear():
    cases = [
        linear_case("(5, 7) -> 4", (5, 7), 4),
        linear_case("(1, 3) -> 2", (1, 3), 2),
        linear_case("(3, 2, 2, 3) flattened -> 5", (3, 2, 2, 3), 5),
        linear_case("(9, 33) -> 17", (9, 33), 17),
    ]
    write("linear", "F.linear y = x w^T + b (x flattened to (N, in)) and its gradients", cases)


# ---------------------------------------------------------------- activations

def activation_case(kind, alpha, fn, shape, x):
    x = x.clone().requires_grad_()
    y = fn(x)
    dy = uniform(shape)
    y.backward(dy)
    return case("%s alpha %g %s" % (kind, alpha, list(shape)), {"kind": kind, "alpha": alpha},
                {"x": x, "dy": dy}, {"y": y, "dx": x.grad})


def make_activation():
    shape = (4, 6)
    table = [
        ("LINEAR", 0.0, lambda x: x),
        ("RELU", 0.0, F.relu),
        ("LEAKY_RELU", 0.1, lambda x: F.leaky_relu(x, 0.1)),
        ("ELU", 1.0, lambda x: F.elu(x, 1.0)),
        ("SIGMOID", 0.0, torch.sigmoid),
        ("TANH", 0.0, torch.tanh),
        ("SWISH", 0.0, F.silu),
    ]
    cases = [activation_case(k, a, fn, shape, away_from_zero(shape, 5, 1e-3)) for k, a, fn in table]
    z = uniform((5, 6), -4, 4)
    z[0] += 60   # a row that overflows float32 exp without the max subtracted
    cases.append(activation_case("SOFTMAX", 0.0, lambda x: F.softmax(x, dim=1), (5, 6), as_f32(z)))
    write("activation", "pointwise activations (leaky_relu slope 0.1, elu alpha 1, silu = swish) and softmax "
          "over dim 1, with their gradients for upstream dy", cases)


# ---------------------------------------------------------------- losses

def loss_case(name, kind, fn, manual, output, target):
    o = output.clone().requires_grad_()
    loss = fn(o, target)
    close(loss.detach(), manual(output, target), kind + " matches the SPI formula")
    loss.backward()
    return case(name, {"kind": kind}, {"output": output, "target": target},
                {"loss": loss.detach().reshape(1), "grad": o.grad})


def make_loss():
    n, f = 4, 5
    one_hot = F.one_hot(torch.randint(0, f, (n,), generator=gen), f).to(f64)
    soft = torch.softmax(uniform((n, f), -2, 2), dim=1)
    soft = as_f32(soft)   # rows sum to 1 up to float32 rounding; the SPI gradient uses sum_i t_i

    def ce_manual(z, t):
        return (-(t * torch.log_softmax(z, dim=1)).sum(dim=1)).mean()

    def bce_manual(z, t):
        return (torch.clamp(z, min=0) - z * t + torch.log1p(torch.exp(-z.abs()))).mean()

    def mse_manual(o, t):
        return ((o - t) ** 2).mean()

    def mae_manual(o, t):
        return (o - t).abs().mean()

    ce = lambda z, t: F.cross_entropy(z, t, reduction="mean")
    bce = lambda z, t: F.binary_cross_entropy_with_logits(z, t, reduction="mean")
    mae_out = uniform((5, 4), -2, 2)
    mae_target = uniform((5, 4), -2, 2)
    mae_target.view(-1)[::3] = mae_out.view(-1)[::3]   # sign(0) = 0 in the gradient
    cases = [
        loss_case("cross-entropy one-hot (4, 5)", "SOFTMAX_CROSS_ENTROPY", ce, ce_manual, uniform((n, f), -3, 3), one_hot),
        loss_case("cross-entropy soft labels (4, 5)", "SOFTMAX_CROSS_ENTROPY", ce, ce_manual, uniform((n, f), -3, 3), soft),
        # Rows not summing to 1: the gradient is softmax(z) sum_i t_i - t, as our SPI says.
        loss_case("cross-entropy unnormalized targets (3, 4)", "SOFTMAX_CROSS_ENTROPY", ce, ce_manual,
                  uniform((3, 4), -3, 3), uniform((3, 4), 0, 1)),
        loss_case("binary cross-entropy soft targets (6, 3)", "SIGMOID_BINARY_CROSS_ENTROPY", bce, bce_manual,
                  uniform((6, 3), -8, 8), uniform((6, 3), 0, 1)),
        loss_case("binary cross-entropy hard targets (8, 1)", "SIGMOID_BINARY_CROSS_ENTROPY", bce, bce_manual,
                  uniform((8, 1), -20, 20), torch.randint(0, 2, (8, 1), generator=gen).to(f64)),
        loss_case("mean squared error (5, 4)", "MEAN_SQUARED_ERROR", F.mse_loss, mse_manual,
                  uniform((5, 4), -2, 2), uniform((5, 4), -2, 2)),
        loss_case("mean absolute error (5, 4)", "MEAN_ABSOLUTE_ERROR", F.l1_loss, mae_manual, mae_out, mae_target),
    ]
    write("loss", "F.cross_entropy (probability targets), F.binary_cross_entropy_with_logits, F.mse_loss, F.l1_loss, "
          "reduction mean, with d loss / d output", cases)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    make_conv()
    make_pool()
    make_batch_norm()
    make_linear()
    make_activation()
    make_loss()


if __name__ == "__main__":
    main()
