package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.conformance.LayerGradientCheckKit;

/**
 * Every layer's analytic gradients on the CUDA backend (F32) against central differences on the
 * CPU reference (F64), under the kit's float tolerance; skipped without a GPU.
 */
class CudaLayerGradientCheckTest extends LayerGradientCheckKit {
    @Override protected BackendProvider provider() { return new CudaBackendProvider(); }
}
