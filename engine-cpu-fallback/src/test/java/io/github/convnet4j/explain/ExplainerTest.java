package io.github.convnet4j.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Guided Grad-CAM is the product of the guided-backprop and Grad-CAM maps; the explainer names its layer. */
class ExplainerTest {
    private static final String CONV = """
            {"name": "conv", "input_shape": [1, 6, 6], "layers": [
              {"type": "Conv2D", "filters": 3, "kernel_size": 3, "activation": "relu"},
              {"type": "Flatten"},
              {"type": "Dense", "units": 3}]}""";

    /** Normalising by the maximum is a scale, so normalize(g ⊙ c) = normalize(normalize(g) ⊙ normalize(c)). */
    @Test void guidedGradCamMultipliesTheTwoMaps() {
        try (CpuBackend backend = new CpuBackend(); Model m = Model.of(ModelSpec.parse(CONV, "test"))) {
            m.build(backend, DType.F32, 11);
            Random r = new Random(2);
            float[] image = new float[36];
            for (int i = 0; i < image.length; i++) image[i] = r.nextFloat();
            try (ModelProbe probe = new ModelProbe(m)) {
                Explainer gg = new Explainer(probe, ExplainMethod.GUIDED_GRADCAM, null, 2, 1);
                assertEquals("conv2d_1", gg.layer());
                float[] guided = new Explainer(probe, ExplainMethod.GUIDED_BACKPROP, null, 2, 1).explain(image, -1).heatmap().values();
                float[] cam = new Explainer(probe, ExplainMethod.GRADCAM, "conv2d_1", 2, 1).explain(image, -1).heatmap().values();
                float[] product = new float[36];
                int both = 0;
                for (int i = 0; i < 36; i++) {
                    product[i] = guided[i] * cam[i];
                    if (product[i] > 0 && product[i] < 0.9f) both++;
                }
                assertTrue(both > 3, "the case needs pixels where both maps are partly on, got " + both);
                float[] want = Heatmap.normalized(6, 6, product).values();
                float[] got = gg.explain(image, -1).heatmap().values();
                for (int i = 0; i < 36; i++) assertEquals(want[i], got[i], 1e-5f, "pixel " + i);
                assertNull(new Explainer(probe, ExplainMethod.SALIENCY, "conv2d_1", 2, 1).layer(), "only Grad-CAM methods read a layer");
            }
        }
    }
}
