package io.github.convnet4j.train;

import io.github.convnet4j.data.Dataset;
import io.github.convnet4j.model.LayerSpec;
import io.github.convnet4j.model.ModelSpec;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.util.Rng;
import java.util.List;
import java.util.Map;

/** Small generated problems and models that train in well under a second per epoch on the CPU. */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * Four classes of {@code (1, size, size)} noise images; class k has a brighter quadrant k
     * (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). Easy but not trivial: the noise
     * ranges overlap pixel by pixel, so a model must pool over the quadrant.
     */
    public static Dataset quadrants(int n, int size, long seed) {
        Rng rng = new Rng(seed);
        float[] images = new float[n * size * size];
        int[] labels = new int[n];
        int half = size / 2;
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(4);
            labels[i] = k;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int q = (y < half ? 0 : 2) + (x < half ? 0 : 1);
                    double base = q == k ? 0.35 : 0.0;
                    images[i * size * size + y * size + x] = (float) (base + 0.65 * rng.nextDouble());
                }
            }
        }
        return new Dataset(images, labels, Shape.of(1, size, size), 4, List.of("tl", "tr", "bl", "br"));
    }

    /**
     * A small convnet on {@code (1, 8, 8)} with every kind of state a checkpoint must carry:
     * batch-norm running statistics, dropout (seeded per step), an L2 regularizer, softmax output.
     */
    public static ModelSpec smallConvNet(int classes) {
        return ModelSpec.of("small-convnet", Shape.of(1, 8, 8), List.of(
                LayerSpec.of("Conv2D", "filters", 4, "kernel_size", 3, "activation", "relu"),
                LayerSpec.of("BatchNormalization"),
                LayerSpec.of("MaxPooling2D", "pool_size", 2),
                LayerSpec.of("Flatten"),
                LayerSpec.of("Dropout", "rate", 0.25),
                LayerSpec.of("Dense", "units", classes, "activation", "softmax", "kernel_regularizer", Map.of("l2", 1e-3))));
    }
}
