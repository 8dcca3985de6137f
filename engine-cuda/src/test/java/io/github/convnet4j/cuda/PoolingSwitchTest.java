package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.BackendException;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dconvnet.cuda.pool}: cuDNN by default, {@code pool.cu} on request, anything else refused
 * with the property's name (no GPU needed; the device tests check the description it produces).
 */
class PoolingSwitchTest {
    @Test void cudnnUnlessKernelsAreAskedFor() {
        assertTrue(CudaBackendProvider.cudnnPooling(null));
        assertTrue(CudaBackendProvider.cudnnPooling(""));
        assertTrue(CudaBackendProvider.cudnnPooling("cuDNN"));
        assertFalse(CudaBackendProvider.cudnnPooling("kernels"));
        assertFalse(CudaBackendProvider.cudnnPooling(" Kernels "));
    }

    @Test void anotherValueIsRefusedNamingTheProperty() {
        BackendException e = assertThrows(BackendException.class, () -> CudaBackendProvider.cudnnPooling("pool.cu"));
        assertTrue(e.getMessage().contains("-Dconvnet.cuda.pool=pool.cu") && e.getMessage().contains("cudnn or kernels"), e.getMessage());
    }
}
