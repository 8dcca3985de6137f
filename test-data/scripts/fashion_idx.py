"""Reads the bundled Fashion-MNIST IDX files (shared by the scripts that rewrite them in other layouts)."""
import gzip
import os
import struct

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "io", "github", "convnet4j",
                   "testdata", "fashion-mnist")


def idx(name):
    """(dims, raw bytes) of one gzip IDX file of the bundled copy, e.g. idx("t10k-labels-idx1-ubyte.gz")."""
    with gzip.open(os.path.join(SRC, name), "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]
