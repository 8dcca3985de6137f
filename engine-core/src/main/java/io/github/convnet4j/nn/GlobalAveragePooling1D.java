package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Mean over each channel's whole sequence (N, C, L), into (N, C) (Keras {@code GlobalAveragePooling1D}); see {@link GlobalPooling}. */
public final class GlobalAveragePooling1D extends GlobalPooling {
    public GlobalAveragePooling1D(String name, LayerConfig c) { super("GlobalAveragePooling1D", PoolParams.Mode.AVERAGE, 1, name, c); }
}
