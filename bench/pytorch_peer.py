#!/usr/bin/python3
"""PyTorch peer of `convnet benchmark`: the same networks, batch, data and optimizer, timed the same way.

Run with the system Python that has Debian's python3-torch (`/usr/bin/python3 bench/pytorch_peer.py ...`).
It builds our presets (keras-mnist, vgg-small, resnet-small, mobilenet-small; see
engine-core/src/main/java/io/github/convnet4j/model/Presets.java) layer for layer, asserts that the
parameter counts equal ours, trains with Adam (Keras defaults: lr 1e-3, betas 0.9/0.999, eps 1e-7) and
cross-entropy on logits, and prints one machine-readable line:

    RESULT net=<n> imgs_per_s=<x> peak_rss_mb=<y> side=pytorch device=... threads=... batch=... ...

Each step mirrors our Trainer's step: gather a shuffled batch on the host, copy it to the device,
forward, loss, backward, optimizer step, then read back the loss and the count of correct
predictions (our Trainer downloads both every step). Warm-up steps are excluded from the clock; the
clock starts and stops after a device synchronize. Data: the first Fashion-MNIST training images for
28x28 nets; for 32x32x3 nets, the same SplitMix64 synthetic images our side generates, bit for bit.
"""
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from peer_common import argument_parser, benchmark_data, check_params, fail, peak_rss_mb, result_fields, result_line, settings

# --- networks -------------------------------------------------------------------------------------------

def keras_bn(channels):
    """Keras BatchNormalization defaults (momentum 0.99 of the old value, epsilon 1e-3) in PyTorch terms."""
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


def keras_mnist():
    """conv32 3x3 relu, maxpool 2, conv64 3x3 relu, maxpool 2, conv64 3x3 relu, flatten, dense64 relu, dense10 (logits)."""
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 3 * 3, 64), nn.ReLU(), nn.Linear(64, 10))
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):  # Keras defaults: glorot_uniform kernels, zero biases
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def vgg_small():
    """Three blocks of two 3x3 'same' convs (32/64/128, relu, he_uniform) and a max pool; dense128 relu, dropout 0.5, dense10."""
    layers, c = [], 3
    for filters in (32, 64, 128):
        for _ in range(2):
            layers += [nn.Conv2d(c, filters, 3, padding=1), nn.ReLU()]
            c = filters
        layers.append(nn.MaxPool2d(2))
    layers += [nn.Flatten(), nn.Linear(128 * 4 * 4, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10)]
    net = nn.Sequential(*layers)
    last = layers[-1]
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            if m is last:
                nn.init.xavier_uniform_(m.weight)  # the output Dense keeps Keras' glorot_uniform
            else:
                nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")  # Keras he_uniform: U(+-sqrt(6/fan_in))
            nn.init.zeros_(m.bias)
    return net


class ResidualBlock(nn.Module):
    """Our ResidualBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), 3x3 convs without bias;
    the shortcut is x, or a 1x1 conv with the stride and batch norm when the shape changes.

    Keras 'same' padding at stride 2 on an even size pads only bottom/right (0, 1); PyTorch pads
    symmetrically (1, 1). Output shapes and FLOPs are identical; only which pixels the windows start
    on differs, which a speed comparison does not see, and an explicit asymmetric pad would add a copy
    our engine does not make.
    """

    def __init__(self, cin, filters, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, filters, 3, stride=stride, padding=1, bias=False)
        self.bn1 = keras_bn(filters)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1, bias=False)
        self.bn2 = keras_bn(filters)
        self.shortcut = None
        if stride != 1 or cin != filters:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, filters, 1, stride=stride, bias=False), keras_bn(filters))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


