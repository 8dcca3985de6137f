package io.github.convnet4j.cli.bench;

/**
 * Per-network defaults of {@code convnet benchmark}, sized so that a run on a small CPU takes
 * seconds, not minutes, and a GPU run lasts long enough to time: keras-mnist at batch 64, the
 * VGG-style net at batch 64 and the ResNet-18-style net at batch 128, as the issue asks. On a CPU the
 * JVM needs tens of steps before its compiled kernels run at full speed (vgg-small measured 0.996
 * of PyTorch's rate with 5 warm-up + 15 timed steps and 1.14 with 20 + 40, while PyTorch's own
 * rate did not rise), so keras-mnist and vgg-small warm up for 50 and 20 steps, and mobilenet-small
 * for 40 (with 10, as first set when a PyTorch 1.13 depthwise step took a second, our runs measured
 * 1,406-1,412 img/s against 1,706-1,754 after 40: the JIT was still compiling). resnet-small (seconds a
 * step on a CPU) takes 2 + 5 (6 + 5 gave 3 % more), so that {@code bench/vs-peers.sh} with 5 runs of all
 * four nets and three sides fits in about 20 minutes on 2 cores. Every side uses the same ({@code
 * bench/peer_common.py}; {@code NetDefaultsTest} keeps the two equal).
 *
 * @param batch  samples per step
 * @param warmup untimed steps
 * @param steps  timed steps
 */
public record NetDefaults(int batch, int warmup, int steps) {
    /** The defaults for {@code net} on a CPU ({@code cpu == true}) or an accelerator. */
    public static NetDefaults of(String net, boolean cpu) {
        return switch (net) {
            case "keras-mnist", "lenet5" -> cpu ? new NetDefaults(64, 50, 100) : new NetDefaults(64, 50, 500);
            case "resnet-small" -> cpu ? new NetDefaults(128, 2, 5) : new NetDefaults(128, 10, 100);
            case "mobilenet-small" -> cpu ? new NetDefaults(64, 40, 20) : new NetDefaults(64, 20, 200);
            default -> cpu ? new NetDefaults(64, 20, 40) : new NetDefaults(64, 20, 200);
        };
    }
}
