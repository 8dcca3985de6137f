package io.github.convnet4j.golden;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendPair;

/** The CPU backend's F32 path against PyTorch. */
class CpuGoldenValuesTest extends GoldenValuesTest {
    @Override protected BackendProvider provider() { return BackendPair.cpuProvider(); }
}
