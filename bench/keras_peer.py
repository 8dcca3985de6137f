#!/usr/bin/env python3
"""Keras 3 (TensorFlow backend) peer of `convnet benchmark`: the same networks, batch, data and optimizer, trained the way a Keras user trains.

TensorFlow is not a system package: make a venv outside the repository and point KERAS_PYTHON at its
Python, e.g.

    python3 -m venv ~/venv-keras && ~/venv-keras/bin/pip install tensorflow-cpu keras
    KERAS_PYTHON=~/venv-keras/bin/python bench/keras_peer.py --net keras-mnist

Run by any other Python while KERAS_PYTHON is set, the script re-executes itself with that one; without
TensorFlow it exits 2 with a one-line hint. It builds our presets (keras-mnist, vgg-small, resnet-small,
mobilenet-small; engine-core/.../model/Presets.java) layer for layer with Keras layers, channels last as
Keras on a CPU runs them, asserts that the parameter counts (total, batch-norm moving statistics
included, and trainable) equal ours, compiles with Adam (lr 1e-3, betas 0.9/0.999, eps 1e-7), sparse
categorical cross-entropy on the softmax output and the accuracy metric, jit_compile left at Keras'
default ("auto": XLA where every layer supports it), and calls `model.fit` once over a tf.data
pipeline of the same images (shuffled each pass, whole batches, prefetched). A callback reads the loss
and accuracy back after every step (our Trainer downloads both every step) and starts the clock after
the last warm-up step, stopping it after the last timed one. Threads: OMP_NUM_THREADS,
TF_NUM_INTRAOP_THREADS and TF_NUM_INTEROP_THREADS are set before TensorFlow loads, then
tf.config.threading intra- and inter-op parallelism and tf.data's private pool are all N.

Prints one machine-readable line, as the PyTorch peer does:

    RESULT net=<n> imgs_per_s=<x> peak_rss_mb=<y> side=keras device=cpu threads=... batch=... ...
"""
import os
import sys
import time

from peer_common import argument_parser, benchmark_data, check_params, fail, peak_rss_mb, result_fields, result_line, settings

HINT = ("Keras peer missing: python3 -m venv VENV && VENV/bin/pip install tensorflow-cpu keras, "
        "then set KERAS_PYTHON=VENV/bin/python")
REEXEC_GUARD = "CONVNET_KERAS_PEER_REEXEC"


def parse_args():
    ap = argument_parser(__doc__.split("\n")[0], "cpu only (the TensorFlow peer runs tensorflow-cpu)",
                         "TensorFlow intra-/inter-op and tf.data threads")
    ap.add_argument("--jit-compile", choices=("auto", "on", "off"), default="auto",
                    help="Keras' jit_compile (XLA); default auto, what model.compile does unless told")
    a = ap.parse_args()
    if a.device != "cpu":
        fail(f"--device {a.device}: the Keras peer runs on the CPU only")
    if a.threads < 1:
        fail("--threads must be >= 1")
    return a


def import_tensorflow(threads):
    """Limits TensorFlow's threads through the environment first (it reads it when it loads), then imports it.

    Without TensorFlow: re-executes under KERAS_PYTHON when that is set and not tried yet, else exits 2 with HINT.
    """
    for var in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
        os.environ[var] = str(threads)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of the log
    try:
        import tensorflow as tf
        import keras
    except ImportError:
        python = os.environ.get("KERAS_PYTHON")
        if python and not os.environ.get(REEXEC_GUARD):
            if not os.access(python, os.X_OK):
                print(f"keras_peer: KERAS_PYTHON={python} is not an executable Python; {HINT}", file=sys.stderr)
                sys.exit(2)
            os.environ[REEXEC_GUARD] = "1"
            os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
        print(HINT, file=sys.stderr)
        sys.exit(2)
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    if keras.backend.backend() != "tensorflow":
        fail(f"KERAS_BACKEND is {keras.backend.backend()}; this peer measures Keras on TensorFlow (unset KERAS_BACKEND)")
    return tf, keras


# --- networks (channels last) ---------------------------------------------------------------------------

def keras_mnist(keras, layers):
    """conv32 3x3 relu, maxpool 2, conv64 3x3 relu, maxpool 2, conv64 3x3 relu, flatten, dense64 relu, dense10 softmax."""
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])


def vgg_small(keras, layers):
    """Three blocks of two 3x3 'same' convs (32/64/128, relu, he_uniform) and a max pool; dense128 relu, dropout 0.5, dense10 softmax."""
    stack = [keras.Input((32, 32, 3))]
    for filters in (32, 64, 128):
        stack += [layers.Conv2D(filters, 3, padding="same", activation="relu", kernel_initializer="he_uniform") for _ in range(2)]
        stack.append(layers.MaxPooling2D(2))
    stack += [layers.Flatten(), layers.Dense(128, activation="relu", kernel_initializer="he_uniform"), layers.Dropout(0.5),
              layers.Dense(10, activation="softmax")]
    return keras.Sequential(stack)


def residual_block(layers, x, filters, stride):
    """Our ResidualBlock: relu(bn(conv3x3(relu(bn(conv3x3/stride(x))))) + shortcut), convs without bias; the shortcut is x,
    or a 1x1 conv with the stride and batch norm when the shape changes. Keras 'same' at stride 2 pads bottom/right, as ours."""
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", use_bias=False, kernel_initializer="he_normal")(x)
    y = layers.ReLU()(layers.BatchNormalization()(y))
    y = layers.Conv2D(filters, 3, padding="same", use_bias=False, kernel_initializer="he_normal")(y)
    y = layers.BatchNormalization()(y)
    if stride != 1 or x.shape[-1] != filters:
        x = layers.Conv2D(filters, 1, strides=stride, use_bias=False, kernel_initializer="he_normal")(x)
        x = layers.BatchNormalization()(x)
    return layers.ReLU()(layers.Add()([y, x]))


