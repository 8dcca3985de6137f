package io.github.convnet4j.backend.ops;

/**
 * Nearest-neighbour upsampling factors: output row {@code h} copies input row {@code h / factorH},
 * output column {@code w} input column {@code w / factorW} (Keras {@code UpSampling2D}, PyTorch
 * {@code interpolate(mode='nearest')} with integer scale factors).
 */
public record UpsampleParams(int factorH, int factorW) {
    public UpsampleParams {
        if (factorH < 1 || factorW < 1) throw new IllegalArgumentException("upsampling factors must be >= 1, got " + factorH + "x" + factorW);
    }
}
