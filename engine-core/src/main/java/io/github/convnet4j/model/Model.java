package io.github.convnet4j.model;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.LayerFactory;
import io.github.convnet4j.nn.Parameter;
import io.github.convnet4j.nn.ShapeException;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A sequential model: layers applied one after another to {@code x (N, C, H, W)} (or {@code (N, F)}).
 *
 * <p>Life cycle: {@link #of} builds the layer objects and checks every shape (nothing is allocated;
 * a misfit throws {@link ShapeException} naming the layer), {@link #build} allocates and initializes
 * the parameters on a backend, then {@link #forward} / {@link #backward} run training steps and
 * {@link #close} frees everything.
 *
 * <p>Tensors returned by forward and backward belong to the model's layers and stay valid until the
 * next call; callers must not close them.
 */
public final class Model implements AutoCloseable {
    private final ModelSpec spec;
    private final List<AbstractLayer> layers;
    private final List<Shape> shapes;
    private Backend backend;
    private DType dtype;
    private Shape lastOutput;
    private boolean closed;

    private Model(ModelSpec spec, List<AbstractLayer> layers, List<Shape> shapes) {
        this.spec = spec;
        this.layers = layers;
        this.shapes = shapes;
    }

    /**
     * The model a spec describes, with every shape checked.
     *
     * @throws ShapeException naming the first layer whose input does not fit, before anything is allocated
     */
    public static Model of(ModelSpec spec) {
        List<AbstractLayer> layers = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        Shape s = spec.inputShape();
        shapes.add(s);
        try {
            for (int i = 0; i < spec.layers().size(); i++) {
                LayerSpec l = spec.layers().get(i);
                AbstractLayer layer = LayerFactory.create(l.type(), l.name(), l.config());
                layer.setIndex(i);
                layers.add(layer);
                s = layer.outputShape(s);
                shapes.add(s);
            }
        } catch (ShapeException e) {
            String hint = ChannelsLast.hint(spec.inputShape());
            if (hint == null) throw e;
            throw new ShapeException(e.getMessage() + "; " + hint);
        }
        // One output (a sigmoid's P(class 1)) names its two classes, as evaluate and predict read it.
        boolean binary = s.size() == 1 && spec.classNames().size() == 2;
        if (!spec.classNames().isEmpty() && spec.classNames().size() != s.size() && !binary) {
            throw new ShapeException("class_names has " + spec.classNames().size() + " names but the model outputs " + s.size()
                    + " values per sample");
        }
        return new Model(spec, Collections.unmodifiableList(layers), Collections.unmodifiableList(shapes));
    }

    /** The spec this model was made from. */
    public ModelSpec spec() { return spec; }

    /** The layers, in order. */
    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    /** Per-sample input shape, {@code (C, H, W)} or {@code (F)}. */
    public Shape inputShape() { return shapes.get(0); }

    /** Per-sample output shape of the last layer. */
    public Shape outputShape() { return shapes.get(shapes.size() - 1); }

    /** Per-sample input shape of layer {@code i}. */
    public Shape layerInputShape(int i) { return shapes.get(i); }

    /** Per-sample output shape of layer {@code i}. */
    public Shape layerOutputShape(int i) { return shapes.get(i + 1); }

    /** Number of parameter values of layer {@code i} (weights and batch-norm statistics). */
    public long layerParameterCount(int i) { return layers.get(i).parameterCount(shapes.get(i)); }

    /** All parameter values, trainable or not (known before {@link #build}). */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += layers.get(i).parameterCount(shapes.get(i));
        return n;
    }

    /** Values optimizers update: weights of trainable layers. */
    public long trainableParameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += layers.get(i).trainableParameterCount(shapes.get(i));
        return n;
    }

    /** {@code parameterCount() - trainableParameterCount()}: frozen weights and batch-norm statistics. */
    public long nonTrainableParameterCount() { return parameterCount() - trainableParameterCount(); }

    /**
     * Allocates and initializes every parameter on {@code backend}. Layer {@code i} draws from
     * {@code Rng.derive(seed, i)}, so the same seed gives the same weights on every backend.
     *
     * @throws IllegalStateException when already built
     * @throws IllegalArgumentException when the backend does not support the dtype
     */
    public void build(Backend backend, DType dtype, long seed) {
        if (closed) throw new IllegalStateException("model is closed");
        if (this.backend != null) throw new IllegalStateException("model is already built on " + this.backend.name());
        if (!backend.supports(dtype)) throw new IllegalArgumentException("backend " + backend.name() + " does not support " + dtype);
        try {
            for (int i = 0; i < layers.size(); i++) layers.get(i).build(backend, shapes.get(i), dtype, Rng.derive(seed, i));
        } catch (RuntimeException e) {
            for (AbstractLayer l : layers) l.close();
            throw e;
        }
        this.backend = backend;
        this.dtype = dtype;
    }

    /** The backend given to {@link #build}, or null before. */
    public Backend backend() { return backend; }

    /** The dtype given to {@link #build}, or null before. */
    public DType dtype() { return dtype; }

    /** All parameters in a stable order (layer order, then each layer's order), named {@code <layer>/<param>}. */
    public List<Parameter> parameters() {
        requireBuilt();
        List<Parameter> out = new ArrayList<>();
        for (AbstractLayer l : layers) out.addAll(l.parameters());
        return out;
    }

    /**
     * The activation the model's output ends with: the last layer's fused or own activation
     * ({@code softmax}, {@code sigmoid}, {@code linear}, ...).
     */
    public Activation finalActivation() { return layers.get(layers.size() - 1).outputActivation(); }

    /** Whether {@code forward(x, ctx, true)} leaves out a final softmax or sigmoid. */
    public boolean hasSquashingOutput() {
        Activation.Kind k = finalActivation().kind();
        return k == Activation.Kind.SOFTMAX || k == Activation.Kind.SIGMOID;
    }

    /**
     * Forward pass of a batch.
     *
     * @param x      {@code (N, inputShape...)} in the model's dtype on its backend
     * @param logits when true, a final softmax or sigmoid (fused in the last layer or a trailing
     *               activation layer) is left out so the caller can use a fused, stable loss;
     *               other final activations are kept
     * @return {@code (N, outputShape...)}, owned by the model
     */
    public Tensor forward(Tensor x, ForwardContext ctx, boolean logits) {
        requireBuilt();
        checkInput(x);
        Tensor a = x;
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) a = layers.get(i).forward(a, ctx, false);
        a = layers.get(last).forward(a, ctx, logits && hasSquashingOutput());
        lastOutput = a.shape();
        return a;
    }

    /**
     * Backward pass for the last {@link #forward}. Overwrites the gradients of all trainable
     * parameters; frozen layers still pass gradients through but compute none of their own, and the
     * pass stops early when nothing below needs a gradient.
     *
     * @param dOut              dLoss/d(output of forward), i.e. of the logits when forward was called with logits
     * @param needInputGradient whether to compute dL/dx (saliency maps)
     * @return dL/dx {@code (N, inputShape...)} owned by the model when asked, else null
     */
    public Tensor backward(Tensor dOut, boolean needInputGradient) {
        requireBuilt();
        if (lastOutput == null) throw new IllegalStateException("backward needs a forward pass first");
        if (!dOut.shape().equals(lastOutput)) throw new ShapeException("model backward: gradient " + dOut.shape() + " does not match the output " + lastOutput);
        int stop = needInputGradient ? 0 : firstTrainableLayer();
        if (stop < 0) return null;
        Tensor d = dOut;
        for (int i = layers.size() - 1; i >= stop; i--) d = layers.get(i).backward(d, i > stop || needInputGradient);
        return needInputGradient ? d : null;
    }

    private int firstTrainableLayer() {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).trainableParameterCount(shapes.get(i)) > 0) return i;
        }
        return -1;
    }

    /**
     * The inference-mode output of layer {@code layerIndex} (0-based) for a batch, e.g. feature maps
     * to visualize. Invalidates the state a following {@link #backward} would need.
     */
    public Tensor forwardTo(int layerIndex, Tensor x) {
        requireBuilt();
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IndexOutOfBoundsException("layer index " + layerIndex + " is outside 0.." + (layers.size() - 1));
        }
        checkInput(x);
        lastOutput = null;
        Tensor a = x;
        for (int i = 0; i <= layerIndex; i++) a = layers.get(i).forward(a, ForwardContext.INFERENCE, false);
        return a;
    }

    /** Index of the layer with this name, or -1. */
    public int indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(layerName)) return i;
        return -1;
    }

    /** A Keras-like summary of layers, shapes and parameter counts. */
    public Summary summary() { return new Summary(this); }

    private void checkInput(Tensor x) {
        Shape s = x.shape(), in = inputShape();
        boolean ok = s.rank() == in.rank() + 1;
        for (int i = 0; ok && i < in.rank(); i++) ok = s.dim(i + 1) == in.dim(i);
        if (!ok) throw new ShapeException("model input must be " + AbstractLayer.batchedString(in) + ", got " + s);
        if (x.dtype() != dtype) throw new ShapeException("model input must be " + dtype + ", got " + x.dtype());
    }

    private void requireBuilt() {
        if (backend == null) throw new IllegalStateException("model is not built; call build(backend, dtype, seed) first");
    }

    /** Frees every tensor of every layer. */
    @Override public void close() {
        for (AbstractLayer l : layers) l.close();
        backend = null;
        lastOutput = null;
        closed = true;
    }
}
