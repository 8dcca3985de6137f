package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.cuda.KernelSignatures.Kind;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** The kernel sources are on the class path and every kernel's parameters are ones the launcher can pass. */
class KernelSignaturesTest {
    @Test void everyFamilyParsesWithKnownParameterKinds() {
        for (String family : CudaBackend.KERNEL_FAMILIES) {
            String file = KernelCompiler.RESOURCE_DIR + family + ".cu";
            Map<String, List<Kind>> kernels = KernelSignatures.parse(KernelCompiler.readResource(file), file);
            assertFalse(kernels.isEmpty(), file + " declares no extern \"C\" __global__ kernel");
        }
        assertTrue(KernelCompiler.readResource(KernelCompiler.RESOURCE_DIR + KernelCompiler.HEADER).contains("block_sum"));
    }

    @Test void parsesPointersIntegersAndFloats() {
        Map<String, List<Kind>> k = KernelSignatures.parse(
                "extern \"C\" __global__ void f(const float* x, float *y, unsigned int t, long long n, float a, double s, int i) {}", "t.cu");
        assertEquals(List.of(Kind.POINTER, Kind.POINTER, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE, Kind.INT), k.get("f"));
    }

    @Test void refusesTypesTheLauncherCannotPass() {
        assertThrows(BackendException.class, () -> KernelSignatures.parse("extern \"C\" __global__ void f(short s) {}", "t.cu"));
    }

    @Test void launchArgumentsAreCheckedInNumberAndKind() {
        List<Kind> sig = List.of(Kind.POINTER, Kind.LONG);
        KernelSignatures.check("f", sig, new Object[] {new CUdeviceptr(), 5L});
        BackendException e = assertThrows(BackendException.class, () -> KernelSignatures.check("f", sig, new Object[] {new CUdeviceptr(), 5}));
        assertTrue(e.getMessage().contains("[POINTER, LONG]") && e.getMessage().contains("[POINTER, INT]"), e.getMessage());
        assertThrows(BackendException.class, () -> KernelSignatures.check("f", sig, new Object[] {new CUdeviceptr()}));
    }
}
