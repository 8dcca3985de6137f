package io.github.convnet4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Single layers on the CPU backend: the input checks of forward (shape and dtype, with the layer's
 * name), that {@code backward(dy, false)} computes no input gradient, and forward/backward values on
 * tiny inputs worked by hand. The float64 gradient checks (CpuLayerGradientCheckTest) cover the
 * derivatives; these cover what a gradient check cannot see.
 */
class LayerOnCpuTest {
    private static final CpuBackend CPU = new CpuBackend();

    @AfterAll
    static void close() { CPU.close(); }

    private static AbstractLayer built(Shape input, String type, Object... kv) {
        AbstractLayer l = LayerFactory.create(type, "x1", LayerConfig.of(kv).values());
        l.build(CPU, input, DType.F64, new Rng(7));
        return l;
    }

    private static Tensor tensor(DType dtype, double[] values, int... dims) {
        Tensor t = CPU.allocate(Shape.of(dims), dtype);
        CPU.upload(values, 0, t);
        return t;
    }

    private static Tensor f64(double[] values, int... dims) { return tensor(DType.F64, values, dims); }

    private static Tensor zeros(DType dtype, Shape batched) { return tensor(dtype, new double[Math.toIntExact(batched.size())], batched.dims()); }

    private static double[] read(Tensor t) {
        double[] v = new double[Math.toIntExact(t.size())];
        CPU.download(t, v, 0);
        return v;
    }

    private static double[] range(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i + 1;
        return v;
    }

    @Test
    void everyLayerChecksItsInputAndSkipsTheInputGradientWhenNotNeeded() {
        ForwardContext training = new ForwardContext(true, 3);
        List<Object[]> cases = List.of(
                new Object[] {Shape.of(1, 2, 2), "ZeroPadding2D"},
                new Object[] {Shape.of(1, 2, 2), "UpSampling2D"},
                new Object[] {Shape.of(2, 6), "MaxPooling1D"},
                new Object[] {Shape.of(1, 2, 2, 2), "MaxPooling3D"},
                new Object[] {Shape.of(2, 4), "Reshape", "target_shape", List.of(8)},
                new Object[] {Shape.of(2, 3, 3), "SeparableConv2D", "filters", 2, "kernel_size", 2},
                new Object[] {Shape.of(6), "Dropout", "rate", 0.5},
                new Object[] {Shape.of(3, 2, 2), "BatchNormalization"},
                new Object[] {Shape.of(3, 2, 2), "GlobalAveragePooling2D"},
                new Object[] {Shape.of(4), "Activation", "activation", "tanh"},
                new Object[] {Shape.of(2, 3, 3), "Conv2D", "filters", 2, "kernel_size", 2},
                new Object[] {Shape.of(2, 5), "Conv1D", "filters", 2, "kernel_size", 2},
                new Object[] {Shape.of(4), "Dense", "units", 3},
                new Object[] {Shape.of(2, 3), "Flatten"},
                new Object[] {Shape.of(1, 4, 4), "MaxPooling2D", "pool_size", 2},
                // relu: the CPU fuses it into the convolution, whose backward has its own path
                new Object[] {Shape.of(2, 3, 3), "Conv2D", "filters", 2, "kernel_size", 2, "activation", "relu"});
        for (Object[] c : cases) {
            Shape in = (Shape) c[0];
            String type = (String) c[1];
            Object[] kv = java.util.Arrays.copyOfRange(c, 2, c.length);
            AbstractLayer l = built(in, type, kv);
            // one more element on the last axis
            int[] wrong = AbstractLayer.batched(2, in).dims();
            wrong[wrong.length - 1]++;
            ShapeException e = assertThrows(ShapeException.class, () -> l.forward(zeros(DType.F64, Shape.of(wrong)), training, false), type);
            assertEquals("layer x1 (" + type + "): expects input " + AbstractLayer.batchedString(in) + ", got " + Shape.of(wrong), e.getMessage());
            ShapeException d = assertThrows(ShapeException.class,
                    () -> l.forward(zeros(DType.F32, AbstractLayer.batched(2, in)), training, false), type);
            assertEquals("layer x1 (" + type + "): expects F64 input, got F32", d.getMessage());
            Tensor y = l.forward(zeros(DType.F64, AbstractLayer.batched(2, in)), training, false);
            assertNull(l.backward(zeros(DType.F64, y.shape()), false), type);
        }
    }

