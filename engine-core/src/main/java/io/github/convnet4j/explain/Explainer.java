package io.github.convnet4j.explain;

import io.github.convnet4j.tensor.Shape;

/**
 * Makes {@link Explanation}s of one image with one method.
 *
 * <p>Usage: {@code try (ModelProbe p = new ModelProbe(model)) { new Explainer(p, method, layer, 4, 2).explain(image, -1); }}
 */
public final class Explainer {
    private final ModelProbe probe;
    private final ExplainMethod method;
    private final String layer;
    private final ReceptiveFieldGrid grid;
    private final int patch;
    private final int stride;

    /**
     * @param layer  the layer Grad-CAM reads, or null for {@link GradCam#defaultLayer}; ignored by other methods
     * @param patch  occlusion patch side in pixels
     * @param stride occlusion stride in pixels
     * @throws IllegalArgumentException for an unknown or non-spatial layer, or an input that is not an image
     */
    public Explainer(ModelProbe probe, ExplainMethod method, String layer, int patch, int stride) {
        Shape in = probe.model().inputShape();
        if (in.rank() != 3) throw new IllegalArgumentException("explanations need an image input (C, H, W); the model takes " + in);
        this.probe = probe;
        this.method = method;
        if (method.usesLayer()) {
            this.layer = layer == null ? GradCam.defaultLayer(probe.model()) : layer;
            int index = probe.layerIndex(this.layer);
            GradCam.requireSpatial(probe.model(), index);
            this.grid = ReceptiveFieldGrid.of(probe.model(), index);
        } else {
            this.layer = null;
            this.grid = null;
        }
        this.patch = patch;
        this.stride = stride;
    }

    /** The layer Grad-CAM reads, or null for other methods. */
    public String layer() { return layer; }

    /**
     * @param image      {@code (C, H, W)}
     * @param classIndex the class to explain, or -1 for the model's top class
     */
    public Explanation explain(float[] image, int classIndex) {
        Shape in = probe.model().inputShape();
        int c = in.dim(0), h = in.dim(1), w = in.dim(2);
        Backprop b = probe.backprop(image, classIndex, layer, method == ExplainMethod.GUIDED_BACKPROP);
        int cls = b.classIndex();
        float score = probe.squash(b.logits())[cls];
        float[] raw = switch (method) {
            case SALIENCY, GUIDED_BACKPROP -> Heatmap.maxAbsOverChannels(b.inputGradient(), c, h * w);
            case OCCLUSION -> Occlusion.drops(probe, image, cls, patch, stride);
            case GRADCAM -> GradCam.atInputResolution(b, grid, h, w);
            case GUIDED_GRADCAM -> {
                // Grad-CAM's weights come from the plain gradient (b); a second, guided pass gives the
                // input gradient. One guided pass for both would weight the maps by clamped gradients.
                float[] guided = Heatmap.maxAbsOverChannels(probe.backprop(image, cls, null, true).inputGradient(), c, h * w);
                float[] cam = GradCam.atInputResolution(b, grid, h, w);
                for (int i = 0; i < guided.length; i++) guided[i] *= cam[i];
                yield guided;
            }
        };
        return new Explanation(method, cls, score, layer, Heatmap.normalized(h, w, raw));
    }
}
