package io.github.convnet4j.conformance;

import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tensors of one conformance case on both sides of a {@link BackendPair}. Inputs are given as
 * doubles that must be exactly representable in float32, so the F32 backend and the F64
 * reference start from identical values and every difference comes from the computation.
 */
public final class Scope implements AutoCloseable {
    private final BackendPair pair;
    private final Consumer<Comparison> checks;
    private final List<Tensor> owned = new ArrayList<>();

    Scope(BackendPair pair, Consumer<Comparison> checks) {
        this.pair = pair;
        this.checks = checks;
    }

    /** The pair this scope allocates on. */
    public BackendPair pair() { return pair; }

    /** A twin holding {@code values} (row-major, float32-representable) on both sides. */
    public Twin upload(Shape shape, double[] values) {
        if (values.length != shape.size()) throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, got " + values.length);
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
            if (f[i] != values[i] && !Double.isNaN(values[i])) {
                throw new IllegalArgumentException("input " + i + " = " + values[i] + " is not a float32 value; round the data with Data");
            }
        }
        Twin t = zeros(shape);
        pair.test.upload(f, 0, t.test());
        pair.ref.upload(values, 0, t.ref());
        return t;
    }

    /** A twin of zeros (as allocated). */
    public Twin zeros(Shape shape) {
        Tensor test = own(pair.test.allocate(shape, DType.F32));
        Tensor ref = own(pair.ref.allocate(shape, DType.F64));
        return new Twin(test, ref);
    }

    /**
     * A twin filled with NaN on both sides: the output of an op documented to overwrite it, so an
     * op that reads or accumulates into its output shows up as NaN in the comparison.
     */
    public Twin garbage(Shape shape) {
        double[] nan = new double[Math.toIntExact(shape.size())];
        Arrays.fill(nan, Double.NaN);
        return upload(shape, nan);
    }

    /** The backend-under-test values (downloaded as float32, the training path), widened to double. */
    public double[] test(Twin t) {
        float[] f = new float[Math.toIntExact(t.test().size())];
        pair.test.download(t.test(), f, 0);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** The reference values. */
    public double[] ref(Twin t) {
        double[] d = new double[Math.toIntExact(t.ref().size())];
        pair.ref.download(t.ref(), d, 0);
        return d;
    }

    /** Asserts that the backend's values of {@code t} match the reference's under {@code tol}. */
    public void check(String what, Twin t, Tolerance tol) {
        check(what + " " + t.shape(), ref(t), test(t), t.shape(), tol);
    }

    /**
     * Asserts that {@code actual} matches {@code expected} under {@code tol} (e.g. values computed
     * by the case itself), locating mismatches in {@code shape}.
     */
    public void check(String what, double[] expected, double[] actual, Shape shape, Tolerance tol) {
        record(tol.compare(what, expected, actual, shape));
    }

    /** Asserts a scalar result (a loss value, a sum, a count) against its reference under {@code tol}. */
    public void check(String what, double ref, double actual, Tolerance tol) {
        record(tol.compare(what, ref, actual));
    }

    /** Hands the comparison to this scope's observer, then throws if it failed. */
    private void record(Comparison c) {
        checks.accept(c);
        c.orThrow();
    }

    private Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    @Override public void close() {
        RuntimeException first = null;
        for (Tensor t : owned) {
            try {
                t.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        owned.clear();
        if (first != null) throw first;
    }
}
