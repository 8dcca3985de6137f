package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.golden.GoldenValuesTest;

/** The OpenCL backend against PyTorch's values (skips where OpenCL is absent). */
class OpenClGoldenValuesTest extends GoldenValuesTest {
    @Override protected BackendProvider provider() { return SharedOpenCl.PROVIDER; }
}
