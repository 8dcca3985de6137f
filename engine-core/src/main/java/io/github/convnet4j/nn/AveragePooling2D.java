package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Average pooling; see {@link Pooling2D}. Padded positions are left out of the count (Keras). */
public final class AveragePooling2D extends Pooling2D {
    public AveragePooling2D(String name, LayerConfig c) { super("AveragePooling2D", PoolParams.Mode.AVERAGE, name, c); }
}
