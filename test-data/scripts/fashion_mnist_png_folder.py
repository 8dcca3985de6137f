#!/usr/bin/env python3
"""Writes the bundled Fashion-MNIST as a PNG class folder for `convnet train --data OUT`:
OUT/train/<label>/<index>.png and OUT/test/<label>/<index>.png, 8-bit grey 28 x 28, index
zero-padded to 5 digits so that the folder keeps the IDX order (convnet sorts samples by file
name, then class). Standard library only. Never commit the output (70,000 files).

    python3 test-data/scripts/fashion_mnist_png_folder.py OUT [TRAIN_COUNT TEST_COUNT]
"""
import os
import struct
import sys
import zlib

from fashion_idx import idx



def chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, pixels):
    rows = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))  # filter 0 per row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def write(prefix, folder, out, count):
    (n, h, w), pixels = idx(prefix + "-images-idx3-ubyte.gz")
    (_,), labels = idx(prefix + "-labels-idx1-ubyte.gz")
    count = n if count is None else min(count, n)
    for i in range(count):
        d = os.path.join(out, folder, str(labels[i]))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "%05d.png" % i), "wb") as f:
            f.write(png(w, h, pixels[i * h * w:(i + 1) * h * w]))


out = sys.argv[1]
train_count = int(sys.argv[2]) if len(sys.argv) > 2 else None
test_count = int(sys.argv[3]) if len(sys.argv) > 3 else None
write("train", "train", out, train_count)
write("t10k", "test", out, test_count)
