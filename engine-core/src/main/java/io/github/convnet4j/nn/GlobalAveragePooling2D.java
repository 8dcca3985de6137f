package io.github.convnet4j.nn;

import io.github.convnet4j.backend.ops.PoolParams;

/** Mean over each channel's whole map: {@code (N, C, H, W) -> (N, C)} (Keras {@code GlobalAveragePooling2D}). */
public final class GlobalAveragePooling2D extends GlobalPooling2D {
    public GlobalAveragePooling2D(String name, LayerConfig c) { super("GlobalAveragePooling2D", PoolParams.Mode.AVERAGE, name, c); }
}
