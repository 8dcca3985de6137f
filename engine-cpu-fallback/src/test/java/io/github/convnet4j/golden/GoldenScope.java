package io.github.convnet4j.golden;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.conformance.Tolerance;
import io.github.convnet4j.golden.GoldenFile.GoldenTensor;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tensors of one golden case on the backend under test, in its dtype, freed on close. Inputs
 * are rounded back to the float32 values the script drew (the file prints them with 9 digits);
 * expected outputs are compared as stored.
 *
 * <p>Tolerances: in F32 a check uses the F32 tolerance the caller derives from the op (the same
 * rules as the conformance kit, since the golden values are float64 results of float32 inputs).
 * In F64 the only error left is the file's 9-digit rounding ({@code <= 5e-9} relative), so every
 * check uses {@link #F64_STORED}.
 */
public final class GoldenScope implements AutoCloseable {
    /** The tolerance of an F64 backend against the stored values: their printing precision, with margin. */
    public static final Tolerance F64_STORED = new Tolerance(1e-8, 1e-8);

    private final Backend backend;
    private final DType dtype;
    private final List<Tensor> owned = new ArrayList<>();

    GoldenScope(Backend backend, DType dtype) {
        this.backend = backend;
        this.dtype = dtype;
    }

    /** The backend under test. */
    public Backend backend() { return backend; }

    /** The dtype the ops run in. */
    public DType dtype() { return dtype; }

    /** The stored input {@code t} as a tensor (its values rounded to float32). */
    public Tensor input(String where, GoldenTensor t) { return input(where, t, t.shape()); }

    /** The stored input {@code t} as a tensor viewed with {@code shape} (same size). */
    public Tensor input(String where, GoldenTensor t, Shape shape) {
        double[] v = new double[t.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) t.data()[i];
            if (Math.abs(v[i] - t.data()[i]) > 1e-8 * Math.abs(t.data()[i])) {
                throw new IllegalArgumentException(where + ": input value " + i + " = " + t.data()[i] + " is not a float32 printed with 9 digits");
            }
        }
        Tensor tensor = output(shape);
        backend.upload(v, 0, tensor);
        return tensor;
    }

    /** A NaN-filled tensor, for outputs the op must overwrite. */
    public Tensor output(Shape shape) {
        Tensor t = backend.allocate(shape, dtype);
        owned.add(t);
        double[] nan = new double[Math.toIntExact(shape.size())];
        Arrays.fill(nan, Double.NaN);
        backend.upload(nan, 0, t);
        return t;
    }

    /** Asserts that {@code actual} matches the stored {@code expected} values. */
    public void check(String what, Tensor actual, GoldenTensor expected, Tolerance f32) {
        if (actual.size() != expected.data().length) throw new IllegalStateException(what + ": tensor " + actual.shape() + " vs stored " + expected.shape());
        double[] got = new double[expected.data().length];
        backend.download(actual, got, 0);
        tolerance(f32).assertClose(what + " vs PyTorch " + expected.shape(), expected.data(), got, actual.shape());
    }

    /** Asserts a scalar (a loss value) against a stored one-element tensor. */
    public void check(String what, double actual, GoldenTensor expected, Tolerance f32) {
        tolerance(f32).assertClose(what + " vs PyTorch", expected.data()[0], actual);
    }

    /** {@code f32} for an F32 backend, the storage tolerance for F64. */
    public Tolerance tolerance(Tolerance f32) { return dtype == DType.F64 ? F64_STORED : f32; }

    @Override public void close() {
        for (Tensor t : owned) t.close();
        owned.clear();
    }
}
