package io.github.convnet4j.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.BackendException;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.backend.ops.LossKind;
import io.github.convnet4j.backend.ops.PoolParams;
import io.github.convnet4j.conformance.BackendPair;
import io.github.convnet4j.conformance.BackendRequirement;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the conformance kit does not cover: kernel compilation on the device, the out-of-memory
 * message, cuDNN pooling against the project's pooling kernels, no allocations after warm-up,
 * refusing foreign tensors, and the TF32 switch. Skipped without a GPU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CudaDeviceTest {
    private final CudaBackendProvider provider = new CudaBackendProvider();
    private CudaBackend backend;

    /** Why CUDA is absent (each test is then reported skipped), or null. */
    private String absent;

    @BeforeAll void open() {
        absent = BackendRequirement.unavailableReason(provider);
        if (absent != null) return;
        backend = (CudaBackend) provider.open("", false);
        System.out.println("CudaDeviceTest on " + backend.description());
    }

    @BeforeEach void requireCuda() {
        assumeTrue(absent == null, absent);
    }

    @AfterAll void close() {
        if (backend != null) {
            System.out.println("kernel targets: " + backend.kernelTargets());
            System.out.println("cuDNN convolution algorithms:\n" + backend.convolutionAlgorithms());
            backend.close();
        }
    }

    /**
     * Every family is loaded, built for this device the way {@link KernelCompiler} promises: a CUBIN
     * for exactly the device's architecture, PTX for an older one the driver JIT-compiles forward, or
     * the precompiled PTX named for the device; and all families the same way.
     */
    @Test void everyKernelFamilyCompilesAndLoadsForThisDevice() {
        backend.device().kernels().loadAll();
        int deviceArch = backend.device().ccMajor() * 10 + backend.device().ccMinor();
        String first = null;
        for (String family : CudaBackend.KERNEL_FAMILIES) {
            String target = backend.device().kernels().target(family);
            assertNotNull(target, family + " was not loaded");
            Matcher cubin = Pattern.compile("CUBIN sm_(\\d+) from NVRTC \\d+\\.\\d+").matcher(target);
            Matcher ptx = Pattern.compile("PTX compute_(\\d+) from NVRTC \\d+\\.\\d+").matcher(target);
            if (cubin.matches()) {
                assertEquals(deviceArch, Integer.parseInt(cubin.group(1)), family + ": a CUBIN runs only on its own architecture: " + target);
            } else if (ptx.matches()) {
                assertTrue(Integer.parseInt(ptx.group(1)) < deviceArch, family + ": PTX is chosen only below the device's architecture: " + target);
            } else {
                assertEquals("precompiled PTX for compute capability " + backend.device().ccMajor() + "." + backend.device().ccMinor(),
                        target, family);
            }
            if (first == null) first = target;
            assertEquals(first, target, family + " was built unlike " + CudaBackend.KERNEL_FAMILIES.get(0));
        }
        assertTrue(backend.kernelTargets().startsWith(CudaBackend.KERNEL_FAMILIES.get(0) + ": " + first), backend.kernelTargets());
    }

    @Test void outOfMemorySaysWhatIsFreeAndSuggestsABatchSize() {
        BackendException e = assertThrows(BackendException.class, () -> backend.allocate(Shape.of(1 << 20, 1 << 20)));
        String m = e.getMessage();
        assertTrue(m.contains("out of memory") && m.contains(" free of ") && m.contains("--batch-size 524288") && m.contains("cuda:0"), m);
        try (Tensor t = backend.allocate(Shape.of(5))) {
            backend.elementwise().fill(t, 2.5);
            float[] back = new float[5];
            backend.download(t, back, 0);
            assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, back, "the device must still work after a failed allocation");
        }
    }

    @Test void cudnnPoolingAgreesWithThePoolingKernels() {
        List<PoolParams> params = List.of(
                new PoolParams(PoolParams.Mode.MAX, 2, 2, 2, 2, 0, 0, 0, 0),
                new PoolParams(PoolParams.Mode.MAX, 3, 3, 1, 1, 1, 1, 1, 1),
                new PoolParams(PoolParams.Mode.MAX, 3, 3, 2, 2, 1, 1, 1, 1),
                new PoolParams(PoolParams.Mode.AVERAGE, 2, 2, 2, 2, 0, 0, 0, 0),
                new PoolParams(PoolParams.Mode.AVERAGE, 3, 3, 1, 1, 1, 1, 1, 1),
                new PoolParams(PoolParams.Mode.AVERAGE, 3, 2, 2, 1, 1, 1, 1, 1));
        try (CudaPoolOps cudnn = new CudaPoolOps(backend.device(), true); CudaPoolOps kernels = new CudaPoolOps(backend.device(), false)) {
            for (PoolParams p : params) {
                // All-negative inputs expose padding counted as zero; small integers make ties.
                for (boolean ties : new boolean[] {false, true}) {
                    Shape xs = Shape.of(2, 3, 7, 6);
                    Shape ys = Shape.of(2, 3, p.outputHeight(7), p.outputWidth(6));
                    float[] x = values(xs, ties, 11);
                    float[] dy = values(ys, false, 12);
                    try (Tensor tx = upload(xs, x); Tensor tdy = upload(ys, dy); Tensor y1 = backend.allocate(ys); Tensor y2 = backend.allocate(ys);
                         Tensor dx1 = backend.allocate(xs); Tensor dx2 = backend.allocate(xs)) {
                        cudnn.forward(p, tx, y1);
                        kernels.forward(p, tx, y2);
                        close(p + (ties ? " ties" : "") + " forward", download(y1), download(y2), p.mode() == PoolParams.Mode.MAX ? 0 : 1e-6);
                        cudnn.backward(p, tx, y1, tdy, dx1);
                        kernels.backward(p, tx, y2, tdy, dx2);
                        close(p + (ties ? " ties" : "") + " backward", download(dx1), download(dx2), 1e-6);
                    }
                }
            }
        }
    }

    @Test void aTrainingStepAllocatesNothingAfterWarmUp() {
        ConvParams same = new ConvParams(1, 1, 0, 0, 1, 1, 1, 1);  // asymmetric: exercises the pad/crop staging
        try (Tensor x = upload(Shape.of(8, 3, 12, 12), values(Shape.of(8, 3, 12, 12), false, 1));
             Tensor w = upload(Shape.of(4, 3, 2, 2), values(Shape.of(4, 3, 2, 2), false, 2));
             Tensor b = backend.allocate(Shape.of(4)); Tensor y = backend.allocate(Shape.of(8, 4, 12, 12));
             Tensor dy = backend.allocate(Shape.of(8, 4, 12, 12)); Tensor dx = backend.allocate(Shape.of(8, 3, 12, 12));
             Tensor dw = backend.allocate(Shape.of(4, 3, 2, 2)); Tensor db = backend.allocate(Shape.of(4));
             Tensor target = backend.allocate(Shape.of(8, 576));
             Tensor m = backend.allocate(Shape.of(4, 3, 2, 2)); Tensor v = backend.allocate(Shape.of(4, 3, 2, 2))) {
            Tensor logits = y.reshape(Shape.of(8, 576));
            Tensor grad = dy.reshape(Shape.of(8, 576));
            backend.elementwise().fill(target, 1.0 / 576);
            Runnable step = () -> {
                backend.conv().forward(same, x, w, b, y);
                backend.activation().forward(Activation.SOFTMAX, logits, logits);
                backend.loss().forwardBackward(LossKind.SOFTMAX_CROSS_ENTROPY, logits, target, grad);
                backend.conv().backwardData(same, dy, w, dx);
                backend.conv().backwardFilter(same, x, dy, dw, db);
                backend.optimizer().adam(w, dw, m, v, 1e-3, 0.9, 0.999, 1e-7, 1);
                backend.reduction().sumOfSquares(dw);
            };
            step.run();
            long before = backend.device().rawAllocations();
            step.run();
            step.run();
            backend.synchronize();
            assertEquals(before, backend.device().rawAllocations(), "steps after the first must not allocate device memory");
        }
    }

    @Test void tensorsOfAnotherBackendAreRefused() {
        try (Backend cpu = BackendPair.cpuProvider().open(""); Tensor foreign = cpu.allocate(Shape.of(3)); Tensor mine = backend.allocate(Shape.of(3))) {
            BackendException e = assertThrows(BackendException.class, () -> backend.elementwise().add(foreign, mine, mine));
            assertTrue(e.getMessage().contains("lives on cpu"), e.getMessage());
        }
    }

    @Test void tf32CanBeSwitchedOnAndStaysClose() {
        try (Backend tf32 = provider.open("", true)) {
            assertTrue(tf32.description().contains("TF32 on"), tf32.description());
            int m = 64;
            float[] a = values(Shape.of(m, m), false, 3);
            float[] bv = values(Shape.of(m, m), false, 4);
            try (Tensor ta = tf32.allocate(Shape.of(m, m)); Tensor tb = tf32.allocate(Shape.of(m, m)); Tensor tc = tf32.allocate(Shape.of(m, m))) {
                tf32.upload(a, 0, ta);
                tf32.upload(bv, 0, tb);
                tf32.gemm().gemm(false, false, 1, ta, tb, 0, tc);
                float[] c = new float[m * m];
                tf32.download(tc, c, 0);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        double exact = 0, scale = 0;
                        for (int k = 0; k < m; k++) {
                            exact += (double) a[i * m + k] * bv[k * m + j];
                            scale += Math.abs((double) a[i * m + k] * bv[k * m + j]);
                        }
                        // TF32 keeps 10 mantissa bits: about 1e-3 relative per product.
                        assertEquals(exact, c[i * m + j], 2e-3 * scale + 1e-6, "c[" + i + ", " + j + "]");
                    }
                }
            }
        }
    }

    private Tensor upload(Shape s, float[] v) {
        Tensor t = backend.allocate(s);
        backend.upload(v, 0, t);
        return t;
    }

    private float[] download(Tensor t) {
        float[] f = new float[Math.toIntExact(t.size())];
        backend.download(t, f, 0);
        return f;
    }

    /** Uniform in [-3, -1] (all negative), or small integers in {-2, ..., 1} full of ties. */
    private static float[] values(Shape s, boolean ties, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) v[i] = ties ? r.nextInt(4) - 2 : (float) (-3 + 2 * r.nextDouble());
        return v;
    }

    private static void close(String what, float[] expected, float[] actual, double rtol) {
        for (int i = 0; i < expected.length; i++) {
            double tol = rtol * Math.abs(expected[i]) + (rtol == 0 ? 0 : 1e-7);
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol, what + ": element " + i + " cuDNN " + expected[i] + " vs kernel " + actual[i]);
        }
    }
}
