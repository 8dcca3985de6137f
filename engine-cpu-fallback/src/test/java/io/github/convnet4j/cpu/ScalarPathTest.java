package io.github.convnet4j.cpu;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.ConvParams;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend on a JVM started without {@code --add-modules jdk.incubator.vector}: a child JVM
 * (this test's class path, no module flag) must report the scalar path and still compute a
 * convolution and a GEMM that match the F64 reference.
 */
class ScalarPathTest {
    @Test
    void worksWithoutTheVectorModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("threads, scalar path: jdk.incubator.vector not present"), text);
        assertTrue(text.contains("conv and gemm match the F64 reference"), text);
    }

    /** Runs in the child JVM; exits 1 on a mismatch. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(new CpuBackendProvider().probe().reason());
            try (Backend b = new CpuBackendProvider().open("")) {
                Random rng = new Random(3);
                Shape xs = Shape.of(3, 4, 9, 7);
                Shape ws = Shape.of(5, 4, 3, 3);
                Shape ys = Shape.of(3, 5, 9, 7);
                double[] x = gaussian(rng, xs.size());
                double[] w = gaussian(rng, ws.size());
                double[] a = gaussian(rng, 20 * 37);
                double[] m = gaussian(rng, 37 * 15);
                double[][] y = new double[2][(int) ys.size()];
                double[][] c = new double[2][20 * 15];
                DType[] dts = {DType.F64, DType.F32};
                for (int d = 0; d < 2; d++) {
                    Tensor yt = b.allocate(ys, dts[d]);
                    b.conv().forward(ConvParams.of(1, 1, 1), upload(b, xs, dts[d], x), upload(b, ws, dts[d], w), null, yt);
                    b.download(yt, y[d], 0);
                    Tensor ct = b.allocate(Shape.of(20, 15), dts[d]);
                    b.gemm().gemm(false, false, 1, upload(b, Shape.of(20, 37), dts[d], a), upload(b, Shape.of(37, 15), dts[d], m), 0, ct);
                    b.download(ct, c[d], 0);
                }
                compare("conv", y[0], y[1]);
                compare("gemm", c[0], c[1]);
            }
            System.out.println("conv and gemm match the F64 reference");
        }

        private static double[] gaussian(Random rng, long n) {
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
            return v;
        }

        private static Tensor upload(Backend b, Shape s, DType dt, double[] v) {
            Tensor t = b.allocate(s, dt);
            b.upload(v, 0, t);
            return t;
        }

        private static void compare(String what, double[] ref, double[] got) {
            for (int i = 0; i < ref.length; i++) {
                if (!(Math.abs(ref[i] - got[i]) <= 1e-4 + 1e-4 * Math.abs(ref[i]))) {
                    System.out.println(what + " mismatch at [" + i + "]: " + ref[i] + " vs " + got[i]);
                    System.exit(1);
                }
            }
        }
    }
}
