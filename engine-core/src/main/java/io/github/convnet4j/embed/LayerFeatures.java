package io.github.convnet4j.embed;

import io.github.convnet4j.explain.ModelProbe;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;

/** A named layer's inference-mode outputs for a set of images, flattened to feature vectors. */
public final class LayerFeatures {
    private static final int BATCH = 64;

    private LayerFeatures() {}

    /**
     * The layer whose output feeds the model's last layer: the penultimate features, what the
     * classifier separates (keras-mnist: dense_1's 64 values).
     *
     * @throws IllegalArgumentException for a one-layer model
     */
    public static String defaultLayer(Model model) {
        if (model.layers().size() < 2) throw new IllegalArgumentException("model " + model.spec().name() + " has one layer; name one with --layer");
        return model.layers().get(model.layers().size() - 2).name();
    }

    /** Values per sample of layer {@code name}'s output. @throws IllegalArgumentException naming the layers there are */
    public static int width(Model model, String name) { return Math.toIntExact(model.layerOutputShape(index(model, name)).size()); }

    /**
     * @param images {@code (n, C, H, W)} values
     * @return {@code (n, F)} row-major, F = {@link #width}
     */
    public static float[] of(Model model, String name, float[] images, int n) {
        int layer = index(model, name);
        Shape sample = model.inputShape();
        int per = Math.toIntExact(sample.size()), f = width(model, name);
        float[] out = new float[Math.multiplyExact(n, f)];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            try (Tensor x = model.backend().allocate(AbstractLayer.batched(m, sample), model.dtype())) {
                model.backend().upload(images, start * per, x);
                model.backend().download(model.forwardTo(layer, x), out, start * f);
            }
        }
        return out;
    }

    private static int index(Model model, String name) { return ModelProbe.layerIndex(model, name); }
}
