package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Mean over each channel's whole volume (N, C, D, H, W), into (N, C) (Keras {@code GlobalAveragePooling3D}); see {@link GlobalPooling}. */
public final class GlobalAveragePooling3D extends GlobalPooling {
    public GlobalAveragePooling3D(String name, LayerConfig c) { super("GlobalAveragePooling3D", PoolParams.Mode.AVERAGE, 3, name, c); }
}