def resnet_small():
    """ResNet-18 for 32x32: 3x3 stem (64, no bias) + BN + relu, stages of two blocks (64/128/256/512, strides 1/2/2/2), GAP, dense10."""
    layers = [nn.Conv2d(3, 64, 3, padding=1, bias=False), keras_bn(64), nn.ReLU()]
    c = 64
    for filters, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        layers += [ResidualBlock(c, filters, stride), ResidualBlock(filters, filters, 1)]
        c = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 10)]
    net = nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")  # he_normal
        elif isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def mobilenet_small():
    """Our mobilenet-small: 3x3 stem (16, no bias) + BN + relu, five depthwise-separable blocks
    (3x3 depthwise + BN + relu, 1x1 conv + BN + relu; 32/64/64/128/128 filters, strides 1/2/1/2/1),
    GAP, dropout 0.2, dense10. Keras glorot_uniform kernels everywhere.

    Our stride-2 depthwise convolutions pad one row and column after (Keras's ZeroPadding2D((0, 1),
    (0, 1)) + 'valid'); here they pad 1 on both sides, which gives the same output shape and FLOPs
    without the extra copy an explicit F.pad would add (as for resnet-small).
    """
    def block(cin, cout, stride):
        return [nn.Conv2d(cin, cin, 3, stride=stride, padding=1, groups=cin, bias=False), keras_bn(cin), nn.ReLU(),
                nn.Conv2d(cin, cout, 1, bias=False), keras_bn(cout), nn.ReLU()]
    layers = [nn.Conv2d(1, 16, 3, padding=1, bias=False), keras_bn(16), nn.ReLU()]
    c = 16
    for filters, stride in ((32, 1), (64, 2), (64, 1), (128, 2), (128, 1)):
        layers += block(c, filters, stride)
        c = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(128, 10)]
    net = nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return net


NETS = {"keras-mnist": keras_mnist, "vgg-small": vgg_small, "resnet-small": resnet_small, "mobilenet-small": mobilenet_small}


def param_counts(net):
    """(total, trainable) counted as our Model does: total includes batch-norm running mean and variance."""
    trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
    stats = sum(b.numel() for name, b in net.named_buffers() if name.endswith(("running_mean", "running_var")))
    return trainable + stats, trainable


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def main():
    ap = argument_parser(__doc__.split("\n")[0], "cpu or cuda[:i]", "torch.set_num_threads")
    ap.add_argument("--cudnn-benchmark", action="store_true", help="let cuDNN autotune algorithms (off: PyTorch's default)")
    ap.add_argument("--tf32", action="store_true", help="allow TF32 convolutions/matmuls on GPU (off: full FP32 like ours)")
    a = ap.parse_args()

    device = torch.device(a.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        fail("--device cuda but torch.cuda.is_available() is False")
    kind = "cpu" if device.type == "cpu" else "cuda"
    batch, warmup, steps = settings(a.net, kind, a.batch_size, a.warmup, a.steps)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = a.cudnn_benchmark
        torch.backends.cudnn.allow_tf32 = a.tf32
        torch.backends.cuda.matmul.allow_tf32 = a.tf32

    net = NETS[a.net]()
    total, trainable = param_counts(net)
    check_params(a.net, total, trainable, a.expect_params, a.expect_trainable, "PyTorch")
    net = net.to(device).train()

    images, labels, data_name, source = benchmark_data(a.net, a.data, batch, warmup + steps, a.seed)
    x_all, y_all = torch.from_numpy(images), torch.from_numpy(labels)
    n = x_all.shape[0]
    pin = device.type == "cuda"

    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(a.seed)
    order, pos = torch.randperm(n, generator=gen), 0
    step_seconds = []
    last = None
    for step in range(1, warmup + steps + 1):
        if pos + batch > n:
            order, pos = torch.randperm(n, generator=gen), 0
        idx = order[pos:pos + batch]
        pos += batch
        x = x_all.index_select(0, idx)
        y = y_all.index_select(0, idx)
        if pin:
            x, y = x.pin_memory(), y.pin_memory()
        x, y = x.to(device, non_blocking=pin), y.to(device, non_blocking=pin)
        optimizer.zero_grad(set_to_none=True)
        logits = net(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        loss.item()
        (logits.argmax(1) == y).sum().item()
        if step == warmup:
            sync(device)
            last = time.perf_counter()
        elif step > warmup:
            if step == warmup + steps:
                sync(device)
            now = time.perf_counter()
            step_seconds.append(now - last)
            last = now
    rss = peak_rss_mb()

    fields = result_fields(a.net, "pytorch", kind, a.threads, batch, warmup, step_seconds, n, data_name, total, trainable, rss)
    fields["torch"] = torch.__version__
    if device.type == "cuda":
        fields["gpu_peak_mb"] = f"{torch.cuda.max_memory_allocated(device) / 2 ** 20:.1f}"
    print(f"pytorch peer: {a.net} on {device} ({torch.get_num_threads()} threads, torch {torch.__version__}), batch {batch}, "
          f"{warmup} warm-up + {steps} timed steps, data {data_name} ({n} samples, {source})")
    print(result_line(fields))


if __name__ == "__main__":
    main()
