"""What both peers of `convnet benchmark` share: per-net defaults and parameter counts, the benchmark
data (bit for bit what our side trains on), the peak-RSS measure and the RESULT line.

Plain NumPy only, so that Debian's /usr/bin/python3 (the PyTorch peer) and a TensorFlow venv (the
Keras peer) can both import it; each peer finds it beside itself.
"""
import argparse
import gzip
import os
import statistics
import sys

import numpy as np

# Mirrors io.github.convnet4j.cli.bench.NetDefaults: (batch, warmup, steps) on CPU and on a GPU.
DEFAULTS = {
    "keras-mnist": {"cpu": (64, 1000, 200), "cuda": (64, 50, 500)},
    "vgg-small": {"cpu": (64, 100, 40), "cuda": (64, 20, 200)},
    "resnet-small": {"cpu": (128, 2, 5), "cuda": (128, 10, 100)},
    "mobilenet-small": {"cpu": (64, 40, 20), "cuda": (64, 20, 200)},
}
# Parameter counts of our presets (`convnet summary --model X --json`: total_params, trainable_params).
# total counts batch-norm moving mean and variance.
EXPECTED_PARAMS = {
    "keras-mnist": (93322, 93322),
    "vgg-small": (550570, 550570),
    "resnet-small": (11183562, 11173962),
    "mobilenet-small": (38346, 36874),
}
# The input of each net, channels first as our engine holds it.
INPUT_SHAPES = {"keras-mnist": (1, 28, 28), "vgg-small": (3, 32, 32), "resnet-small": (3, 32, 32), "mobilenet-small": (1, 28, 28)}
MAX_SAMPLES = 4096  # io.github.convnet4j.cli.bench.BenchmarkData.MAX_SAMPLES
SYSTEM_FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
BUNDLED_FASHION_MNIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test-data", "src", "main", "resources",
                                     "io", "github", "convnet4j", "testdata", "fashion-mnist")
GOLDEN_GAMMA = np.uint64(0x9E3779B97F4A7C15)


def fail(message):
    """Exits 1 with `<peer>: message`, the peer being the running script's name."""
    sys.exit(f"{os.path.splitext(os.path.basename(sys.argv[0]))[0]}: {message}")


def argument_parser(description, device_help, threads_help):
    """The options both peers take, as `convnet benchmark` and bench/vs-peers.sh name them; a peer adds its own."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--net", default="keras-mnist", choices=sorted(INPUT_SHAPES))
    ap.add_argument("--batch-size", type=int)
    ap.add_argument("--steps", type=int, help="timed steps")
    ap.add_argument("--warmup", type=int, help="untimed steps first (>= 1)")
    ap.add_argument("--device", default="cpu", help=device_help)
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help=threads_help + " (default: all CPUs)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--data", help="Fashion-MNIST folder (default: /usr/share/datasets/fashion-mnist, else the repo's copy)")
    ap.add_argument("--expect-params", type=int, help="also assert this total parameter count (from our RESULT line)")
    ap.add_argument("--expect-trainable", type=int, help="also assert this trainable parameter count")
    return ap


def settings(net, kind, batch, warmup, steps):
    """(batch, warmup, steps): the given values, else DEFAULTS[net][kind]; all must be >= 1."""
    chosen = tuple(v if v is not None else d for v, d in zip((batch, warmup, steps), DEFAULTS[net][kind]))
    if min(chosen) < 1:
        fail("--batch-size, --steps and --warmup must be >= 1")
    return chosen


def check_params(net, total, trainable, expect_total=None, expect_trainable=None, framework="peer"):
    """Exits naming the difference when (total, trainable) differ from our preset's or the expected counts."""
    want_total, want_trainable = EXPECTED_PARAMS[net]
    for label, got, want, source in (("total", total, want_total, "our preset"), ("trainable", trainable, want_trainable, "our preset"),
                                     ("total", total, expect_total, "--expect-params"),
                                     ("trainable", trainable, expect_trainable, "--expect-trainable")):
        if want is not None and got != want:
            fail(f"the {framework} {net} has {got:,} {label} parameters but {source} says {want:,}: the nets differ")


# --- data -----------------------------------------------------------------------------------------------

def sample_count(batch, steps, available):
    """io.github.convnet4j.cli.bench.BenchmarkData.sampleCount: whole batches, at most MAX_SAMPLES (or one batch)."""
    wanted = min(batch * steps, max(MAX_SAMPLES, batch))
    n = min(wanted, available) // batch * batch
    if n < batch:
        fail(f"the data has {available} samples, fewer than one batch of {batch}")
    return n


