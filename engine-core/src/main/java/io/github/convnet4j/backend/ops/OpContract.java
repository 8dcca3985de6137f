package io.github.convnet4j.backend.ops;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.tensor.Tensor;

/**
 * The checks every op contract is made of, with the one error format all backends share:
 * {@code "<op>: <detail> (device <device>)"}, e.g.
 * {@code "conv forward: w (32, 3, 3, 3) does not match x (8, 1, 28, 28): channels 3 != 1 (device cpu)"}.
 * {@code device} is the backend's label ({@code "cpu"}, {@code "opencl pthread-..."}, {@code "cuda:0 ..."}).
 * Backends add only what is theirs to check (buffer ownership, supported dtypes, index limits), with
 * {@link #fail} so the format stays one.
 */
public final class OpContract {
    private OpContract() {}

    /** The error for {@code op} on {@code device}: {@code "<op>: <detail> (device <device>)"}. */
    public static BackendException fail(String device, String op, String detail) {
        return new BackendException(op + ": " + detail + " (device " + device + ")");
    }

    /** {@code "x (8, 1, 28, 28)"}. */
    public static String describe(String name, Tensor t) {
        return name + " " + t.shape();
    }

    /** Requires a non-null tensor. */
    public static Tensor notNull(String device, String op, String name, Tensor t) {
        if (t == null) throw fail(device, op, name + " is null");
        return t;
    }

    /** Requires non-null op parameters. */
    public static <T> T params(String device, String op, T params) {
        if (params == null) throw fail(device, op, "parameters are null");
        return params;
    }

    /** Requires {@code t.shape().rank() == rank} (no varargs array on the per-step path). */
    public static void rank(String device, String op, String name, Tensor t, int rank) {
        if (t.shape().rank() != rank) rank(device, op, name, t, new int[] {rank});
    }

    /** Requires {@code t.shape().rank()} to be one of {@code ranks}. */
    public static void rank(String device, String op, String name, Tensor t, int... ranks) {
        int r = t.shape().rank();
        for (int ok : ranks) if (r == ok) return;
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < ranks.length; i++) want.append(i == 0 ? "" : " or ").append(ranks[i]);
        throw fail(device, op, describe(name, t) + " has rank " + r + ", expected " + want);
    }

    /** Requires equal shapes. */
    public static void sameShape(String device, String op, String nameA, Tensor a, String nameB, Tensor b) {
        if (!a.shape().equals(b.shape())) throw fail(device, op, describe(nameB, b) + " does not match " + describe(nameA, a));
    }

    /** Requires the exact shape {@code want}; {@code why} (may be empty) says where it comes from. */
    public static void shape(String device, String op, String name, Tensor t, io.github.convnet4j.tensor.Shape want, String why) {
        if (!t.shape().equals(want)) {
            throw fail(device, op, describe(name, t) + " should be " + want + (why.isEmpty() ? "" : " (" + why + ")"));
        }
    }

    /**
     * {@link #shape} whose reason names the tensors the shape follows from, e.g.
     * {@code "N, K, P, Q for x (8, 1, 28, 28) and w (32, 1, 3, 3)"} ({@code b} may be null); the
     * reason is only put together when the check fails, so a passing call allocates nothing.
     */
    public static void shapeFor(String device, String op, String name, Tensor t, io.github.convnet4j.tensor.Shape want,
                                String layout, String aName, Tensor a, String bName, Tensor b) {
        if (!t.shape().equals(want)) {
            shape(device, op, name, t, want, layout + " for " + describe(aName, a) + (b == null ? "" : " and " + describe(bName, b)));
        }
    }

    /** {@link #vector} whose reason ends in {@code of}'s name and shape, put together only on failure. */
    public static void vectorFor(String device, String op, String name, Tensor t, long n, String what, String ofName, Tensor of) {
        if (t.size() != n) vector(device, op, name, t, n, what + " " + describe(ofName, of));
    }

    /** Requires {@code t} to hold exactly {@code n} elements (a per-channel vector). */
    public static void vector(String device, String op, String name, Tensor t, long n, String what) {
        if (t.size() != n) throw fail(device, op, describe(name, t) + " should hold " + n + " elements (" + what + ")");
    }

    /** Requires that {@code out} does not share memory with {@code in} (for ops that cannot run in place). */
    public static void distinct(String device, String op, String outName, Tensor out, String inName, Tensor in) {
        if (out != null && in != null && out.buffer() == in.buffer()) {
            throw fail(device, op, describe(outName, out) + " shares memory with " + describe(inName, in) + "; this op cannot run in place");
        }
    }
}
