package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Maximum over each channel's whole volume (N, C, D, H, W), into (N, C) (Keras {@code GlobalMaxPooling3D}); see {@link GlobalPooling}. */
public final class GlobalMaxPooling3D extends GlobalPooling {
    public GlobalMaxPooling3D(String name, LayerConfig c) { super("GlobalMaxPooling3D", PoolParams.Mode.MAX, 3, name, c); }
}
