package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.backend.BackendException;
import jcuda.nvrtc.JNvrtc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NVRTC compiles every kernel family; a compile error carries NVRTC's log. Needs only
 * libnvrtc.so.12 (no GPU, no driver), so it also runs on a machine with the CUDA toolkit or the
 * nvidia-cuda-nvrtc-cu12 wheel on LD_LIBRARY_PATH; elsewhere it is skipped with the load error.
 */
class KernelCompileTest {
    private static String unavailable;

    @BeforeAll static void loadNvrtc() {
        try {
            JNvrtc.setExceptionsEnabled(false);
            unavailable = KernelCompiler.nvrtcProblem();
        } catch (Throwable t) {
            unavailable = NativeLoadErrors.summary(t);
        }
    }

    @Test void everyFamilyCompilesForSeveralArchitectures() {
        assumeTrue(unavailable == null, "NVRTC is not loadable here: " + unavailable);
        int[] archs = KernelCompiler.supportedArchs();
        int newest = archs[archs.length - 1];
        for (int arch : new int[] {75, 80, 90, newest}) {
            for (String family : CudaBackend.KERNEL_FAMILIES) {
                KernelCompiler.Image image = KernelCompiler.compile(family, arch / 10, arch % 10, true);
                assertTrue(image.bytes().length > 100, family + " for " + arch + " produced " + image.bytes().length + " bytes");
                assertTrue(image.target().startsWith("CUBIN sm_" + arch) || image.target().startsWith("PTX compute_"), image.target());
            }
        }
        assertSame(KernelCompiler.compile("loss", 9, 0, true), KernelCompiler.compile("loss", 9, 0, true), "compiled once, then cached");
    }

    @Test void aDeviceNewerThanNvrtcGetsForwardCompatiblePtx() {
        assumeTrue(unavailable == null, "NVRTC is not loadable here: " + unavailable);
        int[] archs = KernelCompiler.supportedArchs();
        int newest = archs[archs.length - 1];
        KernelCompiler.Image image = KernelCompiler.compile("elementwise", 99, 9, true);
        assertEquals("PTX compute_" + newest, image.target().substring(0, image.target().indexOf(" from")));
        assertEquals(0, image.bytes()[image.bytes().length - 1], "PTX handed to cuModuleLoadData must end with NUL");
    }

    @Test void compileErrorsCarryTheNvrtcLog() {
        assumeTrue(unavailable == null, "NVRTC is not loadable here: " + unavailable);
        BackendException e = assertThrows(BackendException.class, () -> KernelCompiler.compile("broken_for_test", 9, 0, true));
        assertTrue(e.getMessage().contains("kernels/cuda/broken_for_test.cu does not compile"), e.getMessage());
        assertTrue(e.getMessage().contains("undefined_thing_for_the_test"), "the NVRTC log must be in the message: " + e.getMessage());
    }

    @Test void withoutNvrtcAndWithoutPtxTheErrorSaysWhatToInstall() {
        BackendException e = assertThrows(BackendException.class, () -> KernelCompiler.compile("loss", 9, 0, false));
        assertTrue(e.getMessage().contains("libnvrtc.so.12") && e.getMessage().contains("kernels/cuda/ptx/loss.ptx"), e.getMessage());
    }
}