def splitmix64(seed, count):
    """The first `count` outputs of SplitMix64 started at `seed` (SyntheticData.splitmix64 in Java), as uint64."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed & 0xFFFFFFFFFFFFFFFF) + (np.arange(1, count + 1, dtype=np.uint64) * GOLDEN_GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def synthetic(n, shape, classes, seed):
    """SyntheticData.of: pixel i = (splitmix64(seed)[i] >> 40) / 2^24, label i = splitmix64(seed + 1)[i] mod classes."""
    size = n * int(np.prod(shape))
    images = (splitmix64(seed, size) >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -24)
    labels = (splitmix64(seed + 1, n) % np.uint64(classes)).astype(np.int64)
    return images.reshape((n,) + shape), labels


def read_idx(path):
    """An IDX file (plain or .gz) as (dims, uint8 array); sizes are checked against the file's length."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        fail(f"{path}: not an unsigned-byte IDX file")
    rank = raw[3]
    if not 1 <= rank <= 4 or len(raw) < 4 + 4 * rank:
        fail(f"{path}: bad IDX header")
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    body = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank)
    if body.size != int(np.prod(dims)):
        fail(f"{path}: header says {dims} but holds {body.size} values")
    return dims, body


def fashion_mnist(data_dir, batch, steps):
    """The first whole batches of Fashion-MNIST training images in [0, 1] as (n, 1, 28, 28), as BenchmarkData.load reads them."""
    dirs = [data_dir] if data_dir else [SYSTEM_FASHION_MNIST, BUNDLED_FASHION_MNIST]
    for d in dirs:
        for suffix in ("", ".gz"):
            img = os.path.join(d, "train-images-idx3-ubyte" + suffix)
            lab = os.path.join(d, "train-labels-idx1-ubyte" + suffix)
            if os.path.isfile(img) and os.path.isfile(lab):
                idims, ibody = read_idx(img)
                ldims, lbody = read_idx(lab)
                if len(idims) != 3 or idims[1:] != [28, 28] or ldims != [idims[0]]:
                    fail(f"{d}: expected (N, 28, 28) images and N labels, got {idims} and {ldims}")
                n = sample_count(batch, steps, idims[0])
                images = ibody[:n * 784].astype(np.float32).reshape(n, 1, 28, 28) / np.float32(255)
                return images, lbody[:n].astype(np.int64), os.path.normpath(d)
    fail(f"no Fashion-MNIST train-images-idx3-ubyte[.gz] in {', '.join(dirs)}")


def benchmark_data(net, data_dir, batch, total_steps, seed):
    """(images (n, C, H, W) float32, labels (n,) int64, data name, source): what our side trains `net` on."""
    shape = INPUT_SHAPES[net]
    if shape == (1, 28, 28):
        images, labels, source = fashion_mnist(data_dir, batch, total_steps)
        return images, labels, "fashion-mnist", source
    n = sample_count(batch, total_steps, 1 << 62)
    images, labels = synthetic(n, shape, 10, seed)
    return images, labels, "synthetic-splitmix64", f"seed {seed}"


# --- measurement ----------------------------------------------------------------------------------------

def peak_rss_mb():
    """VmHWM from /proc/self/status in MB, the field our side reads; None where there is none."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    value, unit = line.split()[1:3]
                    return int(value) / 1024.0 if unit == "kB" else None
    except OSError:
        return None
    return None


def result_fields(net, side, device, threads, batch, warmup, step_seconds, samples, data, total, trainable, rss):
    """The RESULT fields every side states, in our order; img/s = timed steps x batch / their seconds. A peer appends its versions."""
    return {
        "net": net,
        "imgs_per_s": f"{len(step_seconds) * batch / sum(step_seconds):.1f}",
        "peak_rss_mb": "n/a" if rss is None else f"{rss:.1f}",
        "side": side,
        "device": device,
        "threads": str(threads),
        "batch": str(batch),
        "warmup": str(warmup),
        "steps": str(len(step_seconds)),
        "samples": str(samples),
        "data": data,
        "params": str(total),
        "trainable_params": str(trainable),
        "step_ms_median": f"{statistics.median(step_seconds) * 1e3:.2f}",
    }


def result_line(fields):
    """`RESULT k=v ...` as io.github.convnet4j.cli.bench.ResultLine parses it (no spaces or '=' in keys and values)."""
    for k, v in fields.items():
        if not k or not str(v) or any(c.isspace() or c == "=" for c in k + str(v)):
            raise ValueError(f"result line token {k}={v} must be non-empty without spaces or '='")
    return "RESULT " + " ".join(f"{k}={v}" for k, v in fields.items())
