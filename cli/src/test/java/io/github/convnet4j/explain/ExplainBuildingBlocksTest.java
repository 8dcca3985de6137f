package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The parts the explanation methods are built from, each against a hand computation. */
class ExplainBuildingBlocksTest {
    private static final String TWO_DENSE = """
            {"name": "two-dense", "input_shape": [1, 2, 2], "layers": [
              {"type": "Flatten"},
              {"type": "Dense", "units": 6, "activation": "relu", "bias_initializer": "ones"},
              {"type": "Dense", "units": 3}]}""";

    /** dx = W1^T (g ⊙ [z1 > 0]) with g = W2[k, :] (plain) or max(W2[k, :], 0) (guided). */
    @Test void guidedBackpropPassesOnlyPositiveGradientsThroughReLUs() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(TWO_DENSE, "test"))) {
            m.build(backend, DType.F32, 3);
            float[] x = {0.3f, -0.8f, 0.5f, 0.9f};
            float[] w1 = host(backend, m, "dense_1/kernel"), b1 = host(backend, m, "dense_1/bias"), w2 = host(backend, m, "dense_2/kernel");
            int k = 1;
            double[] plain = new double[4], guided = new double[4];
            for (int j = 0; j < 6; j++) {
                double z = b1[j];
                for (int i = 0; i < 4; i++) z += w1[j * 4 + i] * x[i];
                if (z <= 0) continue;
                for (int i = 0; i < 4; i++) {
                    plain[i] += w1[j * 4 + i] * w2[k * 6 + j];
                    guided[i] += w1[j * 4 + i] * Math.max(w2[k * 6 + j], 0);
                }
            }
            assertTrue(!Arrays.equals(plain, guided), "the case must have a negative gradient at an active ReLU");
            try (ModelProbe probe = new ModelProbe(m)) {
                assertArrayEquals(toFloat(plain), probe.backprop(x, k, null, false).inputGradient(), 1e-5f);
                assertArrayEquals(toFloat(guided), probe.backprop(x, k, null, true).inputGradient(), 1e-5f);
                assertArrayEquals(toFloat(plain), probe.backprop(x, k, null, false).inputGradient(), 1e-5f, "the guided rule is gone after its pass");
            }
        }
    }

    @Test void theCaptureSeesTheLayerOutputAndItsGradient() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(TWO_DENSE, "test"))) {
            m.build(backend, DType.F32, 3);
            float[] x = {0.3f, -0.8f, 0.5f, 0.9f};
            float[] w1 = host(backend, m, "dense_1/kernel"), b1 = host(backend, m, "dense_1/bias"), w2 = host(backend, m, "dense_2/kernel");
            try (ModelProbe probe = new ModelProbe(m)) {
                Backprop b = probe.backprop(x, 2, "dense_1", false);
                for (int j = 0; j < 6; j++) {
                    double z = b1[j];
                    for (int i = 0; i < 4; i++) z += w1[j * 4 + i] * x[i];
                    assertEquals(Math.max(z, 0), b.activation()[j], 1e-5, "relu output " + j);
                    assertEquals(w2[2 * 6 + j], b.activationGradient()[j], 1e-6, "d logit_2 / d output " + j);
                }
                assertThrows(IllegalArgumentException.class, () -> probe.backprop(x, 0, "dense_9", false));
                assertThrows(IllegalArgumentException.class, () -> probe.backprop(x, 3, null, false));
            }
        }
    }

    @Test void gradCamWeightsEachMapByItsMeanGradient() {
        // Two 1×2 maps: alpha = (0.5, -1); cam = relu(0.5*[2, 4] - 1*[3, 1]) = relu([-2, 1]) = [0, 1].
        Backprop b = new Backprop(new float[1], 0, new float[0], io.github.convnet4j.tensor.Shape.of(2, 1, 2),
                new float[] {2, 4, 3, 1}, new float[] {0, 1, -1, -1});
        assertArrayEquals(new float[] {0, 1}, GradCam.lowResolution(b));
    }

    @Test void kerasMnistsLastMapSitsOverTheMiddleOfTheInput() {
        Model m = Model.of(Presets.get("keras-mnist"));
        assertEquals("conv2d_3", GradCam.defaultLayer(m));
        // conv 3 valid, pool 2, conv 3 valid, pool 2, conv 3 valid: cell j of the 3×3 map is centred on pixel 8.5 + 4j.
        assertEquals(new ReceptiveFieldGrid(8.5, 4, 8.5, 4), ReceptiveFieldGrid.of(m, m.indexOf("conv2d_3")));
        assertEquals(new ReceptiveFieldGrid(1, 1, 1, 1), ReceptiveFieldGrid.of(m, m.indexOf("conv2d_1")));
        float[] up = new ReceptiveFieldGrid(8.5, 4, 8.5, 4).resize(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, 3, 3, 28, 28);
        // Pixels 12 and 13 lie 0.125 cells either side of the centre cell's centre (12.5).
        assertEquals(0.875f * 0.875f, up[12 * 28 + 12], 1e-6f);
        assertEquals(0.875f * 0.875f, up[13 * 28 + 13], 1e-6f);
        assertEquals(0.875f * 0.125f, up[12 * 28 + 16], 1e-6f, "pixel 16 is 0.875 cells from the centre");
        assertEquals(0f, up[8 * 28 + 8], "pixel 8 is nearer the corner cell than the centre's reach");
        assertEquals(0f, up[0], "corners take the corner cell");
    }

    @Test void heatmapsAreScaledByTheirMaximum() {
        Heatmap h = Heatmap.normalized(1, 4, new float[] {-1, 0, 2, 4});
        assertArrayEquals(new float[] {0, 0, 0.5f, 1}, h.values());
        assertArrayEquals(new float[] {0, 0}, Heatmap.normalized(1, 2, new float[] {-3, 0}).values(), "nothing relevant stays zero");
    }

    private static float[] host(CpuBackend backend, Model m, String name) {
        Parameter p = m.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        float[] v = new float[Math.toIntExact(p.value().size())];
        backend.download(p.value(), v, 0);
        return v;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
