package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.Shape;

/**
 * The one comparison rule of the project: a value {@code x} matches its reference {@code ref} when
 * {@code |x - ref| <= atol + rtol * |ref|}. NaN or an infinity never matches, on either side (no
 * op in the kit is expected to produce one), so a backend cannot hide a NaN bug behind a NaN reference.
 *
 * <p>The factories below are the only tolerances the kit uses; each says where its numbers come
 * from. {@code U = 2^-24} is the unit roundoff of float32: one correctly rounded F32 operation is
 * off by at most {@code U} relative. The reference runs in float64, so its own error is negligible
 * and every tolerance budgets for the F32 side only.
 *
 * @param atol absolute part of the allowance, >= 0
 * @param rtol relative part of the allowance, >= 0
 */
public record Tolerance(double atol, double rtol) {
    /** Unit roundoff of float32. */
    public static final double U = 0x1.0p-24;

    private static final int SHOWN_MISMATCHES = 10;

    public Tolerance {
        if (!(atol >= 0) || !(rtol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0: atol " + atol + ", rtol " + rtol);
    }

    /** Bit-for-bit equality (as doubles): copies, fills, selections such as max pooling and masks. */
    public static Tolerance exact() { return new Tolerance(0, 0); }

    /**
     * A few (up to ~8) F32 roundings on operands of magnitude up to ~2, as in axpy, add, scale, the
     * optimizer updates and average pooling: {@code 16 U} (about 1e-6) absolute and relative, which
     * is twice the worst case of 8 roundings and still far below any real bug (a wrong index or
     * formula is off by O(1)).
     */
    public static Tolerance f32Elementwise() { return new Tolerance(16 * U, 16 * U); }

    /**
     * Pointwise transcendental functions (exp, tanh, sigmoid, ELU, swish, softmax) and their
     * derivatives. GPU math libraries guarantee exp/tanh to 2-5 ulp (CUDA, OpenCL 1.2 full
     * profile); a composite like {@code x * sigmoid(x)} or {@code s (1 - s)} chains up to four of
     * them, so 32 ulp of float32 ({@code 64 U}, about 4e-6) relative, and 1e-6 absolute for values near 0
     * where the derivative formulas cancel ({@code 1 - s} for large x, {@code exp(x) - 1} near 0).
     */
    public static Tolerance f32Transcendental() { return new Tolerance(1e-6, 64 * U); }

    /**
     * A sum of {@code terms} products whose magnitudes are at most {@code termMagnitude}, computed
     * in F32 in any order (conv, gemm, bias gradients, batch-norm statistics, reductions). Model:
     * recursive float summation, each addition off by up to U of the partial sum.
     * <ul>
     * <li>Mixed signs: partial sums random-walk (size ~ m sqrt(k)), so after K terms the error has
     * a standard deviation of about {@code U m K / 2.5}; {@code atol = 2 U m (K + 4)} is five of
     * them (with a floor for tiny K).</li>
     * <li>One sign (sums of squares or of |x|): partial sums grow linearly and the error is
     * relative, with a standard deviation of about {@code U sqrt(K) / 3} of the result;
     * {@code rtol = U (16 + 2 sqrt(K))} is five of them plus 16 U for the final scaling and bias
     * steps.</li>
     * </ul>
     * Both stay far below a real bug: a dropped or doubled term is off by about m.
     */
    public static Tolerance f32Sum(long terms, double termMagnitude) {
        if (terms < 0 || !(termMagnitude >= 0)) throw new IllegalArgumentException("terms " + terms + ", magnitude " + termMagnitude);
        return new Tolerance(2 * U * termMagnitude * (terms + 4), U * (16 + 2 * Math.sqrt(terms)));
    }

    /** The allowance for a result carrying both errors: the parts add. */
    public Tolerance plus(Tolerance other) { return new Tolerance(atol + other.atol, rtol + other.rtol); }

    /**
     * This tolerance for a result multiplied by {@code factor} (e.g. a gradient divided by N): the
     * absolute part scales with the values, the relative part stays.
     */
    public Tolerance forValuesScaledBy(double factor) { return new Tolerance(atol * Math.abs(factor), rtol); }

    /** This tolerance with both parts multiplied by {@code factor} (for results built from several sums). */
    public Tolerance times(double factor) { return new Tolerance(atol * factor, rtol * factor); }

    /** Whether {@code actual} matches {@code ref} under the rule. */
    public boolean accepts(double actual, double ref) {
        if (!Double.isFinite(actual) || !Double.isFinite(ref)) return false;
        return Math.abs(actual - ref) <= atol + rtol * Math.abs(ref);
    }

    /** {@code diff} as a fraction of the allowance at {@code ref} (0 for no difference, infinite past an exact check or at a NaN). */
    private double used(double diff, double ref) {
        if (diff == 0) return 0;
        double allowance = atol + rtol * Math.abs(ref);
        return Double.isFinite(ref) && allowance > 0 ? diff / allowance : Double.POSITIVE_INFINITY;
    }

    /** Measures one scalar, e.g. a loss value, against its reference. */
    public Comparison compare(String what, double ref, double actual) {
        double diff = Math.abs(actual - ref);
        double abs = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
        double rel = ref == 0 ? 0 : abs / Math.abs(ref);
        boolean ok = accepts(actual, ref);
        String failure = ok ? null : what + ": got " + actual + ", expected " + ref + " (|diff| " + diff
                + " > " + (atol + rtol * Math.abs(ref)) + "; " + this + ")";
        return new Comparison(what, null, 1, ok ? 0 : 1, abs, rel, used(abs, ref), this, failure);
    }

    /**
     * Measures {@code actual} against {@code ref} element by element: the number of mismatches,
     * the worst absolute error, and the worst relative error {@code |x - ref| / |ref|} over the
     * elements whose reference is not 0 (a NaN or infinite difference counts as infinitely wrong).
     * A failed comparison's message gives the first ten mismatches with their flat index (and
     * coordinates in {@code shape} when given) and the worst errors with their indices.
     *
     * @param shape the tensor's shape, or null
     */
    public Comparison compare(String what, double[] ref, double[] actual, Shape shape) {
        if (ref.length != actual.length) {
            return new Comparison(what, shape, ref.length, ref.length, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, this,
                    what + ": " + actual.length + " values, reference has " + ref.length);
        }
        if (shape != null && shape.size() != ref.length) throw new IllegalArgumentException(what + ": shape " + shape + " does not hold " + ref.length + " values");
        int mismatches = 0;
        double worstAbs = 0, worstRel = 0, worstUsed = 0;
        int worstAbsAt = -1, worstRelAt = -1;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < ref.length; i++) {
            double diff = Math.abs(actual[i] - ref[i]);
            // A NaN difference counts as infinitely wrong, so it is never hidden by later values.
            double ranked = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
            if (ranked > worstAbs) { worstAbs = ranked; worstAbsAt = i; }
            if (ref[i] != 0) {
                double rel = ranked / Math.abs(ref[i]);
                if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
                if (rel > worstRel) { worstRel = rel; worstRelAt = i; }
            }
            worstUsed = Math.max(worstUsed, used(ranked, ref[i]));
            if (accepts(actual[i], ref[i])) continue;
            if (mismatches++ < SHOWN_MISMATCHES) {
                first.append("\n  [").append(i).append(']');
                if (shape != null) first.append(' ').append(coordinates(shape, i));
                first.append(" got ").append(actual[i]).append(", expected ").append(ref[i]).append(", |diff| ").append(diff);
            }
        }
        String failure = mismatches == 0 ? null : what + ": " + mismatches + " of " + ref.length + " values differ beyond " + this
                + (shape == null ? "" : " in shape " + shape)
                + "; worst |diff| " + worstAbs + " at [" + worstAbsAt + "], worst relative " + worstRel + " at [" + worstRelAt + "]"
                + (mismatches > SHOWN_MISMATCHES ? "; first " + SHOWN_MISMATCHES + ":" : ":") + first;
        return new Comparison(what, shape, ref.length, mismatches, worstAbs, worstRel, worstUsed, this, failure);
    }

    /** Measures float results against a float64 reference; mismatches are located in {@code shape} (or null). */
    public Comparison compare(String what, double[] ref, float[] actual, Shape shape) { return compare(what, ref, toDouble(actual), shape); }

    /** Asserts one scalar, e.g. a loss value. */
    public void assertClose(String what, double ref, double actual) { compare(what, ref, actual).orThrow(); }

    /** Asserts float results against a float64 reference, flat indices only. */
    public void assertClose(String what, double[] ref, float[] actual) { assertClose(what, ref, toDouble(actual), null); }

    /** Asserts float results against a float64 reference; mismatches are located in {@code shape}. */
    public void assertClose(String what, double[] ref, float[] actual, Shape shape) { assertClose(what, ref, toDouble(actual), shape); }

    /** Asserts double results against a reference, flat indices only. */
    public void assertClose(String what, double[] ref, double[] actual) { assertClose(what, ref, actual, null); }

    /**
     * Asserts that every {@code actual[i]} matches {@code ref[i]}, throwing a
     * {@link ConformanceFailure} with {@link #compare(String, double[], double[], Shape)}'s message.
     *
     * @param shape the tensor's shape, or null
     */
    public void assertClose(String what, double[] ref, double[] actual, Shape shape) { compare(what, ref, actual, shape).orThrow(); }

    /** The coordinates of flat row-major index {@code i} in {@code shape}, e.g. {@code (n=1, c=0, h=3, w=2)} for rank 4. */
    static String coordinates(Shape shape, long i) {
        int rank = shape.rank();
        long[] c = new long[rank];
        for (int d = rank - 1; d >= 0; d--) {
            c[d] = i % shape.dim(d);
            i /= shape.dim(d);
        }
        String[] names = rank == 4 ? new String[] {"n", "c", "h", "w"} : rank == 2 ? new String[] {"n", "f"} : null;
        StringBuilder b = new StringBuilder("(");
        for (int d = 0; d < rank; d++) {
            if (d > 0) b.append(", ");
            if (names != null) b.append(names[d]).append('=');
            b.append(c[d]);
        }
        return b.append(')').toString();
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    @Override public String toString() { return "atol " + atol + " + rtol " + rtol + " * |ref|"; }
}
