package io.github.convnet4j.golden;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.tensor.DType;

/**
 * The CPU reference itself (F64) against PyTorch, to the golden files' printing precision: what
 * makes it fit to be the reference of the conformance kit.
 */
class CpuF64GoldenValuesTest extends GoldenValuesTest {
    @Override protected BackendProvider provider() { return BackendPair.cpuProvider(); }

    @Override protected DType dtype() { return DType.F64; }
}
