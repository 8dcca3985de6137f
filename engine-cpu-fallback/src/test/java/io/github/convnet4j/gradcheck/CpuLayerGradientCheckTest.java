package io.github.convnet4j.gradcheck;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.conformance.LayerGradientCheckKit;

/** Every layer's gradients on the CPU backend in F64 against central differences. */
class CpuLayerGradientCheckTest extends LayerGradientCheckKit {
    @Override protected BackendProvider provider() { return BackendPair.cpuProvider(); }
}
