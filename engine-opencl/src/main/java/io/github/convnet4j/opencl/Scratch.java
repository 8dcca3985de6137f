package io.github.convnet4j.opencl;

import java.util.HashMap;
import java.util.Map;

/**
 * Workspaces that ops keep between calls (im2col columns, reduction partials, loss terms), one per
 * role, grown when a call needs more and never shrunk, so a training step allocates nothing once
 * the first batch has run.
 */
final class Scratch implements AutoCloseable {
    private final OpenClBackend backend;
    private final Map<String, ClBuffer> buffers = new HashMap<>();

    Scratch(OpenClBackend backend) { this.backend = backend; }

    /** A buffer of at least {@code elements} 4-byte elements for {@code role}; its contents are undefined. */
    ClBuffer get(String role, long elements) {
        ClBuffer b = buffers.get(role);
        if (b != null && b.length() >= elements) return b;
        if (b != null) b.close();
        // Some headroom so that a slowly growing size does not reallocate every call.
        long grown = b == null ? elements : Math.max(elements, b.length() + b.length() / 2);
        grown = Math.max(elements, Math.min(grown, backend.device().maxAllocation() / Float.BYTES));
        ClBuffer fresh = backend.rawBuffer(grown, "workspace \"" + role + "\" of " + backend.checks().currentOp());
        buffers.put(role, fresh);
        return fresh;
    }

    @Override public void close() {
        for (ClBuffer b : buffers.values()) b.close();
        buffers.clear();
    }
}
