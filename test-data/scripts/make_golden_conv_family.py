#!/usr/bin/python3
"""Regenerates the PyTorch golden values of the convolution family beyond conv2d (issue 11):
depthwise (conv2d with groups=C), and the ops added after it.

    /usr/bin/python3 test-data/scripts/make_golden_conv_family.py

Same conventions as make_golden.py (whose helpers it uses): float32 inputs from one seeded
generator, float64 results with 9 significant digits, one JSON file per op under
test-data/src/main/resources/golden/. Its own seed keeps make_golden.py's files unchanged.
"""

import torch
import torch.nn.functional as F

import make_golden as g

g.gen.manual_seed(20261203)


# ---------------------------------------------------------------- depthwise conv2d

def depthwise_case(name, n, c, m, h, w, r, s, stride, pad, dilation, bias=True):
    """Filters (C*M, 1, R, S), groups = C; pad = (top, left, bottom, right) through F.pad."""
    x = g.uniform((n, c, h, w)).requires_grad_()
    wt = g.uniform((c * m, 1, r, s)).requires_grad_()
    b = g.uniform((c * m,)).requires_grad_() if bias else None
    top, left, bottom, right = pad
    y = F.conv2d(F.pad(x, (left, right, top, bottom)), wt, b, stride=stride, dilation=dilation, groups=c)
    # The convention written out: output channel o reads input channel o // M only.
    for o in range(c * m):
        one = F.conv2d(F.pad(x[:, o // m:o // m + 1], (left, right, top, bottom)), wt[o:o + 1], None,
                       stride=stride, dilation=dilation)
        g.close(y[:, o:o + 1].detach() - (b[o].detach() if bias else 0), one.detach(), "depthwise channel order")
    dy = g.uniform(tuple(y.shape))
    y.backward(dy)
    inputs = {"x": x, "w": wt, "dy": dy}
    outputs = {"y": y, "dx": x.grad, "dw": wt.grad}
    if bias:
        inputs["b"] = b
        outputs["db"] = b.grad
    params = {"stride": list(stride), "pad": list(pad), "dilation": list(dilation), "bias": bias}
    return g.case(name, params, inputs, outputs)


def make_depthwise():
    cases = [
        depthwise_case("3x3 stride 1 pad 1", 1, 3, 1, 6, 5, 3, 3, (1, 1), (1, 1, 1, 1), (1, 1)),
        depthwise_case("3x3 multiplier 2 stride 2 same", 1, 3, 2, 7, 6, 3, 3, (2, 2), (0, 0, 1, 1), (1, 1)),
        depthwise_case("3x3 dilation 2 pad 2", 1, 4, 1, 8, 7, 3, 3, (1, 1), (2, 2, 2, 2), (2, 2)),
        depthwise_case("5x5 multiplier 3 stride 2x1 no bias", 1, 2, 3, 9, 8, 5, 5, (2, 1), (2, 2, 2, 2), (1, 1), bias=False),
    ]
    g.write("depthwise2d", "F.conv2d(groups=C) with filters (C*M, 1, R, S): forward and gradients for dy", cases)


# ---------------------------------------------------------------- conv_transpose2d

def transpose_case(name, n, c, f, h, w, r, s, stride, pad, output_padding, dilation, bias=True):
    """Weights (C, F, R, S); symmetric padding; Keras's output padding is PyTorch's output_padding."""
    x = g.uniform((n, c, h, w)).requires_grad_()
    wt = g.uniform((c, f, r, s)).requires_grad_()
    b = g.uniform((f,)).requires_grad_() if bias else None
    y = F.conv_transpose2d(x, wt, b, stride=stride, padding=pad, output_padding=output_padding, dilation=dilation)
    # The convention written out: the transposed convolution is the adjoint of conv2d with the same
    # geometry, i.e. conv2d's input gradient.
    probe = torch.zeros(tuple(y.shape), dtype=g.f64, requires_grad=True)
    F.conv2d(probe, wt.detach(), None, stride=stride, padding=pad, dilation=dilation).backward(x.detach())
    g.close(y.detach() - (b.detach().view(1, f, 1, 1) if bias else 0), probe.grad, "conv_transpose2d is conv2d's input gradient")
    dy = g.uniform(tuple(y.shape))
    y.backward(dy)
    inputs = {"x": x, "w": wt, "dy": dy}
    outputs = {"y": y, "dx": x.grad, "dw": wt.grad}
    if bias:
        inputs["b"] = b
        outputs["db"] = b.grad
    params = {"stride": list(stride), "pad": list(pad), "output_padding": list(output_padding),
              "dilation": list(dilation), "bias": bias}
    return g.case(name, params, inputs, outputs)


def make_transpose():
    cases = [
        transpose_case("3x3 stride 2 valid", 1, 3, 4, 4, 5, 3, 3, (2, 2), (0, 0), (0, 0), (1, 1)),
        transpose_case("3x3 stride 2 pad 1 output_padding 1", 1, 4, 2, 3, 4, 3, 3, (2, 2), (1, 1), (1, 1), (1, 1)),
        transpose_case("2x2 stride 2 no bias", 1, 2, 3, 3, 3, 2, 2, (2, 2), (0, 0), (0, 0), (1, 1), bias=False),
        transpose_case("3x3 stride 1 pad 1 dilation 2", 1, 3, 2, 5, 4, 3, 3, (1, 1), (1, 1), (0, 0), (2, 2)),
        transpose_case("4x3 stride 3x2 pad (1, 0) output_padding (2, 1)", 1, 2, 3, 3, 4, 4, 3, (3, 2), (1, 0), (2, 1), (1, 1)),
    ]
    g.write("conv_transpose2d", "F.conv_transpose2d with weights (C, F, R, S): forward and gradients for dy", cases)


# ---------------------------------------------------------------- upsampling2d

def upsample_case(name, shape, factors):
    x = g.uniform(shape).requires_grad_()
    y = F.interpolate(x, scale_factor=factors, mode="nearest")
    g.close(y.detach(), x.detach().repeat_interleave(factors[0], 2).repeat_interleave(factors[1], 3), "nearest repeats each value")
    dy = g.uniform(tuple(y.shape))
    y.backward(dy)
    return g.case(name, {"size": list(factors)}, {"x": x, "dy": dy}, {"y": y, "dx": x.grad})


def make_upsample():
    cases = [
        upsample_case("2x2", (2, 3, 4, 3), (2, 2)),
        upsample_case("3x1", (1, 2, 3, 4), (3, 1)),
        upsample_case("2x3", (2, 1, 3, 3), (2, 3)),
    ]
    g.write("upsampling2d", "F.interpolate(mode='nearest') with integer scale factors, forward and gradient", cases)


# ---------------------------------------------------------------- conv1d and conv3d

def conv_nd_case(conv, name, x_shape, w_shape, stride, pad, dilation, bias=True):
    """pad = ((before, after) per spatial axis), applied with F.pad so it may be asymmetric."""
    x = g.uniform(x_shape).requires_grad_()
    wt = g.uniform(w_shape).requires_grad_()
    b = g.uniform((w_shape[0],)).requires_grad_() if bias else None
    flat = []
    for before, after in reversed(pad):   # F.pad takes the last axis first
        flat += [before, after]
    y = conv(F.pad(x, flat), wt, b, stride=stride, dilation=dilation)
    dy = g.uniform(tuple(y.shape))
    y.backward(dy)
    inputs = {"x": x, "w": wt, "dy": dy}
    outputs = {"y": y, "dx": x.grad, "dw": wt.grad}
    if bias:
        inputs["b"] = b
        outputs["db"] = b.grad
    params = {"stride": list(stride), "pad": [list(p) for p in pad], "dilation": list(dilation), "bias": bias}
    return g.case(name, params, inputs, outputs)


def make_conv1d():
    cases = [
        conv_nd_case(F.conv1d, "kernel 3 valid", (2, 3, 9), (4, 3, 3), (1,), ((0, 0),), (1,)),
        conv_nd_case(F.conv1d, "kernel 5 stride 2 same", (2, 2, 11), (3, 2, 5), (2,), ((2, 2),), (1,)),
        conv_nd_case(F.conv1d, "kernel 3 dilation 2 causal no bias", (1, 4, 8), (2, 4, 3), (1,), ((4, 0),), (2,), bias=False),
    ]
    g.write("conv1d", "F.conv1d on (N, C, L) with filters (F, C, K): forward and gradients for dy", cases)


def make_conv3d():
    cases = [
        conv_nd_case(F.conv3d, "3x3x3 valid", (1, 2, 5, 4, 4), (2, 2, 3, 3, 3), (1, 1, 1), ((0, 0), (0, 0), (0, 0)), (1, 1, 1)),
        conv_nd_case(F.conv3d, "3x3x3 stride 2 pad 1", (1, 2, 5, 5, 4), (2, 2, 3, 3, 3), (2, 2, 2), ((1, 1), (1, 1), (1, 1)), (1, 1, 1)),
        conv_nd_case(F.conv3d, "2x3x2 stride (1, 2, 1) asymmetric pad, dilation (2, 1, 1), no bias", (1, 2, 6, 5, 4), (2, 2, 2, 3, 2),
                     (1, 2, 1), ((1, 0), (1, 1), (0, 1)), (2, 1, 1), bias=False),
    ]
    g.write("conv3d", "F.conv3d on (N, C, D, H, W) with filters (K, C, T, R, S): forward and gradients for dy", cases)


def main():
    make_depthwise()
    make_transpose()
    make_upsample()
    make_conv1d()
    make_conv3d()


if __name__ == "__main__":
    main()
