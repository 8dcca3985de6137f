package io.github.convnet4j.opencl;

import io.github.convnet4j.conformance.BackendRequirement;

/**
 * One OpenCL backend for every test class in the JVM: PoCL compiles kernels slowly, so each
 * program is built once and reused. Skips (or fails under {@code -Dconvnet.require=opencl}) where
 * OpenCL is absent. Never closed by tests; the process exit releases it.
 */
final class SharedOpenCl {
    static final OpenClBackendProvider PROVIDER = new OpenClBackendProvider();
    private static OpenClBackend backend;

    private SharedOpenCl() {}

    static synchronized OpenClBackend backend() {
        BackendRequirement.assumeAvailable(PROVIDER);
        if (backend == null) backend = (OpenClBackend) PROVIDER.open("");
        return backend;
    }
}
