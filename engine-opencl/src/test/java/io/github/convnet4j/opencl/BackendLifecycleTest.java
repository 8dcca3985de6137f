package io.github.convnet4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.BackendRegistry;
import io.github.convnet4j.backend.JvmSignalHandlers;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening by --device, F32 only, zeroed allocation, argument errors and the kernel cache. */
class BackendLifecycleTest {
    @Test
    void registryOpensOpenClByName() {
        SharedOpenCl.backend();  // skips where absent
        List<String> log = new ArrayList<>();
        try (Backend b = BackendRegistry.discover().open("opencl", log::add)) {
            assertEquals("opencl", b.name());
            assertTrue(b.description().startsWith("opencl:"), b.description());
            assertEquals(1, log.size());
        }
    }

    /**
     * PoCL's LLVM installs SIGSEGV/SIGBUS/SIGILL handlers over the JVM's once it has compiled a
     * kernel; two threads faulting at a safepoint then kill the JVM. The test JVMs preload libjsig
     * (pom profile {@code jsig}), as the launcher does, so the JVM's handlers stay.
     */
    @Test
    void jvmKeepsItsSignalHandlersAfterTheRuntimeCompiledKernels() {
        SharedOpenCl.backend();  // skips where absent; has built the kernel programs
        assertEquals(java.util.Map.of(), JvmSignalHandlers.takenOver());
    }

    @Test
    void f32OnlyAndZeroFilled() {
        OpenClBackend b = SharedOpenCl.backend();
        assertTrue(b.supports(DType.F32));
        assertFalse(b.supports(DType.F64));
        BackendException e = assertThrows(BackendException.class, () -> b.allocate(Shape.of(2, 3), DType.F64));
        assertTrue(e.getMessage().contains("F64") && e.getMessage().contains("(2, 3)"), e.getMessage());
        try (Tensor t = b.allocate(Shape.of(1000))) {
            for (float v : HostData.download(b, t)) assertEquals(0f, v);
            double[] d = new double[1000];
            for (int i = 0; i < d.length; i++) d[i] = i * 0.5;
            b.upload(d, 0, t);
            double[] back = new double[1002];
            b.download(t, back, 2);
            assertEquals(499.5, back[1001]);
        }
    }

    @Test
    void shapeErrorsNameOpShapesAndDevice() {
        OpenClBackend b = SharedOpenCl.backend();
        try (Tensor a = b.allocate(Shape.of(3, 4)); Tensor w = b.allocate(Shape.of(5, 6)); Tensor c = b.allocate(Shape.of(3, 6))) {
            BackendException e = assertThrows(BackendException.class, () -> b.gemm().gemm(false, false, 1, a, w, 0, c));
            String m = e.getMessage();
            assertTrue(m.startsWith("gemm:") && m.contains("(3, 4)") && m.contains("(5, 6)") && m.endsWith("(device opencl " + b.device().name() + ")"), m);
            assertThrows(BackendException.class, () -> b.upload(new float[11], 0, a), "12 values do not fit 11");
        }
    }

    @Test
    void nativeFailuresNameTheOpAndItsShapes() {
        OpenClBackend b = SharedOpenCl.backend();
        Checks chk = b.checks();
        try (Tensor x = b.allocate(Shape.of(2, 3, 5, 5)); Tensor w = b.allocate(Shape.of(4, 3, 3, 3))) {
            chk.buffer("conv forward", "x", x);
            chk.buffer("conv forward", "w", w);
            assertEquals("conv forward (x (2, 3, 5, 5), w (4, 3, 3, 3))", chk.currentOp());
            chk.buffer("conv forward", "x", x);  // the next call of the same op replaces, never grows
            assertEquals("conv forward (x (2, 3, 5, 5), w (4, 3, 3, 3))", chk.currentOp());
            chk.buffer("fill", "t", w);
            assertEquals("fill (t (4, 3, 3, 3))", chk.currentOp());
        }
        // A workspace larger than the device can allocate fails with the op that wanted it.
        try (Tensor big = b.allocate(Shape.of(4))) {
            b.checks().buffer("gemm", "a", big);
            BackendException e = assertThrows(BackendException.class, () -> b.scratch().get("test", b.device().maxAllocation()));
            assertTrue(e.getMessage().contains("workspace \"test\" of gemm (a (4,))"), e.getMessage());
        }
    }

    @Test
    void closedBackendRefusesWork() {
        SharedOpenCl.backend();
        Backend b = SharedOpenCl.PROVIDER.open("");
        Tensor t = b.allocate(Shape.of(4));
        b.close();
        b.close();  // idempotent
        t.close();  // freed with the backend already; must not crash
        assertThrows(BackendException.class, () -> b.allocate(Shape.of(4)));
    }

    @Test
    void programsAreBuiltOncePerBackend() {
        OpenClBackend b = SharedOpenCl.backend();
        ProgramCache cache = b.programs();
        cache.family("optimizer", "");
        int builds = cache.builds(), hits = cache.hits();
        ClProgram again = cache.family("optimizer", "");
        assertEquals(builds, cache.builds(), "second request must not compile");
        assertEquals(hits + 1, cache.hits());
        assertEquals("kernels/opencl/optimizer.cl", again.label());
        cache.family("optimizer", "-D UNUSED=1");
        assertEquals(builds + 1, cache.builds(), "other build options are another program");
    }

    @Test
    void syntaxErrorCarriesTheBuildLog() {
        OpenClBackend b = SharedOpenCl.backend();
        String bad = "__kernel void broken(__global flot* x) { x[0] = 1.0f }\n";
        BackendException e = assertThrows(BackendException.class, () -> b.programs().program("broken.cl", bad, ""));
        String m = e.getMessage();
        assertTrue(m.contains("building broken.cl") && m.contains("build log:"), m);
        assertTrue(m.contains("flot"), "the log names the offending token: " + m);
    }
}
