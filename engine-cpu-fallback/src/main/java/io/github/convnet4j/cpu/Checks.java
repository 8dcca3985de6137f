package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.OpContract;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/**
 * Argument checks shared by the op families. Every failure is a {@link BackendException} in the
 * format of {@link OpContract#fail}; the op families with a contract in engine-core
 * ({@code ConvContract}, {@code PoolContract}, ...) check their shapes there, and only the CPU's own
 * rules (buffer ownership, one dtype per call) are checked here.
 */
final class Checks {
    private Checks() {}

    /** A BackendException with the message {@code "<op>: <detail>"}. */
    static BackendException fail(String op, String detail) {
        return OpContract.fail(DEVICE, op, detail);
    }

    /** This backend's device label in error messages. */
    static final String DEVICE = "cpu";

    /** {@code "x (8, 1, 28, 28)"}. */
    static String describe(String name, Tensor t) {
        return name + " " + t.shape();
    }

    /**
     * Checks that every non-null tensor lives in a live CPU buffer and that all share one dtype.
     * Tensors come in (name, tensor) order only through {@code names}.
     *
     * @return the common dtype
     */
    static DType dtype(String op, String names, Tensor a) { return dtype(op, names, a, null, null, null, null); }

    static DType dtype(String op, String names, Tensor a, Tensor b) { return dtype(op, names, a, b, null, null, null); }

    static DType dtype(String op, String names, Tensor a, Tensor b, Tensor c) { return dtype(op, names, a, b, c, null, null); }

    static DType dtype(String op, String names, Tensor a, Tensor b, Tensor c, Tensor d) { return dtype(op, names, a, b, c, d, null); }

    /**
     * {@link #dtype(String, String[], Tensor...)} for up to five tensors named in one constant
     * ({@code "x, w, y"}): no arrays on the path every op call takes; a failing check goes the array
     * way for its message.
     */
    static DType dtype(String op, String names, Tensor a, Tensor b, Tensor c, Tensor d, Tensor e) {
        DType dt = null;
        boolean ok = true;
        for (int i = 0; i < 5 && ok; i++) {
            Tensor t = i == 0 ? a : i == 1 ? b : i == 2 ? c : i == 3 ? d : e;
            if (t == null) continue;
            ok = t.buffer() instanceof CpuBuffer buf && !buf.isClosed() && (dt == null || t.dtype() == dt);
            if (dt == null) dt = t.dtype();
        }
        if (ok && dt != null) return dt;
        String[] split = names.split(", ");
        return dtype(op, split, java.util.Arrays.copyOf(new Tensor[] {a, b, c, d, e}, split.length));
    }

    static DType dtype(String op, String[] names, Tensor... ts) {
        DType dtype = null;
        String first = null;
        for (int i = 0; i < ts.length; i++) {
            Tensor t = ts[i];
            if (t == null) continue;
            if (!(t.buffer() instanceof CpuBuffer b)) {
                throw fail(op, names[i] + " lives on " + t.backend().name() + ", not on cpu");
            }
            if (b.isClosed()) throw fail(op, names[i] + " " + t.shape() + " was closed");
            if (dtype == null) {
                dtype = t.dtype();
                first = names[i];
            } else if (t.dtype() != dtype) {
                throw fail(op, names[i] + " is " + t.dtype() + " but " + first + " is " + dtype);
            }
        }
        if (dtype == null) throw fail(op, "no tensors given");
        return dtype;
    }

    /** Requires a non-null tensor. */
    static Tensor notNull(String op, String name, Tensor t) {
        if (t == null) throw fail(op, name + " is null");
        return t;
    }

    /** Requires {@code t.shape().rank()} to be one of {@code ranks}. */
    static void rank(String op, String name, Tensor t, int... ranks) {
        int r = t.shape().rank();
        for (int ok : ranks) if (r == ok) return;
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < ranks.length; i++) want.append(i == 0 ? "" : " or ").append(ranks[i]);
        throw fail(op, describe(name, t) + " has rank " + r + ", expected " + want);
    }

    /** Requires equal shapes. */
    static void sameShape(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw fail(op, describe(nameB, b) + " does not match " + describe(nameA, a));
        }
    }

    /** Requires equal element counts (shapes may differ, e.g. a flattened view). */
    static void sameSize(String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (a.size() != b.size()) {
            throw fail(op, describe(nameB, b) + " has " + b.size() + " elements but " + describe(nameA, a) + " has " + a.size());
        }
    }

    /** Requires the exact shape {@code want}. */
    static void shape(String op, String name, Tensor t, Shape want, String why) {
        if (!t.shape().equals(want)) {
            throw fail(op, describe(name, t) + " should be " + want + (why.isEmpty() ? "" : " (" + why + ")"));
        }
    }

    /** Requires {@code t} to hold exactly {@code n} elements (a per-channel vector). */
    static void vector(String op, String name, Tensor t, int n, String what) {
        if (t.size() != n) {
            throw fail(op, describe(name, t) + " should hold " + n + " elements (" + what + ")");
        }
    }

    /** Requires that {@code out} does not share memory with {@code in} (for ops that cannot run in place). */
    static void distinct(String op, String outName, Tensor out, String inName, Tensor in) {
        if (out != null && in != null && out.buffer() == in.buffer()) {
            throw fail(op, describe(outName, out) + " shares memory with " + describe(inName, in) + "; this op cannot run in place");
        }
    }

    /** The F32 array behind a tensor. */
    static float[] f32(Tensor t) { return ((CpuBuffer) t.buffer()).floats(); }

    /** The F64 array behind a tensor. */
    static double[] f64(Tensor t) { return ((CpuBuffer) t.buffer()).doubles(); }

    /** Number of elements as an int (CPU buffers are Java arrays). */
    static int n(Tensor t) { return (int) t.size(); }

    /** Rows of the {@code (dim(0), size/dim(0))} matrix view. */
    static int rows(Tensor t) { return t.shape().dim(0); }

    /** Columns of the {@code (dim(0), size/dim(0))} matrix view. */
    static int cols(Tensor t) { return t.shape().sampleSize(); }
}
