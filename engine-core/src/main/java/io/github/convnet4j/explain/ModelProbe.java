package io.github.convnet4j.explain;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.model.Model;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a built model forward and backward for explanations: class scores of a batch, and for one
 * image the gradient of a class logit with respect to the input and to any named layer's output.
 *
 * <p>While open, the model's layers are frozen (so backward passes compute no weight gradients and
 * batch normalization backpropagates through its inference path) and its {@link
 * io.github.convnet4j.model.LayerHook} belongs to the probe; {@link #close} restores both.
 */
public final class ModelProbe implements AutoCloseable {
    private static final int BATCH = 64;
    private final Model model;
    private final Backend backend;
    private final boolean[] wasTrainable;
    private Tensor one;
    private Tensor oneGradient;

    /** @param model a built model; it is used in inference mode only */
    public ModelProbe(Model model) {
        this.model = model;
        this.backend = model.backend();
        if (backend == null) throw new IllegalStateException("model is not built");
        List<Layer> layers = model.layers();
        wasTrainable = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            wasTrainable[i] = layers.get(i).trainable();
            layers.get(i).setTrainable(false);
        }
    }

    /** The model probed. */
    public Model model() { return model; }

    /**
     * The model's outputs (probabilities for a softmax or sigmoid model) for {@code n} images.
     *
     * @param images {@code (n, C, H, W)} values
     * @return {@code (n, K)} row-major
     */
    public float[] outputs(float[] images, int n) {
        Shape sample = model.inputShape();
        int per = Math.toIntExact(sample.size());
        int k = Math.toIntExact(model.outputShape().size());
        float[] out = new float[Math.multiplyExact(n, k)];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            try (Tensor x = backend.allocate(AbstractLayer.batched(m, sample), model.dtype())) {
                backend.upload(images, start * per, x);
                backend.download(model.forward(x, ForwardContext.INFERENCE, false), out, start * k);
            }
        }
        return out;
    }

    /** The model's output for one image, {@code (K)}. */
    public float[] outputs(float[] image) { return outputs(image, 1); }

    /**
     * Differentiates one class logit of one image.
     *
     * @param image       {@code (C, H, W)} values
     * @param classIndex  the class, or -1 for the model's top class
     * @param captureName a layer whose output and output gradient to return, or null for none
     * @param guided      whether to use guided backpropagation's ReLU rule ({@link GuidedReluHook})
     * @throws IllegalArgumentException when the layer does not exist or the class is out of range
     */
    public Backprop backprop(float[] image, int classIndex, String captureName, boolean guided) {
        int capture = captureName == null ? -1 : layerIndex(captureName);
        Shape sample = model.inputShape();
        if (one == null) {
            one = backend.allocate(AbstractLayer.batched(1, sample), model.dtype());
            oneGradient = backend.allocate(AbstractLayer.batched(1, model.outputShape()), model.dtype());
        }
        backend.upload(image, 0, one);
        LayerCaptureHook captured = new LayerCaptureHook(backend, capture);
        try (GuidedReluHook guide = guided ? new GuidedReluHook(backend, model.layers().size(), captured) : null) {
            model.setHook(guide != null ? guide : captured);
            Tensor logitsTensor = model.forward(one, ForwardContext.INFERENCE, true);
            float[] logits = new float[Math.toIntExact(logitsTensor.size())];
            backend.download(logitsTensor, logits, 0);
            int cls = classIndex < 0 ? argmax(logits) : classIndex;
            if (cls >= logits.length) throw new IllegalArgumentException("class " + cls + " is out of range: the model has " + logits.length + " outputs");
            float[] oneHot = new float[logits.length];
            oneHot[cls] = 1;
            backend.upload(oneHot, 0, oneGradient);
            Tensor dx = model.backward(oneGradient, true);
            float[] g = new float[Math.toIntExact(dx.size())];
            backend.download(dx, g, 0);
            Shape layerShape = capture < 0 ? null : model.layerOutputShape(capture);
            return new Backprop(logits, cls, g, layerShape, captured.activation, captured.gradient);
        } finally {
            model.setHook(null);
        }
    }

    /** The index of a layer by name. @throws IllegalArgumentException naming the layers there are */
    public int layerIndex(String name) { return layerIndex(model, name); }

    /** The index of a layer of {@code model} by name. @throws IllegalArgumentException naming the layers there are */
    public static int layerIndex(Model model, String name) {
        int i = model.indexOf(name);
        if (i < 0) {
            List<String> names = new ArrayList<>();
            for (Layer l : model.layers()) names.add(l.name());
            throw new IllegalArgumentException("model has no layer " + name + "; layers: " + String.join(", ", names));
        }
        return i;
    }

    /** Probabilities from logits the way the model's output does it (softmax, sigmoid, or as they are). */
    public float[] squash(float[] logits) {
        Activation.Kind k = model.finalActivation().kind();
        float[] p = logits.clone();
        if (k == Activation.Kind.SIGMOID) {
            for (int i = 0; i < p.length; i++) p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
        } else if (k == Activation.Kind.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (float v : logits) max = Math.max(max, v);
            for (float v : logits) sum += Math.exp(v - max);
            for (int i = 0; i < p.length; i++) p[i] = (float) (Math.exp(logits[i] - max) / sum);
        }
        return p;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override public void close() {
        if (one != null) one.close();
        if (oneGradient != null) oneGradient.close();
        one = oneGradient = null;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) layers.get(i).setTrainable(wasTrainable[i]);
    }
}
