package io.github.convnet4j.cli.bench;

/**
 * Per-network defaults of {@code convnet benchmark}, sized so that a run on a small CPU takes
 * seconds, not minutes, and a GPU run lasts long enough to time: keras-mnist at batch 64, the
 * VGG-style net at batch 64 and the ResNet-18-style net at batch 128, as the issue asks.
 *
 * <p>The timed steps are meant to be the steady state, and on a CPU the JVM takes hundreds of steps
 * to get there (its JIT compiles the kernels in tiers, on the same 2 cores), far longer than the
 * peers: pairs of runs on 2026-12-04, the same minutes each, keras-mnist 5,905 / 6,361 img/s after 50
 * warm-up steps, 5,954 / 6,721 after 300, 7,212 / 7,050 after 1,000 (its default job's epochs 2-5
 * ran at 7,223-7,387); vgg-small 705 / 813 after 20, 834 / 911 after 100; mobilenet-small 1,406 /
 * 1,412 after 10, 1,706 / 1,754 after 40, no better after 150; resnet-small (seconds a step) 69.8
 * after 2, 71.7 after 6. Hence 1,000 + 200, 100 + 40, 40 + 20 and 2 + 5. The JVM's warm-up is
 * measured apart, as the first epoch of {@code convnet train} against the later ones. The peers warm
 * up for as many steps ({@code bench/peer_common.py}; {@code NetDefaultsTest} keeps the two equal),
 * which their own speed does not need. {@code bench/vs-peers.sh} with 5 runs of all four nets and
 * three sides takes about 20 minutes on 2 cores.
 *
 * @param batch  samples per step
 * @param warmup untimed steps
 * @param steps  timed steps
 */
public record NetDefaults(int batch, int warmup, int steps) {
    /** The defaults for {@code net} on a CPU ({@code cpu == true}) or an accelerator. */
    public static NetDefaults of(String net, boolean cpu) {
        return switch (net) {
            case "keras-mnist", "lenet5" -> cpu ? new NetDefaults(64, 1000, 200) : new NetDefaults(64, 50, 500);
            case "resnet-small" -> cpu ? new NetDefaults(128, 2, 5) : new NetDefaults(128, 10, 100);
            case "mobilenet-small" -> cpu ? new NetDefaults(64, 40, 20) : new NetDefaults(64, 20, 200);
            default -> cpu ? new NetDefaults(64, 100, 40) : new NetDefaults(64, 20, 200);
        };
    }
}
