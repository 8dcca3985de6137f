package io.github.convnet4j.cuda;

import io.github.convnet4j.backend.BackendProvider;
import io.github.convnet4j.golden.GoldenValuesTest;

/** The CUDA backend against PyTorch's values for the main ops; skipped without a GPU. */
class CudaGoldenValuesTest extends GoldenValuesTest {
    @Override protected BackendProvider provider() { return new CudaBackendProvider(); }
}
