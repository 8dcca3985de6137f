package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Maximum over each channel's whole map (N, C, H, W), into (N, C) (Keras {@code GlobalMaxPooling2D}); see {@link GlobalPooling}. */
public final class GlobalMaxPooling2D extends GlobalPooling {
    public GlobalMaxPooling2D(String name, LayerConfig c) { super("GlobalMaxPooling2D", PoolParams.Mode.MAX, 2, name, c); }
}