def resnet_small(keras, layers):
    """ResNet-18 for 32x32: 3x3 stem (64, no bias, he_normal) + BN + relu, stages of two blocks (64/128/256/512,
    strides 1/2/2/2), GAP, dense10 softmax."""
    inputs = keras.Input((32, 32, 3))
    x = layers.Conv2D(64, 3, padding="same", use_bias=False, kernel_initializer="he_normal")(inputs)
    x = layers.ReLU()(layers.BatchNormalization()(x))
    for filters, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        x = residual_block(layers, x, filters, stride)
        x = residual_block(layers, x, filters, 1)
    x = layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(x))


def mobilenet_small(keras, layers):
    """Our mobilenet-small: 3x3 stem (16, no bias) + BN + relu, five depthwise-separable blocks (3x3 depthwise + BN + relu,
    1x1 conv + BN + relu; 32/64/64/128/128 filters, strides 1/2/1/2/1), GAP, dropout 0.2, dense10 softmax. Stride-2
    depthwise convolutions pad one row and column after with ZeroPadding2D, as ours and Keras' MobileNet do."""
    stack = [keras.Input((28, 28, 1)), layers.Conv2D(16, 3, padding="same", use_bias=False), layers.BatchNormalization(), layers.ReLU()]
    for filters, stride in ((32, 1), (64, 2), (64, 1), (128, 2), (128, 1)):
        if stride == 1:
            stack.append(layers.DepthwiseConv2D(3, padding="same", use_bias=False))
        else:
            stack += [layers.ZeroPadding2D(((0, 1), (0, 1))), layers.DepthwiseConv2D(3, strides=stride, padding="valid", use_bias=False)]
        stack += [layers.BatchNormalization(), layers.ReLU(), layers.Conv2D(filters, 1, use_bias=False), layers.BatchNormalization(),
                  layers.ReLU()]
    stack += [layers.GlobalAveragePooling2D(), layers.Dropout(0.2), layers.Dense(10, activation="softmax")]
    return keras.Sequential(stack)


NETS = {"keras-mnist": keras_mnist, "vgg-small": vgg_small, "resnet-small": resnet_small, "mobilenet-small": mobilenet_small}


def param_counts(model):
    """(total, trainable) as our Model counts them: total includes batch-norm moving mean and variance (non-trainable in Keras)."""
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    return int(model.count_params()), trainable


# --- timing ---------------------------------------------------------------------------------------------

def step_clock(keras, warmup, steps):
    """A callback that reads loss and accuracy back after every step and times the steps after `warmup`."""

    class StepClock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.step_seconds, self.last, self.rss = [], None, None

        def on_train_batch_end(self, batch, logs=None):
            float(logs["loss"])  # the host read-back our Trainer does every step; it also waits for the step
            float(logs["accuracy"])
            done = batch + 1
            now = time.perf_counter()
            if done == warmup:
                self.last = now
            elif done > warmup:
                self.step_seconds.append(now - self.last)
                self.last = now
                if done == warmup + steps:
                    self.rss = peak_rss_mb()

    return StepClock()


def main():
    a = parse_args()
    batch, warmup, steps = settings(a.net, "cpu", a.batch_size, a.warmup, a.steps)
    tf, keras = import_tensorflow(a.threads)
    keras.utils.set_random_seed(a.seed)

    model = NETS[a.net](keras, keras.layers)
    total, trainable = param_counts(model)
    check_params(a.net, total, trainable, a.expect_params, a.expect_trainable, "Keras")
    jit = {"auto": "auto", "on": True, "off": False}[a.jit_compile]
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=jit)

    images, labels, data_name, source = benchmark_data(a.net, a.data, batch, warmup + steps, a.seed)
    n = images.shape[0]
    x = images.transpose(0, 2, 3, 1).copy()  # the same images, channels last
    options = tf.data.Options()
    options.threading.private_threadpool_size = a.threads
    dataset = (tf.data.Dataset.from_tensor_slices((x, labels.astype("int32")))
               .shuffle(n, seed=a.seed, reshuffle_each_iteration=True)
               .batch(batch, drop_remainder=True).repeat().prefetch(tf.data.AUTOTUNE).with_options(options))

    clock = step_clock(keras, warmup, steps)
    model.fit(dataset, epochs=1, steps_per_epoch=warmup + steps, callbacks=[clock], verbose=0, shuffle=False)
    if len(clock.step_seconds) != steps:
        fail(f"timed {len(clock.step_seconds)} steps, expected {steps}")
    fields = result_fields(a.net, "keras", "cpu", a.threads, batch, warmup, clock.step_seconds, n, data_name, total, trainable, clock.rss)
    fields.update(xla=str(bool(model.jit_compile)).lower(), keras=keras.__version__, tensorflow=tf.__version__)
    print(f"keras peer: {a.net} on cpu (Keras {keras.__version__}, TensorFlow {tf.__version__}, {a.threads} threads, "
          f"jit_compile {model.jit_compile}), batch {batch}, {warmup} warm-up + {steps} timed steps in model.fit, "
          f"data {data_name} ({n} samples, {source})")
    print(result_line(fields))


if __name__ == "__main__":
    main()
