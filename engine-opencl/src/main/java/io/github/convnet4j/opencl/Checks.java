package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.OpContract;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Argument validation at the top of every op: each failure is one {@link BackendException} line
 * naming the op, the offending tensors' shapes and the device, in the format of
 * {@link OpContract#fail}. Op families with a contract in engine-core check their shapes there;
 * what is checked here is OpenCL's own: live F32 buffers of this device, 32-bit indexing.
 */
final class Checks {
    private final OpenClBackend backend;
    /** The op whose arguments were validated last, and its tensors by role, for native-error messages. */
    private String currentOp = "";
    private final Map<String, Tensor> currentTensors = new LinkedHashMap<>();

    Checks(OpenClBackend backend) { this.backend = backend; }

    /**
     * The op being run and its tensors' shapes, e.g. {@code conv.forward (x (2, 3, 5, 5), w (...))},
     * so that a failure deep in a kernel launch still names what the caller asked for.
     */
    String currentOp() {
        if (currentOp.isEmpty()) return "(no op)";
        StringBuilder b = new StringBuilder(currentOp).append(" (");
        String sep = "";
        for (Map.Entry<String, Tensor> e : currentTensors.entrySet()) {
            b.append(sep).append(e.getKey()).append(' ').append(e.getValue().shape());
            sep = ", ";
        }
        return b.append(')').toString();
    }

    /** This device's label in error messages: {@code "opencl pthread-..."}. */
    String device() { return "opencl " + backend.device().name(); }

    /** An error for {@code op} in the format of {@link OpContract#fail}, e.g. {@code conv forward: ... (device opencl pthread-...)}. */
    BackendException error(String op, String detail) {
        return OpContract.fail(device(), op, detail);
    }

    /**
     * The buffer behind {@code t}, after checking that it is a live F32 tensor of this backend
     * small enough for 32-bit kernel indexing.
     */
    ClBuffer buffer(String op, String role, Tensor t) {
        if (!op.equals(currentOp)) {
            currentOp = op;
            currentTensors.clear();
        }
        if (t == null) throw error(op, role + " is null");
        currentTensors.put(role, t);
        if (t.dtype() != DType.F32) throw error(op, role + " " + t.shape() + " is " + t.dtype() + "; OpenCL supports F32 only");
        if (!(t.buffer() instanceof ClBuffer b) || b.owner() != backend) {
            throw error(op, role + " " + t.shape() + " lives on " + t.backend().name() + ", not on this OpenCL device");
        }
        if (b.isClosed()) throw error(op, role + " " + t.shape() + " has been closed");
        if (t.size() > Integer.MAX_VALUE) throw error(op, role + " " + t.shape() + " has more than 2^31-1 elements");
        return b;
    }

    /** Fails unless {@code t} has exactly {@code expected} as its shape. */
    void shape(String op, String role, Tensor t, Shape expected) {
        if (!t.shape().equals(expected)) throw error(op, role + " is " + t.shape() + ", expected " + expected);
    }

    /** Fails unless {@code a} and {@code b} have the same number of elements. */
    void sameSize(String op, String roleA, Tensor a, String roleB, Tensor b) {
        if (a.size() != b.size()) {
            throw error(op, roleA + " " + a.shape() + " and " + roleB + " " + b.shape() + " differ in size");
        }
    }

    /** Fails unless {@code t} has {@code rank} dimensions (any of {@code ranks}). */
    void rank(String op, String role, Tensor t, int... ranks) {
        for (int r : ranks) if (t.shape().rank() == r) return;
        StringBuilder want = new StringBuilder();
        for (int r : ranks) want.append(want.length() == 0 ? "" : " or ").append(r);
        throw error(op, role + " " + t.shape() + " must have rank " + want);
    }

    /** Fails with {@code detail} unless {@code condition}. */
    void require(boolean condition, String op, String detail) {
        if (!condition) throw error(op, detail);
    }
}
