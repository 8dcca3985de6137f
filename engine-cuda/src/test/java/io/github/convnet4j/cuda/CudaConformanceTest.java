package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendConformanceTest;

/** Every op of the CUDA backend (F32) against the CPU reference (F64); skipped without a GPU. */
class CudaConformanceTest extends BackendConformanceTest {
    @Override protected BackendProvider provider() { return new CudaBackendProvider(); }
}
