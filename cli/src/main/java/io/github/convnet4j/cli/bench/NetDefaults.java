package io.github.convnet4j.cli.bench;

/**
 * Per-network defaults of {@code convnet benchmark}, sized so that a run on a small CPU takes
 * seconds, not minutes, and a GPU run lasts long enough to time: keras-mnist at batch 64, the
 * VGG-style net at batch 64 and the ResNet-18-style net at batch 128, as the issue asks.
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
            case "resnet-small" -> cpu ? new NetDefaults(128, 1, 3) : new NetDefaults(128, 10, 100);
            default -> cpu ? new NetDefaults(64, 5, 15) : new NetDefaults(64, 20, 200);
        };
    }
}
