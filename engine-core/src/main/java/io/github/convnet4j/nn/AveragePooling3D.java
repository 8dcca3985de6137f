package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Mean over boxes of a volume, padding excluded (Keras {@code AveragePooling3D}); see {@link Pooling3D}. */
public final class AveragePooling3D extends Pooling3D {
    public AveragePooling3D(String name, LayerConfig c) { super("AveragePooling3D", PoolParams.Mode.AVERAGE, name, c); }
}
