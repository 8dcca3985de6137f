package io.github.convnet4j.conformance;

import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;

/**
 * Central differences of a scalar objective, with kinks detected rather than assumed away: each
 * coordinate is differenced with steps {@code h} and {@code h/2}. Where f is smooth both agree to
 * {@code O(h^2)}; where a kink (ReLU at 0, a max-pool tie, |o - t|) lies within the step they
 * disagree by about the slope jump times the kink's offset, and the coordinate is skipped. A kink
 * lying within {@code h/2} and yet fooling the test would have to sit within about
 * {@code 1e-7 h} of the point, which random data does not do.
 */
final class LayerGradientCheckNumeric {
    /** The step; f64 round-off in f (~1e-15 |f|) over h stays near 1e-9. */
    static final double STEP = 1e-6;

    /** Two estimates closer than this (absolute + relative) count as smooth. */
    private static final Tolerance SMOOTH = new Tolerance(1e-8, 1e-6);

    private LayerGradientCheckNumeric() {}

    /** Numeric gradient; {@code skipped[i]} marks coordinates with a kink within the step (their gradient is NaN). */
    record Result(double[] gradient, boolean[] skipped, int skippedCount) {}

    /**
     * @param values    the coordinates (modified during the call, restored on return)
     * @param apply     pushes {@code values} to where the objective reads them; called with the index that changed
     * @param objective evaluates f at the pushed values
     * @param checked   which coordinates to difference (others get NaN and count as unchecked)
     */
    static Result gradient(double[] values, IntConsumer apply, DoubleSupplier objective, boolean[] checked) {
        double[] g = new double[values.length];
        boolean[] skipped = new boolean[values.length];
        int skippedCount = 0;
        for (int i = 0; i < values.length; i++) {
            if (!checked[i]) { g[i] = Double.NaN; continue; }
            double x = values[i];
            double wide = difference(values, i, x, STEP, apply, objective);
            double narrow = difference(values, i, x, STEP / 2, apply, objective);
            values[i] = x;
            apply.accept(i);
            if (!SMOOTH.accepts(wide, narrow)) {
                skipped[i] = true;
                skippedCount++;
                g[i] = Double.NaN;
            } else {
                g[i] = narrow;
            }
        }
        return new Result(g, skipped, skippedCount);
    }

    private static double difference(double[] v, int i, double x, double h, IntConsumer apply, DoubleSupplier f) {
        v[i] = x + h;
        apply.accept(i);
        double plus = f.getAsDouble();
        v[i] = x - h;
        apply.accept(i);
        double minus = f.getAsDouble();
        return (plus - minus) / (2 * h);
    }
}
