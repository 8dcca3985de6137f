#!/usr/bin/env python3
"""scikit-learn's t-SNE on the first 500 Fashion-MNIST test images (pixels / 255): the reference
our Barnes-Hut t-SNE is checked against (BarnesHutTsneTest, trustworthiness within 0.02).

Writes src/main/resources/tsne/sklearn-reference.json with scikit-learn's trustworthiness of its own
maps (several seeds, k = 5 and 10), and one of its maps so the Java trustworthiness can be checked
against scikit-learn's on identical coordinates.

Run with Debian's interpreter (python3-sklearn): /usr/bin/python3 test-data/scripts/make_tsne_reference.py
"""
import gzip
import json
import os
import struct

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "src", "main", "resources")
N = 500
SEEDS = [0, 1, 2]
KS = [5, 10]


def images():
    path = os.path.join(RES, "io", "github", "convnet4j", "testdata", "fashion-mnist", "t10k-images-idx3-ubyte.gz")
    with gzip.open(path, "rb") as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803
        data = np.frombuffer(f.read(N * h * w), dtype=np.uint8)
    return (data.reshape(N, h * w).astype(np.float32) / np.float32(255)).astype(np.float64)


def main():
    x = images()
    runs = []
    for seed in SEEDS:
        # Barnes-Hut, perplexity 30, theta 0.5, 1000 iterations, random start: our defaults.
        tsne = TSNE(n_components=2, perplexity=30.0, angle=0.5, init="random", learning_rate="auto",
                    method="barnes_hut", random_state=seed)
        y = tsne.fit_transform(x)
        runs.append({"seed": seed, "kl_divergence": float(tsne.kl_divergence_),
                     "trustworthiness": {str(k): float(trustworthiness(x, y, n_neighbors=k)) for k in KS},
                     "embedding": [round(float(v), 5) for v in y.reshape(-1)] if seed == 0 else None})
    first = np.array(runs[0]["embedding"]).reshape(N, 2)
    out = {
        "description": "scikit-learn TSNE (barnes_hut, perplexity 30, angle 0.5, init random) on the first 500 Fashion-MNIST "
                       "test images as pixels/255 (784 features)",
        "generator": "test-data/scripts/make_tsne_reference.py",
        "sklearn": sklearn.__version__,
        "n": N,
        "features": "fashion-mnist t10k first 500, pixel/255",
        "runs": [{k: v for k, v in r.items() if v is not None} for r in runs],
        "embedding_seed0": runs[0]["embedding"],
        # scikit-learn's trustworthiness of the rounded map above, for checking ours on identical input.
        "embedding_seed0_trustworthiness": {str(k): float(trustworthiness(x, first, n_neighbors=k)) for k in KS},
    }
    os.makedirs(os.path.join(RES, "tsne"), exist_ok=True)
    with open(os.path.join(RES, "tsne", "sklearn-reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in runs:
        print("seed", r["seed"], "trustworthiness", r["trustworthiness"], "KL", r["kl_divergence"])


if __name__ == "__main__":
    main()
