package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.tensor.DType;
import io.github.convnet4j.tensor.Shape;
import io.github.convnet4j.tensor.Tensor;
import io.github.convnet4j.util.Rng;
import java.util.List;
import java.util.Map;

/**
 * One layer of a model. Shapes passed to {@link #outputShape} and {@link #build} are per sample,
 * without the batch dimension: {@code (C, H, W)} for images, {@code (F)} for vectors. Tensors in
 * forward and backward carry the batch: {@code (N, C, H, W)} or {@code (N, F)}.
 *
 * <p>Life cycle: {@code outputShape} (pure, used to validate a model before anything is allocated),
 * then {@code build} once, then any number of forward/backward passes. A layer owns its output and
 * input-gradient tensors and reuses them while the batch size stays the same, so a training step
 * allocates nothing after warm-up. A layer never names a backend.
 */
public interface Layer extends AutoCloseable {
    /** Unique name within the model, e.g. {@code conv2d_1}. */
    String name();

    /** The Keras-style type name, e.g. {@code Conv2D}. */
    String type();

    /**
     * The per-sample output shape for a per-sample input shape.
     *
     * @throws ShapeException naming this layer and the shapes when the input does not fit
     */
    Shape outputShape(Shape input);

    /** Allocates and initializes the parameters on {@code backend} (in its chosen dtype), drawing from {@code rng}. */
    void build(Backend backend, Shape input, DType dtype, Rng rng);

    /** Parameters (trainable and state), in a stable order; empty for parameter-free layers. */
    List<Parameter> parameters();

    /**
     * Forward pass of a batch.
     *
     * @return the output, owned by the layer and valid until the next forward call
     */
    Tensor forward(Tensor x, ForwardContext ctx);

    /**
     * Backward pass for the last forward: overwrites every trainable parameter's gradient and, when
     * {@code needInputGradient}, returns {@code dL/dx} (owned by the layer); otherwise returns null.
     */
    Tensor backward(Tensor dy, boolean needInputGradient);

    /** The layer's configuration as Keras-like key/values, enough to rebuild it from a model file. */
    Map<String, Object> config();

    /** Whether optimizers may update this layer's parameters (false when frozen for transfer learning). */
    boolean trainable();

    /** Freezes or unfreezes the layer. */
    void setTrainable(boolean trainable);

    /** Frees every tensor the layer owns. */
    @Override void close();
}
