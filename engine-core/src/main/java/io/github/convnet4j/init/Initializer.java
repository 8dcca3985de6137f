package io.github.convnet4j.init;

import io.github.convnet4j.util.Rng;
import java.util.List;
import java.util.Locale;

/**
 * How a parameter's first values are drawn. Fans follow Keras: for a dense kernel
 * {@code (units, in)} fan_in = in and fan_out = units; for a convolution kernel {@code (K, C, R, S)}
 * fan_in = C*R*S and fan_out = K*R*S (the receptive field counts on both sides).
 *
 * <p>Values are drawn from the given {@link Rng} in element order (row-major), so one seed gives
 * the same parameters on every backend and every run.
 */
public interface Initializer {
    /** The names {@link #byName} accepts. */
    List<String> NAMES = List.of("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_uniform", "zeros", "ones");

    /**
     * Fills {@code values} (one parameter tensor, row-major).
     *
     * @param fanIn  inputs feeding one output unit
     * @param fanOut outputs one input unit feeds
     */
    void fill(double[] values, int fanIn, int fanOut, Rng rng);

    /** The Keras-style name, e.g. {@code glorot_uniform}. */
    String keyword();

    /**
     * The initializer with this Keras name (case-insensitive; {@code xavier_uniform}, {@code kaiming_normal}
     * and {@code zero}/{@code one} are accepted as aliases).
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    static Initializer byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "glorot_uniform", "xavier_uniform" -> new GlorotUniform();
            case "glorot_normal", "xavier_normal" -> new GlorotNormal();
            case "he_normal", "kaiming_normal" -> new HeNormal();
            case "he_uniform", "kaiming_uniform" -> new HeUniform();
            case "lecun_uniform" -> new LecunUniform();
            case "zeros", "zero" -> Constant.ZEROS;
            case "ones", "one" -> Constant.ONES;
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "' (choose " + String.join(", ", NAMES) + ")");
        };
    }

    /** Uniform in [-limit, limit). */
    static void uniform(double[] values, double limit, Rng rng) {
        for (int i = 0; i < values.length; i++) values[i] = (2 * rng.nextDouble() - 1) * limit;
    }

    /**
     * Normal with mean 0 and the given standard deviation of the underlying normal, truncated at
     * two standard deviations by redrawing (Keras {@code truncated_normal}).
     */
    static void truncatedNormal(double[] values, double stddev, Rng rng) {
        for (int i = 0; i < values.length; i++) {
            double g;
            do { g = rng.nextGaussian(); } while (Math.abs(g) > 2);
            values[i] = g * stddev;
        }
    }
}
