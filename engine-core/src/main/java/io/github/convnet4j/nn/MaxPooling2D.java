package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Max pooling; see {@link Pooling2D} for shapes and config. Padded positions never win. */
public final class MaxPooling2D extends Pooling2D {
    public MaxPooling2D(String name, LayerConfig c) { super("MaxPooling2D", PoolParams.Mode.MAX, name, c); }
}
