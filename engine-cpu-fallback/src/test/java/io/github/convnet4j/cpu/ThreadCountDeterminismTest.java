package io.github.convnet4j.cpu;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.model.Presets;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.train.TrainConfig;
import io.github.convnet4j.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.convnet4j.cpu.TestSupport.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A few F32 training steps give bit-identical weights on pools of 1, 2 and 3 threads: every op's
 * result depends on the shapes only, never on which worker ran which task or how the work was cut.
 * keras-mnist exercises im2col forward, the implicit GEMM (6x64 kernel), column backward data and
 * 2x2 pooling; the second net 'same' convolutions (full-convolution backward data, sliced filter
 * gradient) with 32 channels (6x32 kernel).
 */
class ThreadCountDeterminismTest {
    @Test
    void kerasMnistTrainsToTheSameBitsOnAnyThreadCount() throws Exception {
        compare(Presets.get("keras-mnist"), Shape.of(1, 28, 28));
    }

    @Test
    void sameConvolutionsTrainToTheSameBitsOnAnyThreadCount() throws Exception {
        compare(sameConvolutions(), Shape.of(3, 12, 12));
    }

    @Test
    void depthwiseConvolutionsTrainToTheSameBitsOnAnyThreadCount() throws Exception {
        compare(depthwiseConvolutions(), Shape.of(3, 14, 14));
    }

    /**
     * Depthwise convolutions on (3, 14, 14) samples: 'same' with two filters per channel, stride 2
     * padded after (MobileNet's), dilation 2; their filter gradients sum in {@link PlaneKernel}.
     */
    static ModelSpec depthwiseConvolutions() {
        return ModelSpec.of("depthwise-convs", Shape.of(3, 14, 14), List.of(
                LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "padding", "same", "depth_multiplier", 2),
                LayerSpec.of("BatchNormalization"),
                LayerSpec.of("ReLU"),
                LayerSpec.of("Conv2D", "filters", 8, "kernel_size", 1, "use_bias", false),
                LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "strides", 2, "padding", List.of(0, 0, 1, 1), "activation", "relu"),
                LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "dilation_rate", 2, "padding", "same"),
                LayerSpec.of("GlobalAveragePooling2D"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    /** 'same' convolutions with 16 and 32 channels on (3, 12, 12) samples. */
    static ModelSpec sameConvolutions() {
        return ModelSpec.of("same-convs", Shape.of(3, 12, 12), List.of(
                LayerSpec.of("Conv2D", "filters", 16, "kernel_size", 3, "padding", "same", "activation", "relu"),
                LayerSpec.of("Conv2D", "filters", 32, "kernel_size", 3, "padding", "same", "activation", "relu"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    private static void compare(ModelSpec spec, Shape sample) throws Exception {
        Dataset data = randomData(sample, 48);
        List<float[]> reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            List<float[]> weights = train(spec, data, CpuThreads.create(threads));
            if (reference == null) {
                reference = weights;
                continue;
            }
            assertEquals(reference.size(), weights.size());
            for (int i = 0; i < weights.size(); i++) {
                assertBitIdentical(spec.name() + " parameter " + i + " with " + threads + " threads", reference.get(i), weights.get(i));
            }
        }
    }

    /** One epoch of F32 training (batch 16, seed 9) on {@code pool}; the parameters afterwards. */
    static List<float[]> train(ModelSpec spec, Dataset data, CpuThreads pool) throws Exception {
        try (CpuBackend backend = new CpuBackend(pool); Model model = Model.of(spec)) {
            model.build(backend, DType.F32, 5);
            TrainConfig config = TrainConfig.builder().epochs(1).batchSize(16).seed(9).build();
            new Trainer().fit(model, data, null, config, null);
            List<float[]> out = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                float[] v = new float[(int) p.value().size()];
                backend.download(p.value(), v, 0);
                out.add(v);
            }
            return out;
        }
    }

    /** {@code n} uniform random samples of {@code sample} shape with labels of 10 classes (seed 21). */
    static Dataset randomData(Shape sample, int n) {
        Random rng = new Random(21);
        float[] images = new float[Math.toIntExact(n * sample.size())];
        for (int i = 0; i < images.length; i++) images[i] = rng.nextFloat();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(10);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) names.add("c" + i);
        return new Dataset(images, labels, sample, 10, names);
    }
}
