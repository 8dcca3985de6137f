package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Max over boxes of a volume (Keras {@code MaxPooling3D}); see {@link Pooling3D}. */
public final class MaxPooling3D extends Pooling3D {
    public MaxPooling3D(String name, LayerConfig c) { super("MaxPooling3D", PoolParams.Mode.MAX, name, c); }
}
