package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Mean over windows of a sequence, padding excluded (Keras {@code AveragePooling1D}); see {@link Pooling1D}. */
public final class AveragePooling1D extends Pooling1D {
    public AveragePooling1D(String name, LayerConfig c) { super("AveragePooling1D", PoolParams.Mode.AVERAGE, name, c); }
}
