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
        depthwise_case("3x3 stride 1 pad 1", 2, 3, 1, 6, 5, 3, 3, (1, 1), (1, 1, 1, 1), (1, 1)),
        depthwise_case("3x3 multiplier 2 stride 2 same", 2, 3, 2, 7, 6, 3, 3, (2, 2), (0, 0, 1, 1), (1, 1)),
        depthwise_case("3x3 dilation 2 pad 2", 1, 4, 1, 8, 7, 3, 3, (1, 1), (2, 2, 2, 2), (2, 2)),
        depthwise_case("5x5 multiplier 3 stride 2x1 no bias", 1, 2, 3, 9, 8, 5, 5, (2, 1), (2, 2, 2, 2), (1, 1), bias=False),
    ]
    g.write("depthwise2d", "F.conv2d(groups=C) with filters (C*M, 1, R, S): forward and gradients for dy", cases)


def main():
    make_depthwise()


if __name__ == "__main__":
    main()
