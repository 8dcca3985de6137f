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
}
