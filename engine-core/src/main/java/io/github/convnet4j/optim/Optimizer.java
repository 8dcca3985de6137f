package io.github.convnet4j.optim;

import io.github.convnet4j.nn.Parameter;
import java.util.List;

/**
 * Updates a model's trainable parameters from their gradients, one {@link #step} per batch.
 * Per-parameter state (momentum, Adam moments) lives on the parameters' backend, is allocated the
 * first time a parameter is stepped, and can be exported to and imported from host tensors for
 * checkpoints, so that a resumed run continues exactly.
 *
 * <p>One step, for every parameter whose {@link Parameter#trainable()} is true, in this order (as
 * Keras): the regularization gradient {@code g += l1 sign(w) + 2 l2 w} is added, gradients are clipped
 * ({@link GradientClipping}), the iteration count {@code t} is incremented, and the update rule runs.
 */
public interface Optimizer extends AutoCloseable {
    /** The algorithm's name as {@link Optimizers#parse} accepts it: {@code sgd}, {@code adam}, {@code rmsprop}. */
    String name();

    /** A spec string that {@link Optimizers#parse} turns back into an equal optimizer, e.g. {@code adam:lr=0.001,beta1=0.9,...}. */
    String spec();

    /** The learning rate given at construction (what schedules scale). */
    double baseLearningRate();

    /** The learning rate the next step uses. */
    double learningRate();

    /** Sets the learning rate the next steps use (schedules call this before every step). */
    void setLearningRate(double lr);

    /** The clipping applied before each update. */
    GradientClipping clipping();

    /** Number of steps taken so far (Keras {@code iterations}); Adam's bias correction uses it. */
    long iterations();

    /**
     * Regularizes, clips and updates every trainable parameter in place from its gradient.
     * Gradients are modified (regularization and clipping happen in place).
     *
     * @param parameters the model's parameters; non-trainable ones (grad null) are skipped
     */
    void step(List<Parameter> parameters);

    /** Copies the iteration count and every state tensor to the host. */
    OptimizerState exportState();

    /**
     * Replaces the iteration count and state with {@code state}, allocating state tensors for
     * {@code parameters} on their backend. Trainable parameters without state in {@code state} start
     * from zeros (as if first stepped now).
     *
     * @throws IllegalArgumentException with one line naming the tensor when the state belongs to another
     *                                  optimizer, names an unknown parameter or slot, or has a wrong shape
     */
    void importState(OptimizerState state, List<Parameter> parameters);

    /** Frees the state tensors. */
    @Override void close();
}
