package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Max over windows of a sequence (Keras {@code MaxPooling1D}); see {@link Pooling1D}. */
public final class MaxPooling1D extends Pooling1D {
    public MaxPooling1D(String name, LayerConfig c) { super("MaxPooling1D", PoolParams.Mode.MAX, name, c); }
}
