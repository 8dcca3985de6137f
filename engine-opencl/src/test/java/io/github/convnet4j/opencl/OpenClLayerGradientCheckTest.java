package io.github.convnet4j.opencl;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.LayerGradientCheckKit;

/** Every layer's analytic gradients on OpenCL (F32) against central differences on the CPU in F64. */
class OpenClLayerGradientCheckTest extends LayerGradientCheckKit {
    @Override protected BackendProvider provider() { return SharedOpenCl.PROVIDER; }
}
