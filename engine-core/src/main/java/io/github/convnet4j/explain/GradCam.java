package io.github.convnet4j.explain;

import io.github.convnet4j.model.Model;
import io.github.convnet4j.tensor.Shape;

/**
 * Grad-CAM: weights each feature map {@code A_k} of a spatial layer by the mean of the class
 * logit's gradient over it, sums, keeps the positive part and upsamples to the input:
 * {@code relu(sum_k mean(dy/dA_k) * A_k)}.
 */
public final class GradCam {
    private GradCam() {}

    /**
     * The last layer whose output is a spatial map {@code (C, H, W)} with more than one position:
     * Grad-CAM's usual choice (the last convolutional features before they are flattened or pooled away).
     *
     * @throws IllegalArgumentException when the model has no such layer
     */
    public static String defaultLayer(Model model) {
        for (int i = model.layers().size() - 1; i >= 0; i--) {
            if (isSpatial(model.layerOutputShape(i))) return model.layers().get(i).name();
        }
        throw new IllegalArgumentException("Grad-CAM needs a layer with a spatial output (C, H, W); model " + model.spec().name() + " has none");
    }

    /** @throws IllegalArgumentException when layer {@code index} has no spatial output */
    static void requireSpatial(Model model, int index) {
        Shape s = model.layerOutputShape(index);
        if (!isSpatial(s)) {
            throw new IllegalArgumentException("Grad-CAM needs a layer with a spatial output (C, H, W); layer "
                    + model.layers().get(index).name() + " outputs " + s);
        }
    }

    private static boolean isSpatial(Shape s) { return s.rank() == 3 && (long) s.dim(1) * s.dim(2) > 1; }

    /**
     * The class-activation map at the captured layer's resolution, unnormalised.
     *
     * @param b a backprop that captured a layer of shape {@code (C, h, w)}
     * @return {@code (h, w)} values
     */
    static float[] lowResolution(Backprop b) {
        Shape s = b.layerShape();
        int c = s.dim(0), plane = s.dim(1) * s.dim(2);
        float[] cam = new float[plane];
        for (int k = 0; k < c; k++) {
            double alpha = 0;
            for (int i = 0; i < plane; i++) alpha += b.activationGradient()[k * plane + i];
            alpha /= plane;
            for (int i = 0; i < plane; i++) cam[i] += (float) (alpha * b.activation()[k * plane + i]);
        }
        for (int i = 0; i < plane; i++) cam[i] = Math.max(cam[i], 0f);
        return cam;
    }

    /** The map upsampled onto the input's {@code (H, W)} pixels along the layer's {@link ReceptiveFieldGrid}, unnormalised. */
    static float[] atInputResolution(Backprop b, ReceptiveFieldGrid grid, int height, int width) {
        Shape s = b.layerShape();
        return grid.resize(lowResolution(b), s.dim(1), s.dim(2), height, width);
    }
}
