package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Maximum over each channel's whole sequence (N, C, L), into (N, C) (Keras {@code GlobalMaxPooling1D}); see {@link GlobalPooling}. */
public final class GlobalMaxPooling1D extends GlobalPooling {
    public GlobalMaxPooling1D(String name, LayerConfig c) { super("GlobalMaxPooling1D", PoolParams.Mode.MAX, 1, name, c); }
}