    @Test
    void zeroPaddingValues() {
        AbstractLayer z = built(Shape.of(1, 2, 2), "ZeroPadding2D", "padding", List.of(List.of(1, 0), List.of(0, 2)));
        Tensor y = z.forward(f64(new double[] {1, 2, 3, 4}, 1, 1, 2, 2), ForwardContext.INFERENCE, false);
        assertEquals(Shape.of(1, 1, 3, 4), y.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}, read(y));
        // dx[h, w] = dy[1 + h, w]
        Tensor dx = z.backward(f64(range(12), 1, 1, 3, 4), true);
        assertArrayEquals(new double[] {5, 6, 9, 10}, read(dx));
    }

    @Test
    void dropoutIsTheIdentityOutsideTrainingAndAtRateZero() {
        Tensor x = f64(range(6), 1, 6);
        AbstractLayer none = built(Shape.of(6), "Dropout", "rate", 0.0);
        assertSame(x, none.forward(x, new ForwardContext(true, 1), false));
        Tensor dy = f64(range(6), 1, 6);
        assertSame(dy, none.backward(dy, true));
        AbstractLayer half = built(Shape.of(6), "Dropout", "rate", 0.5);
        assertSame(x, half.forward(x, ForwardContext.INFERENCE, false));
    }

    @Test
    void dropoutKeepsOrZeroesEachValueScaledByOneOverKeepAndRedrawsEachStep() {
        AbstractLayer d = built(Shape.of(64), "Dropout", "rate", 0.5);
        Dropout dropout = (Dropout) d;
        assertNotEquals(dropout.maskSeed(1), dropout.maskSeed(2));
        double[] x = range(64);
        double[] first = read(d.forward(f64(x, 1, 64), new ForwardContext(true, 1), false));
        double[] dx = read(d.backward(f64(x, 1, 64), true));
        int kept = 0;
        for (int i = 0; i < 64; i++) {
            assertTrue(first[i] == 0 || first[i] == 2 * x[i], "y[" + i + "] = " + first[i]);
            // the gradient goes through the same mask as the value
            assertEquals(first[i], dx[i], 1e-12);
            if (first[i] != 0) kept++;
        }
        assertTrue(kept > 10 && kept < 54, kept + " of 64 kept");
        double[] second = read(d.forward(f64(x, 1, 64), new ForwardContext(true, 2), false));
        assertTrue(!java.util.Arrays.equals(first, second), "step seeds 1 and 2 drew the same mask");
    }

    @Test
    void frozenBatchNormUsesTheMovingStatisticsEvenInTraining() {
        AbstractLayer bn = built(Shape.of(2), "BatchNormalization", "trainable", false, "epsilon", 0.25);
        // moving mean 0, variance 1: y = x / sqrt(1 + 0.25)
        double[] y = read(bn.forward(f64(new double[] {1, 2, 3, 4}, 2, 2), new ForwardContext(true, 1), false));
        double s = Math.sqrt(1.25);
        assertArrayEquals(new double[] {1 / s, 2 / s, 3 / s, 4 / s}, y, 1e-12);
        AbstractLayer live = built(Shape.of(2), "BatchNormalization", "epsilon", 0.25);
        // batch statistics per feature: mean (2, 3), variance 1: y = (x - mean) / sqrt(1.25)
        double[] z = read(live.forward(f64(new double[] {1, 2, 3, 4}, 2, 2), new ForwardContext(true, 1), false));
        assertArrayEquals(new double[] {-1 / s, -1 / s, 1 / s, 1 / s}, z, 1e-12);
    }

    @Test
    void pooling3dOverABatchOfSeveralChannels() {
        AbstractLayer p = built(Shape.of(2, 2, 2, 2), "MaxPooling3D");
        // N = 2, C = 2: each (2, 2, 2) block of 8 consecutive values pools to its last
        double[] y = read(p.forward(f64(range(32), 2, 2, 2, 2, 2), ForwardContext.INFERENCE, false));
        assertArrayEquals(new double[] {8, 16, 24, 32}, y);
        double[] dx = read(p.backward(f64(new double[] {1, 2, 3, 4}, 2, 2, 1, 1, 1), true));
        for (int i = 0; i < 32; i++) assertEquals(i % 8 == 7 ? (i / 8) + 1 : 0, dx[i], "dx[" + i + "]");
    }

    private static MergeLayer merge(String type, Shape... inputs) {
        MergeLayer m = (MergeLayer) LayerFactory.create(type, "m1", Map.of());
        m.build(CPU, List.of(inputs), DType.F64, new Rng(1));
        return m;
    }

    @Test
    void everyMergeChecksItsInputs() {
        Tensor a = f64(range(6), 2, 3);
        for (String type : List.of("Add", "Average", "Concatenate", "Multiply")) {
            MergeLayer m = merge(type, Shape.of(3), Shape.of(3));
            assertEquals("layer m1 (" + type + "): input 1 must be (N, 3) with N = 2, got (2, 4)",
                    assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, f64(range(8), 2, 4)}, ForwardContext.INFERENCE))
                            .getMessage(), type);
        }
    }

    @Test
    void mergeInputsAreChecked() {
        MergeLayer m = merge("Maximum", Shape.of(3), Shape.of(3));
        Tensor a = f64(range(6), 2, 3);
        String prefix = "layer m1 (Maximum): ";
        assertEquals(prefix + "expects 2 inputs, got 1",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a}, ForwardContext.INFERENCE)).getMessage());
        assertEquals(prefix + "input 1 must be (N, 3) with N = 2, got (1, 3)",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, f64(range(3), 1, 3)}, ForwardContext.INFERENCE)).getMessage());
        assertEquals(prefix + "input 1 must be (N, 3) with N = 2, got (2, 4)",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, f64(range(8), 2, 4)}, ForwardContext.INFERENCE)).getMessage());
        assertEquals(prefix + "input 1 must be (N, 3) with N = 2, got (2, 3, 1)",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, f64(range(6), 2, 3, 1)}, ForwardContext.INFERENCE)).getMessage());
        assertEquals(prefix + "expects F64 inputs, got F32",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, tensor(DType.F32, range(6), 2, 3)}, ForwardContext.INFERENCE)).getMessage());
        assertEquals("layer m1 is already built",
                assertThrows(IllegalStateException.class, () -> m.build(CPU, List.of(Shape.of(3), Shape.of(3)), DType.F64, new Rng(1))).getMessage());
        MergeLayer unbuilt = (MergeLayer) LayerFactory.create("Add", "m2", Map.of());
        assertEquals("layer m2 (Add) is not built",
                assertThrows(IllegalStateException.class, () -> unbuilt.forward(new Tensor[] {a, a}, ForwardContext.INFERENCE)).getMessage());
    }

    @Test
    void maximumOfThreeAndItsRouting() {
        MergeLayer m = merge("Maximum", Shape.of(3), Shape.of(3), Shape.of(3));
        Tensor a = f64(new double[] {5, 1, 0}, 1, 3), b = f64(new double[] {1, 6, 0}, 1, 3), c = f64(new double[] {2, 2, 7}, 1, 3);
        assertArrayEquals(new double[] {5, 6, 7}, read(m.forward(new Tensor[] {a, b, c}, ForwardContext.INFERENCE)));
        Tensor[] dx = new Tensor[3];
        m.backward(f64(new double[] {10, 20, 30}, 1, 3), new boolean[] {true, false, true}, dx);
        assertArrayEquals(new double[] {10, 0, 0}, read(dx[0]));
        assertNull(dx[1]);
        assertArrayEquals(new double[] {0, 0, 30}, read(dx[2]));
    }

    @Test
    void multiplyOfEqualShapesAndWithAGateSecond() {
        MergeLayer m = merge("Multiply", Shape.of(3), Shape.of(3));
        Tensor a = f64(new double[] {1, 2, 3}, 1, 3), b = f64(new double[] {4, 5, 6}, 1, 3);
        assertArrayEquals(new double[] {4, 10, 18}, read(m.forward(new Tensor[] {a, b}, ForwardContext.INFERENCE)));
        Tensor[] dx = new Tensor[2];
        m.backward(f64(new double[] {1, 1, 2}, 1, 3), new boolean[] {true, false}, dx);
        assertArrayEquals(new double[] {4, 5, 12}, read(dx[0]));
        assertNull(dx[1]);
        assertEquals("layer m1 (Multiply): input 1 must be (N, 3) with N = 1, got (1, 4)",
                assertThrows(ShapeException.class, () -> m.forward(new Tensor[] {a, f64(range(4), 1, 4)}, ForwardContext.INFERENCE)).getMessage());

        MergeLayer gated = merge("Multiply", Shape.of(2, 1, 2), Shape.of(2));
        Tensor map = f64(new double[] {1, 2, 3, 4}, 1, 2, 1, 2), gate = f64(new double[] {10, 100}, 1, 2);
        Tensor y = gated.forward(new Tensor[] {map, gate}, ForwardContext.INFERENCE);
        assertEquals(Shape.of(1, 2, 1, 2), y.shape());
        assertArrayEquals(new double[] {10, 20, 300, 400}, read(y));
        Tensor[] g = new Tensor[2];
        gated.backward(f64(new double[] {1, 1, 1, 2}, 1, 2, 1, 2), new boolean[] {true, true}, g);
        assertArrayEquals(new double[] {10, 10, 100, 200}, read(g[0]));
        // d gate[c] = sum over the map of dy * map: 1 + 2 = 3, 3 + 8 = 11
        assertArrayEquals(new double[] {3, 11}, read(g[1]));
    }
}
