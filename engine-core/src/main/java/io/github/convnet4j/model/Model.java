package io.github.convnet4j.model;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.nn.AbstractLayer;
import io.github.convnet4j.nn.CompositeLayer;
import io.github.convnet4j.nn.ForwardContext;
import io.github.convnet4j.nn.GradientPool;
import io.github.convnet4j.nn.Layer;
import io.github.convnet4j.nn.MergeLayer;
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
 * A model: a directed acyclic graph of layers ("nodes") fed by {@code x (N, C, H, W)} (or
 * {@code (N, F)}), ending in one output node. A sequential spec is the chain; a
 * {@link io.github.convnet4j.nn.CompositeLayer} such as {@code ResidualBlock} is replaced by the
 * nodes it expands into. Nodes are kept in run order: every node after its inputs, the output last.
 *
 * <p>Life cycle: {@link #of} builds the layer objects and checks every shape (nothing is allocated;
 * a misfit throws {@link ShapeException} naming the layer), {@link #build} allocates and initializes
 * the parameters on a backend, then {@link #forward} / {@link #backward} run training steps and
 * {@link #close} frees everything.
 *
 * <p>Forward runs the nodes in order and drops its reference to an activation after its last
 * consumer has run (the memory is the producing layer's reusable output slot, which backward still
 * reads). A ReLU or a sum writes its output over its input where nothing else reads that input
 * and its producer's backward does not (batch norm's output, then the sum's: a ResNet block keeps
 * four activations, not seven). Backward runs in reverse; the gradients it passes between nodes
 * live in buffers the layers share ({@link GradientPool}): a buffer goes back to the pool as soon
 * as the node whose output gradient it holds has run, so a chain needs about two per size instead
 * of one per layer. Where one output feeds several nodes their gradients are summed, in place
 * when no other node still reads the first one. After warm-up a step allocates nothing.
 *
 * <p>Tensors returned by forward and backward belong to the model's layers and stay valid until the
 * next call; callers must not close them. To look at the activation and gradient of any named node
 * (Grad-CAM, feature extraction), take a {@link #capture(String)} before the passes.
 */
public final class Model implements AutoCloseable {
    /** The name under which the model's input appears in {@link #layerInputNames}. */
    public static final String INPUT = SpecGraph.INPUT_NAME;
    private static final int MODEL_INPUT = SpecGraph.MODEL_INPUT;

    private final ModelSpec spec;
    private final List<AbstractLayer> layers;
    private final GraphNodes nodes;
    private final List<NodeCapture> captures = new ArrayList<>();

    private Backend backend;
    private DType dtype;
    private Shape lastOutput;
    private boolean closed;
    private LayerHook hook = LayerHook.NONE;

    // Per-pass state, sized once: activations, gradients, which gradients each node needs.
    private final Tensor[] activations;
    private final Tensor[] gradients;
    private final boolean[] needGradient;
    private final boolean[] mayOverwriteInput;
    private final Tensor[][] mergeInputs;
    private final boolean[][] mergeNeeds;
    private Tensor inputGradient;
    private GradientPool gradientPool;
    private boolean reuseGradientBuffers = true;

    private Model(ModelSpec spec, GraphNodes nodes) {
        this.spec = spec;
        this.nodes = nodes;
        this.layers = nodes.layers();
        int n = layers.size();
        activations = new Tensor[n];
        gradients = new Tensor[n];
        needGradient = new boolean[n];
        mayOverwriteInput = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = nodes.inputs(i)[0];
            mayOverwriteInput[i] = layers.get(i).canOverwriteInput() && j != MODEL_INPUT && nodes.fanOut(j) == 1
                    && !layers.get(j).backwardReadsOutput();
        }
        mergeInputs = new Tensor[n][];
        mergeNeeds = new boolean[n][];
        for (int i = 0; i < n; i++) {
            int k = nodes.inputs(i).length;
            if (layers.get(i) instanceof MergeLayer) {
                mergeInputs[i] = new Tensor[k];
                mergeNeeds[i] = new boolean[k];
            }
        }
    }

    /**
     * The model a spec describes, with every shape checked.
     *
     * @throws ShapeException naming the first layer whose inputs do not fit, before anything is allocated
     */
    public static Model of(ModelSpec spec) {
        GraphNodes nodes;
        try {
            nodes = GraphNodes.of(spec);
        } catch (ShapeException e) {
            String hint = ChannelsLast.hint(spec.inputShape());
            if (hint == null) throw e;
            throw new ShapeException(e.getMessage() + "; " + hint);
        }
        Shape out = nodes.outputShape(nodes.size() - 1);
        // One output (a sigmoid's P(class 1)) names its two classes, as evaluate and predict read it.
        boolean binary = out.size() == 1 && spec.classNames().size() == 2;
        if (!spec.classNames().isEmpty() && spec.classNames().size() != out.size() && !binary) {
            throw new ShapeException("class_names has " + spec.classNames().size() + " names but the model outputs " + out.size()
                    + " values per sample");
        }
        return new Model(spec, nodes);
    }

    /** The spec this model was made from. */
    public ModelSpec spec() { return spec; }

    /** The layers (graph nodes), in run order; the output layer is last. */
    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    /** Per-sample input shape, {@code (C, H, W)} or {@code (F)}. */
    public Shape inputShape() { return spec.inputShape(); }

    /** Per-sample output shape of the output layer. */
    public Shape outputShape() { return nodes.outputShape(layers.size() - 1); }

    /** Per-sample shape of layer {@code i}'s first input. */
    public Shape layerInputShape(int i) { return nodes.inputShapes(i).get(0); }

    /** Per-sample shapes of all inputs of layer {@code i}, in the order of its {@code inputs}. */
    public List<Shape> layerInputShapes(int i) { return nodes.inputShapes(i); }

    /** Names of the layers feeding layer {@code i} ({@link #INPUT} for the model's input): Keras's "Connected to". */
    public List<String> layerInputNames(int i) {
        List<String> out = new ArrayList<>();
        for (int j : nodes.inputs(i)) out.add(j == MODEL_INPUT ? INPUT : layers.get(j).name());
        return out;
    }

    /** Whether every layer reads the one before it (the first reads the input): a sequential model. */
    public boolean isChain() {
        for (int i = 0; i < layers.size(); i++) {
            int[] in = nodes.inputs(i);
            if (in.length != 1 || in[0] != i - 1) return false;
        }
        return true;
    }

    /** Per-sample output shape of layer {@code i}. */
    public Shape layerOutputShape(int i) { return nodes.outputShape(i); }

    /** Number of parameter values of layer {@code i} (weights and batch-norm statistics). */
    public long layerParameterCount(int i) { return layers.get(i).parameterCount(layerInputShape(i)); }

    /** All parameter values, trainable or not (known before {@link #build}, without allocating). */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += layerParameterCount(i);
        return n;
    }

    /** Values optimizers update: weights of trainable layers. */
    public long trainableParameterCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += layers.get(i).trainableParameterCount(layerInputShape(i));
        return n;
    }

    /** {@code parameterCount() - trainableParameterCount()}: frozen weights and batch-norm statistics. */
    public long nonTrainableParameterCount() { return parameterCount() - trainableParameterCount(); }

    /**
     * Allocates and initializes every parameter on {@code backend}. The nodes of spec layer {@code i}
     * draw, in order, from {@code Rng.derive(seed, i)}, so the same seed gives the same weights on
     * every backend (and a {@code ResidualBlock} the weights it had as one layer).
     *
     * @throws IllegalStateException when already built
     * @throws IllegalArgumentException when the backend does not support the dtype
     */
    public void build(Backend backend, DType dtype, long seed) {
        if (closed) throw new IllegalStateException("model is closed");
        if (this.backend != null) throw new IllegalStateException("model is already built on " + this.backend.name());
        if (!backend.supports(dtype)) throw new IllegalArgumentException("backend " + backend.name() + " does not support " + dtype);
        Rng[] rngs = new Rng[spec.layers().size()];
        try {
            for (int i = 0; i < layers.size(); i++) {
                int s = nodes.specIndex(i);
                if (rngs[s] == null) rngs[s] = Rng.derive(seed, s);
                AbstractLayer l = layers.get(i);
                if (l instanceof MergeLayer m) m.build(backend, nodes.inputShapes(i), dtype, rngs[s]);
                else l.build(backend, layerInputShape(i), dtype, rngs[s]);
            }
        } catch (RuntimeException e) {
            for (AbstractLayer l : layers) l.close();
            throw e;
        }
        gradientPool = new GradientPool(reuseGradientBuffers);
        this.backend = backend;
        this.dtype = dtype;
    }

    /** The backend given to {@link #build}, or null before. */
    public Backend backend() { return backend; }

    /** The dtype given to {@link #build}, or null before. */
    public DType dtype() { return dtype; }

    /** All parameters in a stable order (run order, then each layer's order), named {@code <layer>/<param>}. */
    public List<Parameter> parameters() {
        requireBuilt();
        List<Parameter> out = new ArrayList<>();
        for (AbstractLayer l : layers) out.addAll(l.parameters());
        return out;
    }

    /**
     * The activation the model's output ends with: the output layer's fused or own activation
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
     * @param logits when true, a final softmax or sigmoid (fused in the output layer or a trailing
     *               activation layer) is left out so the caller can use a fused, stable loss;
     *               other final activations are kept
     * @return {@code (N, outputShape...)}, owned by the model
     */
    public Tensor forward(Tensor x, ForwardContext ctx, boolean logits) {
        requireBuilt();
        checkInput(x);
        Tensor y = run(x, ctx, layers.size() - 1, logits && hasSquashingOutput(), null);
        lastOutput = y.shape();
        return y;
    }

    /** Runs nodes 0..last (only those in {@code only} when given) and returns node last's output. */
    private Tensor run(Tensor x, ForwardContext ctx, int last, boolean skipFinal, boolean[] only) {
        for (int i = 0; i <= last; i++) {
            if (only != null && !only[i]) continue;
            AbstractLayer l = layers.get(i);
            int[] in = nodes.inputs(i);
            // only for this call: the layer run on its own (a benchmark, a test) keeps its input
            l.overwriteInput(mayOverwriteInput[i] && hook == LayerHook.NONE && !captured(in[0]));
            Tensor y;
            try {
                if (l instanceof MergeLayer m) {
                    Tensor[] xs = mergeInputs[i];
                    for (int k = 0; k < in.length; k++) xs[k] = in[k] == MODEL_INPUT ? x : activations[in[k]];
                    y = m.forward(xs, ctx);
                } else {
                    y = l.forward(in[0] == MODEL_INPUT ? x : activations[in[0]], ctx, i == last && skipFinal);
                }
            } finally {
                l.overwriteInput(false);
            }
            hook.afterForward(i, l, y);
            activations[i] = y;
            for (int j : in) if (j != MODEL_INPUT && nodes.lastConsumer(j) == i && !captured(j)) activations[j] = null;
        }
        for (int k = 0; k < captures.size(); k++) {
            NodeCapture c = captures.get(k);
            c.activation = c.node <= last && (only == null || only[c.node]) ? activations[c.node] : null;
        }
        return activations[last];
    }

    private boolean captured(int node) {
        for (int k = 0; k < captures.size(); k++) if (captures.get(k).node == node) return true;
        return false;
    }

    /**
     * Backward pass for the last {@link #forward}. Overwrites the gradients of all trainable
     * parameters; frozen layers still pass gradients through but compute none of their own, and
     * nodes with nothing trainable (or captured) upstream are skipped.
     *
     * @param dOut              dLoss/d(output of forward), i.e. of the logits when forward was called with logits
     * @param needInputGradient whether to compute dL/dx (saliency maps)
     * @return dL/dx {@code (N, inputShape...)} owned by the model when asked, else null
     */
    public Tensor backward(Tensor dOut, boolean needInputGradient) {
        requireBuilt();
        if (lastOutput == null) throw new IllegalStateException("backward needs a forward pass first");
        if (!dOut.shape().equals(lastOutput)) throw new ShapeException("model backward: gradient " + dOut.shape() + " does not match the output " + lastOutput);
        int n = layers.size();
        markNeeds(needInputGradient);
        java.util.Arrays.fill(gradients, null);
        gradientPool.reset();
        inputGradient = null;
        for (int k = 0; k < captures.size(); k++) captures.get(k).gradient = null;
        gradients[n - 1] = dOut;
        for (int i = n - 1; i >= 0; i--) {
            if (!needGradient[i] || gradients[i] == null) continue;
            AbstractLayer l = layers.get(i);
            Tensor g = hook.beforeBackward(i, l, gradients[i]);
            for (int k = 0; k < captures.size(); k++) if (captures.get(k).node == i) captures.get(k).gradient = g;
            int[] in = nodes.inputs(i);
            // only for this call: the pool's buffers are handed back by this loop, not by a layer run on its own
            l.shareGradientBuffers(gradientPool);
            try {
                if (l instanceof MergeLayer m) {
                    boolean[] need = mergeNeeds[i];
                    for (int k = 0; k < in.length; k++) need[k] = needs(in[k], needInputGradient);
                    Tensor[] dx = mergeInputs[i];
                    m.backward(g, need, dx);
                    for (int k = 0; k < in.length; k++) if (need[k]) deliver(in[k], dx[k]);
                } else {
                    boolean need = needs(in[0], needInputGradient);
                    Tensor dx = l.backward(g, need);
                    if (need) deliver(in[0], dx);
                }
            } finally {
                l.shareGradientBuffers(null);
            }
            gradientPool.endNode();
            if (!captured(i)) {
                gradientPool.release(gradients[i]);
                gradients[i] = null;
            }
        }
        return needInputGradient ? inputGradient : null;
    }

    private boolean needs(int node, boolean needInputGradient) { return node == MODEL_INPUT ? needInputGradient : needGradient[node]; }

    /**
     * A node's output gradient is needed when it has trainable weights, is captured, or feeds on a
     * node (or the input) whose gradient is needed: the sequential rule "stop below the first
     * trainable layer", for graphs.
     */
    private void markNeeds(boolean needInputGradient) {
        for (int i = 0; i < layers.size(); i++) {
            boolean need = layers.get(i).trainableParameterCount(layerInputShape(i)) > 0;
            for (int j : nodes.inputs(i)) need |= needs(j, needInputGradient);
            needGradient[i] = need;
        }
        for (int k = 0; k < captures.size(); k++) needGradient[captures.get(k).node] = true;
        // a captured node's consumers must pass its gradient down: mark the paths from it to the output
        for (int i = 0; i < layers.size(); i++) {
            if (needGradient[i]) continue;
            for (int j : nodes.inputs(i)) if (j != MODEL_INPUT && needGradient[j]) needGradient[i] = true;
        }
    }

    /**
     * Adds a gradient for the output of node {@code to}, summing where several consumers send one:
     * into the first gradient's buffer when nothing else reads it, else into a new one.
     */
    private void deliver(int to, Tensor g) {
        Tensor held = to == MODEL_INPUT ? inputGradient : gradients[to];
        Tensor sum;
        if (held == null) {
            sum = g;
            gradientPool.retain(g);
        } else {
            if (gradientPool.exclusive(held)) {
                sum = held;
            } else {
                sum = gradientPool.acquire(backend, g.shape(), dtype);
                gradientPool.retain(sum);
                gradientPool.release(held);
            }
            backend.elementwise().add(held, g, sum);
        }
        if (to == MODEL_INPUT) inputGradient = sum;
        else gradients[to] = sum;
    }

    /**
     * The inference-mode output of layer {@code layerIndex} (0-based, in {@link #layers()} order)
     * for a batch, e.g. feature maps to visualize: runs only the layers it depends on. Invalidates
     * the state a following {@link #backward} would need.
     */
    public Tensor forwardTo(int layerIndex, Tensor x) {
        requireBuilt();
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IndexOutOfBoundsException("layer index " + layerIndex + " is outside 0.." + (layers.size() - 1));
        }
        checkInput(x);
        lastOutput = null;
        return run(x, ForwardContext.INFERENCE, layerIndex, false, nodes.ancestors(layerIndex));
    }

    /**
     * Installs a hook that sees every layer's output in {@link #forward} and may rewrite every
     * layer's output gradient in {@link #backward} (explanations); {@code null} removes it.
     */
    public void setHook(LayerHook hook) { this.hook = hook == null ? LayerHook.NONE : hook; }

    /** Index of the layer with this name, or -1. */
    public int indexOf(String layerName) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(layerName)) return i;
        return -1;
    }

    /**
     * Starts capturing the activation and gradient of the layer with this name: after each
     * {@link #forward} the capture holds the layer's output, after each {@link #backward} the
     * gradient of the loss with respect to it (backward then reaches it even below frozen layers).
     * For Grad-CAM capture the last convolution; for features, any layer. Close the capture to stop.
     *
     * @throws IllegalArgumentException when no layer has this name
     */
    public NodeCapture capture(String layerName) {
        int i = indexOf(layerName);
        if (i < 0) throw new IllegalArgumentException("no layer named '" + layerName + "' (layers: " + names() + ")");
        NodeCapture c = new NodeCapture(this, layerName, i);
        captures.add(c);
        return c;
    }

    void release(NodeCapture c) { captures.remove(c); }

    private String names() {
        StringBuilder b = new StringBuilder();
        for (AbstractLayer l : layers) b.append(b.length() == 0 ? "" : ", ").append(l.name());
        return b.toString();
    }

    /** A Keras-like summary of layers, shapes, connections and parameter counts. */
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

    /**
     * For tests: with {@code false} (before {@link #build}) no gradient buffer is reused within a
     * pass, as when every layer kept its own; a step must give the same bits either way.
     */
    void reuseGradientBuffers(boolean reuse) {
        if (backend != null) throw new IllegalStateException("set before build");
        reuseGradientBuffers = reuse;
    }

    /** Elements in the gradient buffers allocated so far (for tests and memory reports). */
    long gradientBufferElements() { return gradientPool == null ? 0 : gradientPool.allocatedElements(); }

    /** Frees every tensor of every layer and the gradient sums. */
    @Override public void close() {
        for (AbstractLayer l : layers) l.close();
        if (gradientPool != null) gradientPool.close();
        java.util.Arrays.fill(activations, null);
        java.util.Arrays.fill(gradients, null);
        backend = null;
        lastOutput = null;
        closed = true;
    }
}
