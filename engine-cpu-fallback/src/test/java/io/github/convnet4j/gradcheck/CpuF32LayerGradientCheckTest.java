package io.github.convnet4j.gradcheck;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.conformance.LayerGradientCheckKit;
import io.github.convnet4j.tensor.DType;

/**
 * The same checks with the analytic side on the CPU backend's F32 path (the fast one used for
 * training), under the kit's float tolerance: what a GPU backend gets.
 */
class CpuF32LayerGradientCheckTest extends LayerGradientCheckKit {
    @Override protected BackendProvider provider() { return BackendPair.cpuProvider(); }

    @Override protected DType analyticDType(Backend test) { return DType.F32; }
}
