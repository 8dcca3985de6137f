package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendConformanceTest;

/** Every op of the OpenCL backend against the CPU reference (skips where OpenCL is absent). */
class OpenClConformanceTest extends BackendConformanceTest {
    @Override protected BackendProvider provider() { return SharedOpenCl.PROVIDER; }
}
