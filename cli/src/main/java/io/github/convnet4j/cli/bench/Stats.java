package io.github.convnet4j.cli.bench;

import java.util.Arrays;

/** Small order statistics for benchmark samples. */
public final class Stats {
    private Stats() {}

    /**
     * The median: the middle value of the sorted samples, or the mean of the two middle ones for an
     * even count. The input is not modified.
     *
     * @throws IllegalArgumentException for no samples or a NaN sample
     */
    public static double median(double... samples) {
        if (samples.length == 0) throw new IllegalArgumentException("median of no samples");
        double[] s = samples.clone();
        for (double v : s) if (Double.isNaN(v)) throw new IllegalArgumentException("median of samples containing NaN");
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /** The smallest sample. */
    public static double min(double... samples) {
        if (samples.length == 0) throw new IllegalArgumentException("min of no samples");
        return Arrays.stream(samples).min().getAsDouble();
    }

    /** The largest sample. */
    public static double max(double... samples) {
        if (samples.length == 0) throw new IllegalArgumentException("max of no samples");
        return Arrays.stream(samples).max().getAsDouble();
    }
}
