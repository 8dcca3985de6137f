package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every built-in layer shares: name, type, config, the trainable flag, parameters declared as
 * {@link ParameterSpec}s (so they can be counted before anything is allocated), reusable output
 * buffers ({@link TensorSlot}) and shape checks whose messages name the layer.
 *
 * <p>Besides {@link Layer}, a built-in layer can run without its output activation
 * ({@link #forward(Tensor, ForwardContext, boolean)}), which lets the model hand logits to a fused
 * softmax/sigmoid loss.
 */
public abstract class AbstractLayer implements Layer {
    private final String name;
    private final String type;
    private final Map<String, Object> config;
    private boolean trainable;
    private int index;

    /** Set by {@link #build}. */
    protected Backend backend;
    /** Set by {@link #build}. */
    protected DType dtype;
    /** Per-sample input shape, set by {@link #build}. */
    protected Shape inputShape;
    /** Weights of the built layer (the sum {@link #trainableParameterCount} makes), -1 before build. */
    private long builtWeightCount = -1;
    /** Per-sample output shape, set by {@link #build}. */
    protected Shape outputShape;

    private final Map<String, Tensor> values = new LinkedHashMap<>();
    private final Map<String, Tensor> grads = new LinkedHashMap<>();
    private final Map<String, Regularizer> regularizers = new LinkedHashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private GradientPool gradientPool;
    private boolean overwriteInput;

    /**
     * @param type   the Keras type name, e.g. {@code Conv2D}
     * @param name   unique layer name, e.g. {@code conv2d_1}
     * @param config the layer's key/values; {@code trainable} (default true) and {@code name} are read here
     */
    protected AbstractLayer(String type, String name, LayerConfig config) {
        this.type = type;
        this.name = name;
        this.config = config.values();
        config.raw("name");
        this.trainable = config.optionalBoolean("trainable", true);
    }

    @Override public String name() { return name; }
    @Override public String type() { return type; }
    @Override public Map<String, Object> config() { return config; }
    @Override public boolean trainable() { return trainable; }
    @Override public void setTrainable(boolean trainable) { this.trainable = trainable; }

    /** Position in the model; stochastic layers mix it into their seed. */
    public int index() { return index; }

    /** Sets the position in the model (called by the model when it is assembled). */
    public void setIndex(int index) { this.index = index; }

    /** The parameters this layer allocates for a per-sample input shape, in a stable order. */
    public List<ParameterSpec> parameterSpecs(Shape input) { return List.of(); }

    /** Number of parameter values (weights and state) for an input shape, without allocating. */
    public long parameterCount(Shape input) {
        long n = 0;
        for (ParameterSpec p : parameterSpecs(input)) n += p.shape().size();
        return n;
    }

    /** Number of values optimizers update: weights of a trainable layer. */
    public long trainableParameterCount(Shape input) {
        if (!trainable) return 0;
        // The model asks on every backward pass: answer for the built shape without rebuilding the specs.
        if (builtWeightCount >= 0 && input.equals(inputShape)) return builtWeightCount;
        long n = 0;
        for (ParameterSpec p : parameterSpecs(input)) if (p.weight()) n += p.shape().size();
        return n;
    }

    /** The activation the output ends with ({@code linear} unless the layer applies one). */
    public Activation outputActivation() { return Activation.LINEAR; }

    /**
     * Forward pass; with {@code skipOutputActivation} the output activation is left out (the next
     * backward then expects the gradient with respect to the pre-activation output).
     */
    public abstract Tensor forward(Tensor x, ForwardContext ctx, boolean skipOutputActivation);

    @Override public Tensor forward(Tensor x, ForwardContext ctx) { return forward(x, ctx, false); }

    /** Whether {@link #build} has run. */
    public boolean built() { return backend != null; }

    @Override public void build(Backend backend, Shape input, DType dtype, Rng rng) {
        if (built()) throw new IllegalStateException("layer " + name + " is already built");
        this.outputShape = outputShape(input);
        this.inputShape = input;
        this.backend = backend;
        this.dtype = dtype;
        for (ParameterSpec p : parameterSpecs(input)) {
            double[] init = new double[Math.toIntExact(p.shape().size())];
            p.initializer().fill(init, p.fanIn(), p.fanOut(), rng);
            Tensor value = backend.allocate(p.shape(), dtype);
            backend.upload(init, 0, value);
            values.put(p.localName(), value);
            if (p.weight()) grads.put(p.localName(), backend.allocate(p.shape(), dtype));
            regularizers.put(p.localName(), p.regularizer());
        }
        builtWeightCount = 0;
        for (ParameterSpec p : parameterSpecs(input)) if (p.weight()) builtWeightCount += p.shape().size();
        onBuild();
    }

    /** Allocates fixed-size buffers after the parameters exist; {@link #backend} and the shapes are set. */
    protected void onBuild() {}

    @Override public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor g = trainable ? grads.get(e.getKey()) : null;
            out.add(new Parameter(name + "/" + e.getKey(), e.getValue(), g, regularizers.get(e.getKey())));
        }
        return out;
    }

    /** The value tensor of a parameter, by local name; null when the layer has none of that name. */
    protected Tensor param(String localName) { return values.get(localName); }

    /** The gradient tensor of a weight, by local name. */
    protected Tensor paramGrad(String localName) { return grads.get(localName); }

    /** A new slot freed with the layer. */
    protected TensorSlot slot() {
        TensorSlot s = new TensorSlot();
        owned.add(s);
        return s;
    }

    /**
     * Makes the layer take the gradients its backward pass writes from {@code pool} (shared with
     * the other layers of a model, which returns each buffer when its gradient has been read)
     * instead of buffers of its own; {@code null} goes back to its own. The model sets it around
     * each of the layer's backward passes only, so the layer run on its own keeps its own buffers.
     */
    public void shareGradientBuffers(GradientPool pool) { this.gradientPool = pool; }

    /** The pool given to {@link #shareGradientBuffers}, or null. */
    protected final GradientPool gradientPool() { return gradientPool; }

    /**
     * A buffer of {@code shape} for a gradient this backward pass writes (an input gradient or
     * scratch): from the model's {@link GradientPool} when the layer runs in a model, else from
     * the layer's own {@code slot}. Contents are stale; valid until the layer's backward returns
     * its result and that result has been read.
     */
    protected final Tensor gradientBuffer(TensorSlot slot, Shape shape) {
        return GradientPool.from(gradientPool, slot, backend, shape, dtype);
    }

    /** {@link #gradientBuffer(TensorSlot, Shape)} of {@code (n, sample...)}, without a new shape once warm. */
    protected final Tensor gradientBuffer(TensorSlot slot, int n, Shape sample) {
        return gradientPool != null ? gradientPool.acquireBatch(backend, n, sample, dtype) : slot.batched(backend, n, sample, dtype);
    }

    /**
     * Whether {@link #backward} reads the output of {@link #forward} (most layers: true). When
     * false, and nothing else reads that output, the model may let the next layer write its own
     * output over it ({@link #canOverwriteInput}): batch norm's backward reads its input and its
     * saved statistics, a sum's reads nothing.
     */
    public boolean backwardReadsOutput() { return true; }

    /**
     * Whether forward can write its output over its (first) input and backward still be right, so
     * that the model need not keep both: ReLU (its derivative is known from its output), a sum.
     */
    public boolean canOverwriteInput() { return false; }

    /**
     * Set by the model around each forward (and cleared after it): write the output over the
     * (first) input. Only asked of a layer that {@link #canOverwriteInput}, when the input's
     * producer does not read it in backward and no other node, capture or hook reads it.
     */
    public void overwriteInput(boolean overwrite) { this.overwriteInput = overwrite && canOverwriteInput(); }

    /** Whether the coming forward writes its output over its input (see {@link #overwriteInput(boolean)}). */
    protected final boolean overwritesInput() { return overwriteInput; }

    /** A fixed tensor freed with the layer (e.g. constant ones for batch norm without scale). */
    protected Tensor allocateOwned(Shape shape) {
        Tensor t = backend.allocate(shape, dtype);
        owned.add(t);
        return t;
    }

    /** Registers something to free with the layer. */
    protected <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** {@code (n, dims of s...)}. */
    public static Shape batched(int n, Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = n;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        return Shape.of(d);
    }

    /** A shape error whose message starts with {@code layer <name> (<type>): }. */
    protected ShapeException shapeError(String message) {
        return new ShapeException("layer " + name + " (" + type + "): " + message);
    }

    /** Checks that the layer is built and that x is {@code (N, inputShape...)} in the layer's dtype. */
    protected void checkInput(Tensor x) {
        if (!built()) throw new IllegalStateException("layer " + name + " (" + type + ") is not built");
        Shape s = x.shape();
        boolean ok = s.rank() == inputShape.rank() + 1;
        for (int i = 0; ok && i < inputShape.rank(); i++) ok = s.dim(i + 1) == inputShape.dim(i);
        if (!ok) throw shapeError("expects input " + batchedString(inputShape) + ", got " + s);
        if (x.dtype() != dtype) throw shapeError("expects " + dtype + " input, got " + x.dtype());
    }

    /** {@code (N, 1, 28, 28)} for per-sample shape {@code (1, 28, 28)}. */
    public static String batchedString(Shape s) {
        StringBuilder b = new StringBuilder("(N");
        for (int d : s.dims()) b.append(", ").append(d);
        return b.append(')').toString();
    }

    /** Requires a {@code (C, H, W)} per-sample input. */
    protected void requireImage(Shape input) {
        if (input.rank() != 3) {
            throw shapeError("expects an image input (C, H, W), got " + input
                    + (input.rank() == 1 ? "; it cannot follow Flatten, Dense or global pooling" : ""));
        }
    }

    @Override public void close() {
        for (Tensor t : values.values()) t.close();
        for (Tensor t : grads.values()) t.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + name + ": " + e.getMessage(), e);
            }
        }
        values.clear();
        grads.clear();
        owned.clear();
        backend = null;
    }

    @Override public String toString() { return name + " (" + type + ")"; }
}
