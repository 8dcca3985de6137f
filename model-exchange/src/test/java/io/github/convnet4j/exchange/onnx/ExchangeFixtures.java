package io.github.convnet4j.exchange.onnx;

import io.github.convnet4j.cpu.CpuBackend;
import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.data.MnistFormat;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.persist.HostCopies;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.HostTensor;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.testdata.BundledData;
import io.github.convnet4j.train.Predictor;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/** Models, weights and images shared by the exchange tests. */
final class ExchangeFixtures {
    private ExchangeFixtures() {}

    /**
     * Every layer type the engine has, with the awkward settings: TF-style asymmetric {@code same}
     * with a stride, explicit asymmetric pads, dilation, odd sizes, both ResidualBlock shortcuts,
     * every activation, softmax over an image.
     */
    static ModelSpec everyLayer() {
        return ModelSpec.of("every-layer", Shape.of(3, 13, 11), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3, "strides", 2, "padding", "same", "activation", "relu"),
                LayerSpec.of("BatchNormalization", "epsilon", 0.01),
                LayerSpec.of("LeakyReLU", "alpha", 0.1),
                LayerSpec.of("Conv2D", "filters", 6, "kernel_size", List.of(3, 2), "padding", List.of(1, 0, 2, 1), "activation", "elu"),
                LayerSpec.of("MaxPooling2D", "pool_size", 3, "strides", 2, "padding", "same"),
                LayerSpec.of("ResidualBlock", "filters", 8, "strides", 2),
                LayerSpec.of("ResidualBlock", "filters", 8),
                LayerSpec.of("AveragePooling2D", "pool_size", 2, "strides", 1, "padding", "same"),
                LayerSpec.of("Activation", "activation", "swish"),
                LayerSpec.of("Conv2D", "filters", 5, "kernel_size", 2, "dilation_rate", 2, "padding", "same", "activation", "tanh",
                        "use_bias", false),
                LayerSpec.of("ELU", "alpha", 0.5),
                LayerSpec.of("Activation", "activation", "softmax"),
                LayerSpec.of("Dropout", "rate", 0.3),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 16, "activation", "sigmoid"),
                LayerSpec.of("BatchNormalization", "scale", false),
                LayerSpec.of("ReLU"),
                LayerSpec.of("Dense", "units", 12, "activation", "leaky_relu"),
                LayerSpec.of("Activation", "activation", "linear"),
                LayerSpec.of("Dense", "units", 10, "use_bias", false),
                LayerSpec.of("Softmax")));
    }

    /** The global-pooling path, which {@link #everyLayer} leaves out. */
    static ModelSpec globalPooling() {
        return ModelSpec.of("global-pooling", Shape.of(1, 28, 28), List.of(
                LayerSpec.of("Conv2D", "filters", 8, "kernel_size", 5, "strides", 2, "padding", "same", "activation", "relu"),
                LayerSpec.of("BatchNormalization", "center", false),
                LayerSpec.of("GlobalAveragePooling2D"),
                LayerSpec.of("Dense", "units", 10, "activation", "softmax")));
    }

    /**
     * Every merge and shape layer in one graph: asymmetric ZeroPadding2D, a three-input Add, an
     * Average, a Maximum, a channel Concatenate, a squeeze-and-excitation gate (GlobalMaxPooling2D,
     * a (C) gate times the map with the gate first, a (C, 1, 1) gate from Reshape times the map), a
     * Multiply of equal shapes and a Concatenate of feature vectors; and a DepthwiseConv2D (multiplier 2)
     * feeding a SeparableConv2D.
     */
    static ModelSpec mergeLayers() {
        return ModelSpec.of("merge-layers", Shape.of(2, 9, 7), List.of(
                LayerSpec.of("ZeroPadding2D", "name", "pad", "padding", List.of(List.of(1, 0), List.of(2, 1))),
                LayerSpec.of("Conv2D", "name", "a", "filters", 4, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("Conv2D", "name", "b", "inputs", List.of("pad"), "filters", 4, "kernel_size", 3),
                LayerSpec.of("DepthwiseConv2D", "name", "dw", "inputs", List.of("pad"), "kernel_size", 3, "strides", 1, "depth_multiplier", 2,
                        "padding", "valid"),
                LayerSpec.of("SeparableConv2D", "name", "c", "filters", 4, "kernel_size", 3, "padding", "same", "depth_multiplier", 2,
                        "activation", "tanh"),
                LayerSpec.of("Add", "name", "sum3", "inputs", List.of("a", "b", "c")),
                LayerSpec.of("Average", "name", "avg", "inputs", List.of("a", "b")),
                LayerSpec.of("Maximum", "name", "max", "inputs", List.of("b", "c", "sum3")),
                LayerSpec.of("Concatenate", "name", "cat", "inputs", List.of("avg", "max")),
                LayerSpec.of("GlobalMaxPooling2D", "name", "squeeze"),
                LayerSpec.of("Dense", "name", "excite", "units", 8, "activation", "sigmoid"),
                LayerSpec.of("Multiply", "name", "gated", "inputs", List.of("excite", "cat")),
                LayerSpec.of("Reshape", "name", "gate_map", "inputs", List.of("excite"), "target_shape", List.of(8, 1, 1)),
                LayerSpec.of("Multiply", "name", "gated2", "inputs", List.of("gated", "gate_map")),
                LayerSpec.of("Multiply", "name", "square", "inputs", List.of("gated2", "gated")),
                LayerSpec.of("GlobalAveragePooling2D", "name", "gap"),
                LayerSpec.of("Concatenate", "name", "features", "inputs", List.of("gap", "squeeze")),
                LayerSpec.of("Dense", "name", "out", "units", 5, "activation", "softmax")));
    }

    /** Global pooling of sequences (C, L): average and max side by side, concatenated. */
    static ModelSpec globalPooling1D() {
        return ModelSpec.of("global-pooling-1d", Shape.of(3, 11), List.of(
                LayerSpec.of("GlobalAveragePooling1D", "name", "avg"),
                LayerSpec.of("GlobalMaxPooling1D", "name", "max", "inputs", List.of("input")),
                LayerSpec.of("Concatenate", "name", "both", "inputs", List.of("avg", "max")),
                LayerSpec.of("Dense", "name", "out", "units", 4, "activation", "softmax")));
    }

    /** Global pooling of volumes (C, D, H, W): average and max side by side, added. */
    static ModelSpec globalPooling3D() {
        return ModelSpec.of("global-pooling-3d", Shape.of(2, 3, 5, 4), List.of(
                LayerSpec.of("GlobalAveragePooling3D", "name", "avg"),
                LayerSpec.of("GlobalMaxPooling3D", "name", "max", "inputs", List.of("input")),
                LayerSpec.of("Add", "name", "both", "inputs", List.of("avg", "max")),
                LayerSpec.of("Dense", "name", "out", "units", 3, "activation", "softmax")));
    }

    /** A model built on the CPU backend; batch-norm parameters and statistics are randomized so they matter. */
    static Model built(ModelSpec spec, long seed) {
        Model model = Model.of(spec);
        model.build(new CpuBackend(), DType.F32, seed);
        Random r = new Random(seed);
        for (Parameter p : model.parameters()) {
            String n = p.name();
            boolean variance = n.endsWith("/moving_variance"), gamma = n.endsWith("/gamma");
            if (!variance && !gamma && !n.endsWith("/moving_mean") && !n.endsWith("/beta")) continue;
            float[] v = HostCopies.download(p.value()).data();
            for (int i = 0; i < v.length; i++) v[i] = variance || gamma ? 0.5f + r.nextFloat() : r.nextFloat() - 0.5f;
            HostCopies.upload(new HostTensor(p.value().shape(), v), p.value());
        }
        return model;
    }

    /**
     * {@code n} images for a model input: the first Fashion-MNIST test images for (1, 28, 28),
     * seeded uniform values otherwise (there is no bundled 3-channel dataset).
     */
    static float[] images(Shape input, int n) throws IOException {
        if (input.equals(Shape.of(1, 28, 28))) return java.util.Arrays.copyOf(fashionTest().images(), Math.toIntExact(n * input.size()));
        float[] x = new float[Math.toIntExact(n * input.size())];
        Random r = new Random(7);
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        return x;
    }

    private static Dataset fashionTest;

    /** The bundled Fashion-MNIST test set, read once per test JVM. */
    static synchronized Dataset fashionTest() throws IOException {
        if (fashionTest == null) fashionTest = MnistFormat.load(f -> BundledData.open("fashion-mnist", f), "fashion-mnist").test();
        return fashionTest;
    }

    /** Our {@code predict} output, {@code (n, F)} row-major. */
    static float[] predict(Model model, float[] images, int n) {
        try (Predictor p = new Predictor(model, 16)) {
            return p.predict(images, n);
        }
    }

    /**
     * The 2-D conv family: depthwise (multiplier 2, asymmetric same with a stride), separable with
     * dilation, transposed convolutions (same with a stride; valid with output padding; a kernel
     * smaller than the stride), zero padding, non-square upsampling, global max pooling, a reshape.
     */
    static ModelSpec convFamily() {
        return ModelSpec.of("conv-family", Shape.of(3, 15, 12), List.of(
                LayerSpec.of("DepthwiseConv2D", "kernel_size", 3, "strides", 2, "padding", "same", "depth_multiplier", 2, "activation", "relu"),
                LayerSpec.of("ZeroPadding2D", "padding", List.of(List.of(1, 2), List.of(0, 3))),
                LayerSpec.of("SeparableConv2D", "filters", 5, "kernel_size", List.of(3, 2), "padding", "same", "dilation_rate", 2,
                        "activation", "elu"),
                LayerSpec.of("Conv2DTranspose", "filters", 4, "kernel_size", 3, "strides", 2, "padding", "same", "activation", "tanh"),
                LayerSpec.of("Conv2DTranspose", "filters", 3, "kernel_size", List.of(3, 2), "strides", List.of(2, 3), "padding", "valid",
                        "output_padding", List.of(1, 2)),
                LayerSpec.of("Conv2DTranspose", "filters", 3, "kernel_size", 1, "strides", 2, "use_bias", false),
                LayerSpec.of("UpSampling2D", "size", List.of(2, 1)),
                LayerSpec.of("DepthwiseConv2D", "kernel_size", 2, "padding", "valid", "use_bias", false),
                LayerSpec.of("SeparableConv2D", "filters", 6, "kernel_size", 3, "strides", 2, "depth_multiplier", 3, "padding", "same"),
                LayerSpec.of("GlobalMaxPooling2D"),
                LayerSpec.of("Reshape", "target_shape", List.of(2, 3, 1)),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dense", "units", 7, "activation", "softmax")));
    }

    /** 1-D layers on {@code (C, L)} (after a reshape): causal dilated, same with a stride (asymmetric), both poolings; ends in {@code global}. */
    static ModelSpec sequence(String global) {
        return ModelSpec.of("sequence-" + global, Shape.of(4, 23), List.of(
                LayerSpec.of("Reshape", "target_shape", List.of(2, 46)),
                LayerSpec.of("Conv1D", "filters", 6, "kernel_size", 3, "dilation_rate", 2, "padding", "causal", "activation", "relu"),
                LayerSpec.of("Conv1D", "filters", 5, "kernel_size", 4, "strides", 2, "padding", "same"),
                LayerSpec.of("MaxPooling1D", "pool_size", 3, "strides", 2, "padding", "same"),
                LayerSpec.of("AveragePooling1D", "pool_size", 2, "strides", 1, "padding", "same"),
                LayerSpec.of("Conv1D", "filters", 4, "kernel_size", 2, "padding", List.of(0, 1), "activation", "swish"),
                LayerSpec.of(global),
                LayerSpec.of("Dense", "units", 3, "activation", "softmax")));
    }

    /** 3-D layers on {@code (C, D, H, W)}: same with strides, explicit pads, both poolings with same; ends in {@code global}. */
    static ModelSpec volume(String global) {
        return ModelSpec.of("volume-" + global, Shape.of(2, 7, 9, 8), List.of(
                LayerSpec.of("Conv3D", "filters", 4, "kernel_size", List.of(3, 2, 3), "strides", List.of(2, 1, 2), "padding", "same",
                        "activation", "relu"),
                LayerSpec.of("MaxPooling3D", "pool_size", 2, "strides", List.of(1, 2, 2), "padding", "same"),
                LayerSpec.of("AveragePooling3D", "pool_size", List.of(2, 3, 2), "strides", 1, "padding", "same"),
                LayerSpec.of("Conv3D", "filters", 3, "kernel_size", 2, "padding", 1, "dilation_rate", List.of(1, 2, 1)),
                LayerSpec.of("AveragePooling3D", "pool_size", 2),
                LayerSpec.of(global),
                LayerSpec.of("Dense", "units", 3, "activation", "softmax")));
    }
}
