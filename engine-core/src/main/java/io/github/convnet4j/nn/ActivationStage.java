package io.github.convnet4j.nn;

import io.github.convnet4j.backend.Backend;
import io.github.convnet4j.backend.ops.Activation;
import io.github.convnet4j.tensor.Tensor;

/**
 * An activation applied after a layer's main op (Conv2D, Dense) or as a layer of its own. Keeps
 * both the pre-activation input and the output because {@link
 * io.github.convnet4j.backend.ops.ActivationOps#backward} takes both. A linear activation, or one
 * skipped for a fused loss, passes tensors through untouched.
 */
final class ActivationStage implements AutoCloseable {
    private final Activation activation;
    private final TensorSlot out = new TensorSlot();
    private final TensorSlot grad = new TensorSlot();
    private Tensor x;
    private Tensor y;
    private boolean bypassed;

    ActivationStage(Activation activation) { this.activation = activation; }

    Activation activation() { return activation; }

    /** {@code y = f(x)}, or x itself when linear or skipped. */
    Tensor forward(Backend backend, Tensor x, boolean skip) { return forward(backend, x, skip, false); }

    /**
     * {@code y = f(x)}, written over x when {@code overwrite} (the caller's promise that nothing
     * else reads x, and that {@code f'} follows from y alone: backward then sees y as x).
     */
    Tensor forward(Backend backend, Tensor x, boolean skip, boolean overwrite) {
        this.x = x;
        bypassed = skip || activation.kind() == Activation.Kind.LINEAR;
        if (bypassed) {
            y = x;
            return x;
        }
        y = overwrite ? x : out.get(backend, x.shape(), x.dtype());
        backend.activation().forward(activation, x, y);
        return y;
    }

    /**
     * {@code dx = dy * f'(x)} for the last forward; dy itself when that forward was bypassed. dx is
     * taken from {@code pool} when the owning layer shares a model's (null: the stage's own buffer).
     */
    Tensor backward(Backend backend, Tensor dy, GradientPool pool) {
        if (bypassed) return dy;
        Tensor dx = GradientPool.from(pool, grad, backend, dy.shape(), dy.dtype());
        backend.activation().backward(activation, x, y, dy, dx);
        return dx;
    }

    @Override public void close() {
        out.close();
        grad.close();
    }
}
