package io.github.convnet4j.conformance;

import io.github.convnet4j.backend.BackendProvider;

/**
 * The CPU backend's F32 path (im2col + blocked GEMM, vectorized loops) against its own F64
 * direct-loop path: two different implementations of every op.
 */
class CpuConformanceTest extends BackendConformanceTest {
    @Override protected BackendProvider provider() { return BackendPair.cpuProvider(); }
}
