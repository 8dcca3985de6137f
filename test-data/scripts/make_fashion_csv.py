#!/usr/bin/env python3
"""Writes a small slice of the bundled Fashion-MNIST as CSV in Kaggle's layout
(label,pixel1,...,pixel784; one header line; pixels 0..255 row-major): the first TRAIN training
images as train.csv and the first TEST test images as test.csv. Standard library only;
deterministic (same input, byte-identical output)."""
import os

from fashion_idx import idx

TRAIN, TEST = 200, 100
HERE = os.path.dirname(os.path.abspath(__file__))
DST = os.path.join(HERE, "..", "src", "main", "resources", "io", "github", "convnet4j", "testdata", "fashion-mnist-csv")


def write(prefix, out_name, count):
    (n, h, w), pixels = idx(prefix + "-images-idx3-ubyte.gz")
    (m,), labels = idx(prefix + "-labels-idx1-ubyte.gz")
    assert n == m and count <= n
    size = h * w
    lines = ["label," + ",".join("pixel%d" % (i + 1) for i in range(size))]
    for i in range(count):
        row = pixels[i * size:(i + 1) * size]
        lines.append(str(labels[i]) + "," + ",".join(str(b) for b in row))
    with open(os.path.join(DST, out_name), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


os.makedirs(DST, exist_ok=True)
write("train", "train.csv", TRAIN)
write("t10k", "test.csv", TEST)
